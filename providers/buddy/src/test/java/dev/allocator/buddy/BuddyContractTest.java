package dev.allocator.buddy;

import dev.allocator.api.ByteAllocator;
import dev.allocator.tck.ByteAllocatorContract;

/** The buddy allocator (default options) passes the byte allocator contract. */
class BuddyContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new BuddyByteAllocator();
    }

}
