package dev.allocator.tck;

import dev.allocator.api.ByteAllocator;

/** The reference byte allocator passes the byte contract. */
class ReferenceByteAllocatorContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new ReferenceByteAllocator();
    }
}
