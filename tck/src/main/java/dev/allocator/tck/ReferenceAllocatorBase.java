package dev.allocator.tck;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.BlockVisitor;

/** What the three reference allocators share: a {@link FirstFit} core that does the work. */
abstract class ReferenceAllocatorBase implements BaseAllocator {
    /** The allocator proper. */
    private final FirstFit core;

    ReferenceAllocatorBase(FirstFit core) {
        this.core = core;
    }

    /** The core, for the deliberately broken variants of the tck's own tests. */
    final FirstFit core() {
        return core;
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
