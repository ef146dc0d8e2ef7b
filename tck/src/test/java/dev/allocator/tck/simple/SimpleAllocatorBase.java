package dev.allocator.tck.simple;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.BlockVisitor;

/** What the three simple allocators share: a {@link FirstFit} core that does the work. */
abstract class SimpleAllocatorBase implements BaseAllocator {
    /** The allocator proper. */
    protected final FirstFit core;

    SimpleAllocatorBase(FirstFit core) {
        this.core = core;
    }

    @Override
    public void init(long start, long size) {
        core.init(start, size);
    }

    @Override
    public void addMemory(long start, long size) {
        core.addMemory(start, size);
    }

    @Override
    public void reset() {
        core.reset();
    }

    @Override
    public AllocatorStats stats() {
        return core.stats();
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        core.forEachBlock(visitor);
    }
}
