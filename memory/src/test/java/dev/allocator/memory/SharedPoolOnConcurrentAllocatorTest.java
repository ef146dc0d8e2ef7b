package dev.allocator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A shared pool built by name runs on {@code dev.allocator.concurrent}'s {@code ConcurrentByteAllocator} when that
 * module is in the module graph (these tests add it with {@code --add-modules}; this module never requires it), and
 * on the synchronized view of an allocator the caller hands in.
 */
class SharedPoolOnConcurrentAllocatorTest {
    @Test
    void aSharedPoolBuiltByNameUsesTheConcurrentAllocatorWhenItsModuleIsPresent() throws InterruptedException {
        try (PoolSegmentAllocator shared = PoolSegmentAllocator.builder("tlsf").poolSize(1 << 20).shared().build()) {
            assertEquals(ThreadSafeByteAllocators.CONCURRENT, shared.byteAllocator().getClass().getName());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 2000; i++) {
                            MemorySegment segment = shared.allocate(64 + i % 100, 8);
                            segment.fill((byte) i);
                            shared.free(segment);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(0, shared.byteAllocator().usedBytes());
        }
    }

    @Test
    void aConfinedPoolKeepsThePlainAlgorithm() {
        try (PoolSegmentAllocator confined = PoolSegmentAllocator.builder("tlsf").poolSize(1 << 20).build()) {
            assertTrue(confined.byteAllocator().getClass().getName().endsWith("TlsfByteAllocator"),
                    confined.byteAllocator().getClass().getName());
        }
    }

    @Test
    void anAllocatorHandedInIsWrappedInTheSynchronizedViewUnlessItIsThreadSafe() {
        ByteAllocator plain = Allocators.byteAllocator("buddy");
        ByteAllocator wrapped = ThreadSafeByteAllocators.threadSafe(plain);
        assertTrue(wrapped.getClass().getName().contains("Synchronized"), wrapped.getClass().getName());
        ByteAllocator concurrent = ThreadSafeByteAllocators.byName("buddy", dev.allocator.api.spi.AllocatorOptions.empty());
        assertSame(concurrent, ThreadSafeByteAllocators.threadSafe(concurrent));
    }
}
