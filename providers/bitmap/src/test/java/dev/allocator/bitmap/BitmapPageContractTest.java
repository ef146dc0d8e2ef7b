package dev.allocator.bitmap;

import dev.allocator.api.PageAllocator;
import dev.allocator.tck.ContractSettings;
import dev.allocator.tck.PageAllocatorContract;

/** The bitmap page allocator passes the tck's page contract. */
class BitmapPageContractTest extends PageAllocatorContract {
    @Override
    protected PageAllocator newAllocator() {
        return new BitmapPageAllocator();
    }

    /**
     * TEMPORARY opt-out (issue 15): the hostile battery's failures on today's bitmap allocators, reported as skipped
     * until the bitmap rewrite lands; remove each name when its test passes.
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
