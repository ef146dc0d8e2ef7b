package dev.allocator.tck;

import dev.allocator.api.PageAllocator;
import dev.allocator.tck.simple.SimplePageAllocator;

/** The tck's own first-fit page allocator passes the page contract. */
class SimplePageAllocatorContractTest extends PageAllocatorContract {
    @Override
    protected PageAllocator newAllocator() {
        return new SimplePageAllocator();
    }
}
