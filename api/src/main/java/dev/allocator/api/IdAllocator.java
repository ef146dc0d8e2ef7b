package dev.allocator.api;

/**
 * Hands out IDs (thread IDs, file descriptors, handles), singly or as aligned contiguous ranges. The original
 * crate declares this trait without implementing it.
 *
 * <p>After {@code init(start, size)} the IDs are {@code [start, start + size)}. {@link #stats()} counts IDs and
 * {@link #forEachBlock(BlockVisitor)} reports (first ID, count).
 */
public interface IdAllocator extends BaseAllocator {
    /**
     * Allocates {@code count} contiguous IDs, the lowest free range that fits.
     *
     * @param count     IDs wanted, {@code >= 1}
     * @param alignPow2 alignment of the first ID, a power of two
     * @return the first ID
     * @throws AllocException INVALID_PARAM for a bad count or alignment; NO_MEMORY if no free range fits
     */
    long allocId(long count, long alignPow2);

    /**
     * Frees {@code count} IDs from {@code startId}.
     *
     * @param startId first ID
     * @param count   IDs to free, {@code >= 1}
     * @throws AllocException NOT_ALLOCATED if any of them is free or not managed at all (then nothing is freed), as a
     *                        byte allocator's free of a foreign address; INVALID_PARAM for a count below 1 or a range
     *                        past {@link Long#MAX_VALUE}
     */
    void deallocId(long startId, long count);

    /**
     * Tells whether an ID is allocated.
     *
     * @param id any ID
     * @return true if it is managed and allocated
     */
    boolean isAllocated(long id);

    /**
     * Allocates one given ID.
     *
     * @param id the ID wanted
     * @throws AllocException INVALID_PARAM if it is outside the managed IDs; NO_MEMORY if it is taken
     */
    void allocFixedId(long id);

    /**
     * Returns the number of IDs under management.
     *
     * @return total IDs
     */
    long size();

    /**
     * Returns the number of IDs allocated.
     *
     * @return used IDs, O(1)
     */
    long used();

    /**
     * Returns {@code size() - used()}.
     *
     * @return free IDs, O(1)
     */
    long available();

    /**
     * Tells how many IDs a request really takes ({@link #used()} grows by exactly this).
     *
     * @param count     IDs wanted, {@code >= 1}
     * @param alignPow2 alignment, a power of two
     * @return IDs taken, {@code >= count}
     * @throws AllocException INVALID_PARAM for a bad count or alignment
     */
    long usableSize(long count, long alignPow2);

    /**
     * Grows or shrinks a live range of IDs in place.
     *
     * @param startId  first ID of the range
     * @param oldCount its length
     * @param newCount the length wanted, {@code >= 1}
     * @return true if the range now has {@code newCount} IDs; false (and nothing changed) if the IDs after it are
     *         taken
     * @throws AllocException NOT_ALLOCATED if the range is not allocated; INVALID_PARAM for bad arguments
     */
    boolean tryResize(long startId, long oldCount, long newCount);
}
