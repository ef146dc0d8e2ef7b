package dev.allocator.tck;

import dev.allocator.api.ByteAllocator;
import dev.allocator.tck.simple.SimpleByteAllocator;

/** The tck's own first-fit byte allocator passes the byte contract. */
class SimpleByteAllocatorContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new SimpleByteAllocator();
    }
}
