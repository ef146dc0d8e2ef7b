package dev.allocator.slab;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.ContractSettings;
import org.junit.jupiter.api.Nested;

/** The slab allocator passes the byte allocator contract, with empty chunks returned (default) and kept. */
class SlabContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new SlabByteAllocator();
    }

    @Override
    protected ContractSettings settings() {
        return withKnownFailures(ContractSettings.defaults());
    }

    /**
     * TEMPORARY opt-out (issue 15): the hostile battery's failures on today's slab, reported as skipped until the
     * rewrite lands; remove each name when its test passes.
     */
    static ContractSettings withKnownFailures(ContractSettings settings) {
        return settings
                .withKnownFailures("issue 15: an alloc that fails for want of heap leaves the buddy's blocks split "
                        + "(freeRanges 1 -> 7)", "metadataThatCannotGrowLeavesTheAllocatorUnchanged")
                .withKnownFailures("issue 15: init after addMemory is accepted",
                        "initAfterAddMemoryIsRejectedAndChangesNothing")
                .withKnownFailures("issue 15: the heap walk goes on after its visitor changed the allocator, where "
                        + "it must throw ConcurrentModificationException",
                        "aVisitorThatChangesTheAllocatorIsAConcurrentModification")
                .withKnownFailures("issue 15: forEachBlock(null) passes when there is no run to visit",
                        "aNullVisitorIsANullPointerException");
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
            return withKnownFailures(ContractSettings.defaults().withCoalescesFully(false)
                    .withProviderName("slab").withOptions(AllocatorOptions.of("return-empty", "false")));
        }
    }
}
