package dev.allocator.tck.simple;

import dev.allocator.api.AllocException;
import dev.allocator.api.IdAllocator;

/** Lowest-fit ID allocator for the tck's own tests. */
public class SimpleIdAllocator extends SimpleAllocatorBase implements IdAllocator {
    public SimpleIdAllocator() {
        this(new FirstFit(1));
    }

    /** For variants with another core. */
    protected SimpleIdAllocator(FirstFit core) {
        super(core);
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
}
