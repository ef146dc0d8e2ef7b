package dev.allocator.bitmap;

import dev.allocator.api.PageAllocator;
import dev.allocator.tck.PageAllocatorContract;

/** The bitmap page allocator passes the tck's page contract. */
class BitmapPageContractTest extends PageAllocatorContract {
    @Override
    protected PageAllocator newAllocator() {
        return new BitmapPageAllocator();
    }
}
