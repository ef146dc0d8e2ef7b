package dev.allocator.api;

/**
 * Receives one run of a heap walk ({@link BaseAllocator#forEachBlock(BlockVisitor)}): primitive arguments, so a
 * walk allocates nothing.
 */
@FunctionalInterface
public interface BlockVisitor {
    /**
     * Called for each run, in address order.
     *
     * @param start first address (or ID) of the run
     * @param size  length of the run in the allocator's unit: bytes, pages or IDs
     * @param used  true if the run belongs to a live allocation (rounding included), false if it is free
     */
    void visit(long start, long size, boolean used);
}
