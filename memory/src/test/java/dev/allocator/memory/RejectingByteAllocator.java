package dev.allocator.memory;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.Allocators;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;

/**
 * TLSF that calls one size, {@link #REJECTED_SIZE}, INVALID_PARAM (as an algorithm with a size limit would): how the
 * tests reach {@link PoolSegmentAllocator}'s restating of a byte allocator's INVALID_PARAM, which no real provider
 * gives for a size that fits the pool.
 */
final class RejectingByteAllocator implements ByteAllocator {
    static final long REJECTED_SIZE = 1000;

    private final ByteAllocator tlsf = Allocators.byteAllocator("tlsf");

    private static void check(long size) {
        if (size == REJECTED_SIZE) {
            throw AllocException.invalidParam("size " + size + " is not served by this allocator");
        }
    }

    @Override
    public void init(long start, long size) {
        tlsf.init(start, size);
    }

    @Override
    public void addMemory(long start, long size) {
        tlsf.addMemory(start, size);
    }

    @Override
    public long alloc(long size, long align) {
        check(size);
        return tlsf.alloc(size, align);
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        tlsf.dealloc(pos, size, align);
    }

    @Override
    public long totalBytes() {
        return tlsf.totalBytes();
    }

    @Override
    public long usedBytes() {
        return tlsf.usedBytes();
    }

    @Override
    public long availableBytes() {
        return tlsf.availableBytes();
    }

    @Override
    public long usableSize(long size, long align) {
        check(size);
        return tlsf.usableSize(size, align);
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        check(newSize);
        return tlsf.tryResize(pos, oldSize, newSize, align);
    }

    @Override
    public void reset() {
        tlsf.reset();
    }

    @Override
    public AllocatorStats stats() {
        return tlsf.stats();
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        tlsf.forEachBlock(visitor);
    }
}
