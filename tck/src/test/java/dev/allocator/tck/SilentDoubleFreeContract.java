package dev.allocator.tck;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;

/**
 * The concurrency contract on a synchronized first-fit allocator whose dealloc swallows NOT_ALLOCATED, so that
 * every double free "succeeds": {@link SynchronizedReferenceConcurrencyContractTest} runs its tests by hand and
 * expects them to fail. Not a test class itself (its name does not end in Test).
 */
final class SilentDoubleFreeContract extends ConcurrentByteAllocatorContract {
    /** The broken allocator. */
    static final class SilentDoubleFree extends ReferenceByteAllocator {
        @Override
        public void dealloc(long pos, long size, long align) {
            try {
                super.dealloc(pos, size, align);
            } catch (AllocException e) {
                if (e.error() != AllocError.NOT_ALLOCATED) {
                    throw e;
                }
            }
        }
    }

    @Override
    protected ByteAllocator newAllocator() {
        return Allocators.synchronizedByteAllocator(new SilentDoubleFree());
    }

    @Override
    protected int operationsPerThread() {
        return 2_000;
    }
}
