package dev.allocator.buddy;

import dev.allocator.api.ByteAllocator;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.ContractSettings;

/** The buddy allocator (default options) passes the byte allocator contract. */
class BuddyContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new BuddyByteAllocator();
    }

    /**
     * TEMPORARY opt-out (issue 15): the hostile battery's failures on today's buddy, reported as skipped until the
     * rewrite lands; remove each name when its test passes.
     */
    @Override
    protected ContractSettings settings() {
        return ContractSettings.defaults()
                .withKnownFailures("issue 15: init(0, 1L << 62) throws OutOfMemoryError (a record per 2 GiB top "
                        + "block)", "hugeRegionsCostNoMoreThanSmallOnes")
                .withKnownFailures("issue 15: an alloc that fails for want of heap leaves the free blocks split "
                        + "(freeRanges 512 -> 511)", "metadataThatCannotGrowLeavesTheAllocatorUnchanged")
                .withKnownFailures("issue 15: init after addMemory is accepted",
                        "initAfterAddMemoryIsRejectedAndChangesNothing")
                .withKnownFailures("issue 15: the heap walk goes on after its visitor changed the allocator, where "
                        + "it must throw ConcurrentModificationException",
                        "aVisitorThatChangesTheAllocatorIsAConcurrentModification")
                .withKnownFailures("issue 15: forEachBlock(null) passes when there is no run to visit",
                        "aNullVisitorIsANullPointerException");
    }
}
