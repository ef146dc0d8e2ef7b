package dev.allocator.tck;

import dev.allocator.api.IdAllocator;
import dev.allocator.tck.simple.SimpleIdAllocator;

/** The tck's own lowest-fit ID allocator passes the ID contract. */
class SimpleIdAllocatorContractTest extends IdAllocatorContract {
    @Override
    protected IdAllocator newAllocator() {
        return new SimpleIdAllocator();
    }
}
