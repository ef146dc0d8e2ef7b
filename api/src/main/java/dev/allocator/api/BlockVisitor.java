package dev.allocator.api;

/**
 * Receives one run of a heap walk ({@link BaseAllocator#forEachBlock(BlockVisitor)}): primitive arguments, so a
 * walk allocates nothing.
 *
 * <p>A visitor may read the allocator it walks but must not change it: a change from inside
 * {@link #visit(long, long, boolean)} makes the walk throw {@link java.util.ConcurrentModificationException} (see
 * {@link BaseAllocator#forEachBlock(BlockVisitor)}). To free or resize blocks found by a walk, collect them first
 * and change the allocator after the walk returns.
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
