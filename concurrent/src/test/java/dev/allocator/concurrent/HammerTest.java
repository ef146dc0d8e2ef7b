package dev.allocator.concurrent;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.tck.ConcurrentByteAllocatorContract;
import org.junit.jupiter.api.Nested;

/**
 * The tck's concurrency contract on the concurrent allocator over tlsf, buddy and slab, with 8 threads: random
 * allocations, frees, resizes, cross-thread and foreign frees, checked for overlap as they come and for exact
 * accounting at the end of every round; every double free across threads must be NOT_ALLOCATED.
 *
 * <p>The default is short for CI (20,000 operations per thread); the full size is
 * {@code mvn -pl concurrent verify -Dtest=HammerTest -Dallocator.tck.concurrent.ops=1000000}. The chunks are
 * small (64 KiB, so that chunks are leased and given back often and blocks above 8 KiB go to the root) and the
 * caches tight (16 KiB per thread, so that blocks go home in batches all the time).
 */
class HammerTest {
    static ByteAllocator concurrent(String algorithm) {
        return ConcurrentByteAllocator.of(algorithm, AllocatorOptions.of("arenas", "4", "chunk-size", "64KiB",
                "cache-bytes", "16KiB"));
    }

    abstract static class EightThreads extends ConcurrentByteAllocatorContract {
        @Override
        protected int threads() {
            return Integer.getInteger(THREADS, 8);
        }
    }

    @Nested
    class Tlsf extends EightThreads {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("tlsf");
        }
    }

    @Nested
    class Buddy extends EightThreads {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("buddy");
        }
    }

    @Nested
    class Slab extends EightThreads {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("slab");
        }
    }

    /** Default options (chunks of 4 MiB, 256 KiB caches), tlsf. */
    @Nested
    class TlsfDefaults extends EightThreads {
        @Override
        protected ByteAllocator newAllocator() {
            return ConcurrentByteAllocator.of("tlsf");
        }
    }
}
