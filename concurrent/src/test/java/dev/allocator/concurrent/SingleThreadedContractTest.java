package dev.allocator.concurrent;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.ContractSettings;
import org.junit.jupiter.api.Nested;

/**
 * The tck's single-threaded contract, run on the concurrent allocator over each algorithm: every guarantee of a
 * single-threaded allocator, checked after every call against the reference model, holds when one thread uses it.
 *
 * <p>Its settings say {@code deterministic(false)}: a request that fails sends the thread caches home before it gives up
 * (nothing observable changes: counters, stats and walk stay equal), so a copy replayed with a rejected call may
 * place later blocks elsewhere than one replayed without it; the kit's replay comparison would call that a hidden
 * change. Small chunks (1 KiB, so requests up to 128 B go through chunks and caches) and the automatic size are
 * both run.
 */
class SingleThreadedContractTest {
    static ByteAllocator concurrent(String algorithm, String chunkSize) {
        return ConcurrentByteAllocator.of(algorithm, AllocatorOptions.of("arenas", "3", "chunk-size", chunkSize));
    }

    abstract static class Contract extends ByteAllocatorContract {
        @Override
        protected ContractSettings settings() {
            return ContractSettings.defaults().withDeterministic(false);
        }
    }

    @Nested
    class TlsfSmallChunks extends Contract {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("tlsf", "1KiB");
        }
    }

    @Nested
    class TlsfAutomaticChunks extends Contract {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("tlsf", "auto");
        }
    }

    @Nested
    class BuddySmallChunks extends Contract {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("buddy", "1KiB");
        }
    }

    /** Slab keeps one empty slab per size class (its own contract run says so too): it does not coalesce fully. */
    @Nested
    class SlabAutomaticChunks extends Contract {
        @Override
        protected ByteAllocator newAllocator() {
            return concurrent("slab", "auto");
        }

        @Override
        protected ContractSettings settings() {
            return super.settings().withCoalescesFully(false);
        }
    }
}
