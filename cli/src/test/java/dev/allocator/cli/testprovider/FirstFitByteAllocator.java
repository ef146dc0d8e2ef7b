package dev.allocator.cli.testprovider;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;

/** A first-fit byte allocator for tests: blocks are rounded up to 8 bytes (8 at least). */
public final class FirstFitByteAllocator implements ByteAllocator {
    private final FirstFitSpace space = new FirstFitSpace();

    @Override
    public void init(long start, long size) {
        space.add(start, size, true);
    }

    @Override
    public void addMemory(long start, long size) {
        space.add(start, size, false);
    }

    @Override
    public long alloc(long size, long align) {
        long block = tryAlloc(size, align);
        if (block == NO_BLOCK) {
            throw AllocException.noMemory("no memory for " + size + " bytes aligned to " + align);
        }
        return block;
    }

    @Override
    public long tryAlloc(long size, long align) {
        return space.alloc(usableSize(size, align), align);
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        space.free(pos, usableSize(size, align));
    }

    @Override
    public long totalBytes() {
        return space.total();
    }

    @Override
    public long usedBytes() {
        return space.used();
    }

    @Override
    public long availableBytes() {
        return space.total() - space.used();
    }

    @Override
    public long usableSize(long size, long align) {
        if (size < 0 || align <= 0 || (align & (align - 1)) != 0 || size > Long.MAX_VALUE - align - 8) {
            throw AllocException.invalidParam("bad size " + size + " or align " + align);
        }
        return Math.max(8, (size + 7) & -8L);
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        if (!space.isLive(pos, usableSize(oldSize, align))) {
            throw AllocException.notAllocated("no live block of " + oldSize + " bytes at " + pos);
        }
        return usableSize(newSize, align) == usableSize(oldSize, align);
    }

    @Override
    public void reset() {
        space.reset();
    }

    @Override
    public AllocatorStats stats() {
        return space.stats();
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        space.forEach(visitor, 0);
    }
}
