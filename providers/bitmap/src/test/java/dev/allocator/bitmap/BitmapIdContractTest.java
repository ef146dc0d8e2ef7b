package dev.allocator.bitmap;

import dev.allocator.api.IdAllocator;
import dev.allocator.tck.IdAllocatorContract;

/** The bitmap ID allocator passes the tck's ID contract. */
class BitmapIdContractTest extends IdAllocatorContract {
    @Override
    protected IdAllocator newAllocator() {
        return new BitmapIdAllocator();
    }
}
