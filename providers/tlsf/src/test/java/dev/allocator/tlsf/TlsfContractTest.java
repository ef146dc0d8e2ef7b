package dev.allocator.tlsf;

import dev.allocator.api.ByteAllocator;
import dev.allocator.tck.ByteAllocatorContract;

/** The TLSF allocator passes the tck's byte allocator contract. */
class TlsfContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new TlsfByteAllocator();
    }

}
