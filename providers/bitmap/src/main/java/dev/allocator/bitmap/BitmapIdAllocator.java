package dev.allocator.bitmap;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.IdAllocator;
import java.util.ConcurrentModificationException;
import java.util.Objects;

/**
 * An ID allocator on a bitmap with a summary tree: one bit per ID (and one marking where each allocation starts), the lowest
 * free ID (or aligned range of IDs) first, as thread IDs, file descriptors and handle tables want. The original crate declares
 * {@code IdAllocator} but implements it nowhere.
 *
 * <p>Behaviour:
 * <ul>
 *   <li>After {@code init(start, size)} the IDs are {@code [start, start + size)}. {@link #addMemory} adds
 *       another disjoint range of IDs (before {@code init} it acts as {@code init}); ranges are searched in
 *       order, lowest first. One range holds at most {@value Integer#MAX_VALUE} IDs; metadata is about 5 bits
 *       per ID.</li>
 *   <li>{@link #allocId} returns the lowest run of free IDs whose first ID is a multiple of the alignment (of the
 *       ID value itself, not of its offset in the range).</li>
 *   <li>{@link #allocFixedId}: an ID outside the ranges is INVALID_PARAM, a taken one NO_MEMORY.</li>
 *   <li>{@link #deallocId}: anything but exactly one live allocation (a free ID, a double free, part of a
 *       range, two ranges at once, IDs outside the managed ones) is NOT_ALLOCATED and nothing is freed. {@link #allocFixedId} makes an allocation of one ID.</li>
 *   <li>{@link #forEachBlock} reports each live allocation and each maximal free run as (first ID, count,
 *       used); {@link AllocatorStats#liveBlocks()} is the number of live allocations.</li>
 *   <li>Before {@link #init}, {@link #allocId} is NO_MEMORY; {@code init} twice is MEMORY_OVERLAP.</li>
 * </ul>
 *
 * <p>Costs, with no objects created: one ID ({@code allocId(1, 1)}, {@code deallocId(id, 1)},
 * {@link #allocFixedId}) O(log64 IDs), through indexes of the bitmap's words, the summary tree catching up at the
 * next range request; a range O(log IDs + count/64) (aligned ranges: see {@link BitmapPageAllocator}). Not thread
 * safe.
 */
public final class BitmapIdAllocator implements IdAllocator {
    private final BitmapRegions ids = new BitmapRegions();
    private boolean initialised;

    /** Creates an allocator with no IDs; call {@link #init(long, long)}. */
    public BitmapIdAllocator() {
    }

    /**
     * {@inheritDoc}
     *
     * <p>The IDs become {@code [start, start + size)}.
     *
     * @throws AllocException MEMORY_OVERLAP if already initialised; INVALID_PARAM for a bad range or more than
     *                        {@value Integer#MAX_VALUE} IDs
     */
    @Override
    public void init(long start, long size) {
        if (initialised) {
            throw AllocException.memoryOverlap("already initialised; init(" + start + ", " + size
                    + ") again is rejected, use addMemory for more IDs");
        }
        addMemory(start, size);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Adds the IDs {@code [start, start + size)} as another range.
     *
     * @throws AllocException INVALID_PARAM for a bad range or more than {@value Integer#MAX_VALUE} IDs;
     *                        MEMORY_OVERLAP if it overlaps IDs already added
     */
    @Override
    public void addMemory(long start, long size) {
        ids.add(start, size);
        initialised = true;
    }

    @Override
    public long allocId(long count, long alignPow2) {
        checkRequest(count, alignPow2);
        if (!initialised) {
            throw AllocException.noMemory("no IDs for " + count + " IDs: the allocator is not initialised");
        }
        long id = ids.alloc(count, alignPow2);
        if (id < 0) {
            throw AllocException.noMemory("no free run of " + count + " IDs aligned to " + alignPow2 + ": "
                    + available() + " IDs available, largest free run " + ids.largestFree() + " IDs");
        }
        return id;
    }

    private static void checkRequest(long count, long alignPow2) {
        Arguments.requireCount(count, "ID count");
        Arguments.requireAlign(alignPow2);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The range must be exactly one live allocation; one reaching outside the managed IDs is not one, so it is
     * NOT_ALLOCATED (as the tck's model expects), while a count below 1, a negative ID or a range past
     * {@link Long#MAX_VALUE} is INVALID_PARAM.
     */
    @Override
    public void deallocId(long startId, long count) {
        Arguments.requireCount(count, "ID count");
        Arguments.requireRunInRange(startId, count, 1, "ID");
        if (!ids.free(startId, count)) {
            throw notAllocated(startId, count);
        }
    }

    private static AllocException notAllocated(long startId, long count) {
        return AllocException.notAllocated("the IDs [" + startId + ", " + (startId + count)
                + ") are not a live allocation (a free ID or another count)");
    }

    @Override
    public boolean isAllocated(long id) {
        return ids.isUsed(id);
    }

    @Override
    public void allocFixedId(long id) {
        if (!ids.contains(id)) {
            throw AllocException.invalidParam("ID " + id + " is outside the managed IDs");
        }
        if (ids.allocAt(id, 1) != BitmapRegions.TAKEN) {
            throw AllocException.noMemory("ID " + id + " is already allocated");
        }
    }

    @Override
    public long size() {
        return ids.total();
    }

    @Override
    public long used() {
        return ids.used();
    }

    @Override
    public long available() {
        return ids.total() - ids.used();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A bitmap takes exactly the IDs asked for, so this is {@code count}.
     */
    @Override
    public long usableSize(long count, long alignPow2) {
        checkRequest(count, alignPow2);
        return count;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Shrinking frees the last IDs; growing takes the free IDs right after the range, within its managed
     * range.
     */
    @Override
    public boolean tryResize(long startId, long oldCount, long newCount) {
        Arguments.requireCount(oldCount, "ID count");
        Arguments.requireCount(newCount, "new ID count");
        Arguments.requireRunInRange(startId, oldCount, 1, "ID");
        if (!ids.isAllocation(startId, oldCount)) {
            throw notAllocated(startId, oldCount);
        }
        return ids.resize(startId, oldCount, newCount);
    }

    @Override
    public void reset() {
        ids.reset();
    }

    /**
     * {@inheritDoc}
     *
     * <p>In IDs; {@code liveBlocks} as described in the class comment.
     */
    @Override
    public AllocatorStats stats() {
        return ids.stats();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reports each live allocation and each maximal free run, as (first ID, count, used). The visitor must not
     * change this allocator.
     *
     * @throws NullPointerException            if {@code visitor} is null
     * @throws ConcurrentModificationException if the visitor allocated, freed, resized, reset or added IDs
     *                                         (detected when that visit returns; the walk stops there, the change
     *                                         stays)
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        ids.forEachRun(visitor);
    }

    @Override
    public String toString() {
        return "BitmapIdAllocator[size=" + size() + ", used=" + used() + "]";
    }
}
