package dev.allocator.api;

/**
 * What every allocator has: the regions it manages, and a way to look at and clear them.
 *
 * <p>An allocator manages abstract address ranges ({@code long} start, {@code long} size) in
 * {@code [0, Long.MAX_VALUE]}: off-heap memory, a GPU buffer, space in a file, a range of IDs. Its
 * bookkeeping lives out of band, never inside the managed range, so address 0 is a valid address.
 *
 * <p>Every operation either succeeds or throws {@link AllocException} and leaves the allocator exactly as it
 * was. Allocators are not thread safe; see {@link Allocators#synchronizedByteAllocator(ByteAllocator)} and its
 * twins for shared use.
 *
 * <p>Units: a {@link ByteAllocator} counts bytes, a {@link PageAllocator} counts pages (with byte addresses),
 * an {@link IdAllocator} counts IDs.
 */
public interface BaseAllocator {
    /**
     * Gives the allocator its first region. Call once, before anything else.
     *
     * <p>The allocator is initialised by the first {@code init} or {@code addMemory}, whichever comes first, even
     * of an empty region: after either, {@code init} is rejected with MEMORY_OVERLAP and changes nothing (add more
     * regions with {@link #addMemory(long, long)}).
     *
     * @param start first address of the region, {@code >= 0}
     * @param size  length of the region, {@code >= 0}; {@code start + size} must not exceed {@link Long#MAX_VALUE}
     * @throws AllocException INVALID_PARAM for a bad range; MEMORY_OVERLAP if already initialised (by {@code init}
     *                        or {@code addMemory})
     */
    void init(long start, long size);

    /**
     * Adds another region, disjoint from all regions already added. Regions never merge with each other. On a fresh
     * allocator it initialises it, as {@link #init(long, long)} would.
     *
     * <p>A region costs metadata in proportion to the blocks later allocated in it, not to its size: a
     * {@code 1L << 62}-byte region is as cheap to add as a 1 MiB one. An allocator whose bookkeeping is by nature
     * per unit (a bitmap) documents the largest range it takes and rejects a larger one with INVALID_PARAM.
     *
     * @param start first address of the region, {@code >= 0}
     * @param size  length of the region, {@code >= 0}
     * @throws AllocException INVALID_PARAM for a bad range; MEMORY_OVERLAP if it overlaps a region already added
     */
    void addMemory(long start, long size);

    /**
     * Frees every live allocation at once, keeping the regions: afterwards the allocator is as it was right after
     * its regions were added. Costs O(regions + live blocks) or better.
     */
    void reset();

    /**
     * Returns a snapshot of the allocator's occupancy, in its own unit (bytes, pages or IDs). May cost
     * O(free ranges); the plain counters ({@code used}, {@code available}) stay O(1).
     *
     * @return the statistics, with {@code used + available == total}
     */
    AllocatorStats stats();

    /**
     * Walks every managed range in address order, reporting each run of used or free space once. Adjacent
     * regions are reported separately. Runs are reported as in {@link BlockVisitor}: a byte allocator gives
     * (address, bytes), a page allocator (address, pages), an ID allocator (first ID, count).
     *
     * <p>The visitor may read the allocator (its counters, {@link #stats()}, {@code usableSize}, a nested walk) but
     * must not change it. A visitor that does anyway (allocates, frees, resizes, adds a region, resets) is
     * detected, never left to corrupt the walk or the allocator: either that call throws
     * {@link java.util.ConcurrentModificationException} and changes nothing, or it takes effect and the walk stops
     * as soon as the visitor returns, visiting no further run; either way {@code forEachBlock} throws
     * {@link java.util.ConcurrentModificationException} (unless the visitor caught the first kind and carried on
     * without changing anything), and the allocator is valid and usable afterwards. An exception the visitor throws
     * ends the walk and propagates unchanged; the allocator is as it was and usable.
     *
     * @param visitor called once per run
     * @throws java.util.ConcurrentModificationException if the visitor changed the allocator
     * @throws NullPointerException                      if {@code visitor} is null (even when there is no run)
     */
    void forEachBlock(BlockVisitor visitor);
}
