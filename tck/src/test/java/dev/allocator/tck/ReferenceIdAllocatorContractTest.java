package dev.allocator.tck;

import dev.allocator.api.IdAllocator;

/** The reference id allocator passes the ID contract. */
class ReferenceIdAllocatorContractTest extends IdAllocatorContract {
    @Override
    protected IdAllocator newAllocator() {
        return new ReferenceIdAllocator();
    }
}
