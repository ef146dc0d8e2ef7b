package dev.allocator.api;

/**
 * A snapshot of an allocator's occupancy, in the allocator's own unit (bytes, pages or IDs).
 *
 * @param total       everything managed: the sum of the regions (the part the allocator can use)
 * @param used        reserved for live allocations, rounding included
 * @param available   {@code total - used}
 * @param liveBlocks  number of live allocations
 * @param freeRanges  number of maximal free runs the allocator could hand out
 * @param largestFree length of the largest free run
 */
public record AllocatorStats(long total, long used, long available, long liveBlocks,
                             long freeRanges, long largestFree) {
    /**
     * How scattered the free space is: {@code 1 - largestFree / available}. Zero when all free space is one run
     * (or there is none), close to one when it is in many small pieces.
     *
     * @return a value in {@code [0, 1]}
     */
    public double fragmentation() {
        if (available <= 0) {
            return 0.0;
        }
        return 1.0 - (double) largestFree / (double) available;
    }
}
