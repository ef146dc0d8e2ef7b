package dev.allocator.tlsf;

import dev.allocator.api.ByteAllocator;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.ContractSettings;

/** The TLSF allocator passes the tck's byte allocator contract. */
class TlsfContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new TlsfByteAllocator();
    }

    /**
     * TEMPORARY opt-out (issue 15): the hostile battery's failures on today's TLSF, reported as skipped until the
     * rewrite lands; remove each name when its test passes.
     */
    @Override
    protected ContractSettings settings() {
        return ContractSettings.defaults().withKnownFailures("issue 15: the heap walk goes on after its visitor "
                        + "changed the allocator, where it must throw ConcurrentModificationException",
                "aVisitorThatChangesTheAllocatorIsAConcurrentModification")
                .withKnownFailures("issue 15: forEachBlock(null) passes when there is no run to visit",
                        "aNullVisitorIsANullPointerException");
    }
}
