package dev.allocator.tck.simple;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.IdAllocator;

/** Lowest-fit ID allocator for the tck's own tests. */
public class SimpleIdAllocator implements IdAllocator {
    protected final FirstFit core = new FirstFit(1);

    @Override
    public void init(long start, long size) {
        core.init(start, size);
    }

    @Override
    public void addMemory(long start, long size) {
        core.addMemory(start, size);
    }

    @Override
    public long allocId(long count, long alignPow2) {
        return core.alloc(usableSize(count, alignPow2), alignPow2);
    }

    @Override
    public void deallocId(long startId, long count) {
        if (count < 1) {
            throw AllocException.invalidParam("count " + count);
        }
        core.free(startId, count);
    }

    @Override
    public boolean isAllocated(long id) {
        return core.isAllocated(id);
    }

    @Override
    public void allocFixedId(long id) {
        core.allocAt(id, 1);
    }

    @Override
    public long size() {
        return core.total();
    }

    @Override
    public long used() {
        return core.used();
    }

    @Override
    public long available() {
        return core.available();
    }

    @Override
    public long usableSize(long count, long alignPow2) {
        FirstFit.checkRequest(count, alignPow2, 1);
        return count;
    }

    @Override
    public boolean tryResize(long startId, long oldCount, long newCount) {
        if (newCount < 1) {
            throw AllocException.invalidParam("new count " + newCount);
        }
        return core.tryResize(startId, oldCount, newCount);
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
