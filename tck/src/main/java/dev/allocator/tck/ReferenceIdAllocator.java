package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.IdAllocator;

/**
 * A reference ID allocator: lowest fit, as {@link IdAllocator} documents. Slow, O(live ranges) per call, and
 * obviously correct: a fixture for tests that need an ID allocator that is not under test. It passes
 * {@link IdAllocatorContract}. Rules as {@link ReferenceByteAllocator}'s. Not thread safe.
 */
public class ReferenceIdAllocator extends ReferenceAllocatorBase implements IdAllocator {
    /** Creates an uninitialised allocator. */
    public ReferenceIdAllocator() {
        this(new FirstFit(1));
    }

    /** For variants with another core. */
    ReferenceIdAllocator(FirstFit core) {
        super(core);
    }

    @Override
    public long allocId(long count, long alignPow2) {
        return core().alloc(usableSize(count, alignPow2), alignPow2);
    }

    @Override
    public void deallocId(long startId, long count) {
        if (count < 1) {
            throw AllocException.invalidParam("count " + count + " is below 1");
        }
        core().free(startId, count);
    }

    @Override
    public boolean isAllocated(long id) {
        return core().isAllocated(id);
    }

    @Override
    public void allocFixedId(long id) {
        core().allocAt(id, 1);
    }

    @Override
    public long size() {
        return core().total();
    }

    @Override
    public long used() {
        return core().used();
    }

    @Override
    public long available() {
        return core().available();
    }

    @Override
    public long usableSize(long count, long alignPow2) {
        FirstFit.checkRequest(count, alignPow2, 1);
        return count;
    }

    @Override
    public boolean tryResize(long startId, long oldCount, long newCount) {
        if (newCount < 1) {
            throw AllocException.invalidParam("new count " + newCount + " is below 1");
        }
        return core().tryResize(startId, oldCount, newCount);
    }

    @Override
    public String toString() {
        return "ReferenceIdAllocator[" + core().used() + " of " + core().total() + " IDs used]";
    }
}
