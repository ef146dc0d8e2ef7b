package dev.allocator.slab;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.ContractSettings;
import org.junit.jupiter.api.Nested;

/**
 * The slab allocator passes the byte allocator contract, with empty chunks returned (default: all but one spare per
 * class, so freeing everything does not give a fresh allocator back until {@code trim()}) and kept.
 */
class SlabContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new SlabByteAllocator();
    }

    @Override
    protected ContractSettings settings() {
        return ContractSettings.defaults().withCoalescesFully(false);
    }

    /** With return-empty off, freed chunks stay with their class: freeing everything does not coalesce. */
    @Nested
    class KeepingEmptyChunks extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new SlabByteAllocator(SlabByteAllocator.defaultClasses(), 64, false);
        }

        @Override
        protected ContractSettings settings() {
            return ContractSettings.defaults().withCoalescesFully(false).withProviderName("slab")
                    .withOptions(AllocatorOptions.of("return-empty", "false"));
        }
    }
}
