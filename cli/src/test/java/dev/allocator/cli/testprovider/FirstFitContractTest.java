package dev.allocator.cli.testprovider;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.PageAllocatorContract;
import org.junit.jupiter.api.Nested;

/** The cli's test allocators keep the allocator contract, so what the golden tests expect is what any must do. */
class FirstFitContractTest {
    @Nested
    class Bytes extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new FirstFitByteAllocator();
        }
    }

    @Nested
    class Pages extends PageAllocatorContract {
        @Override
        protected PageAllocator newAllocator() {
            return new FirstFitPageAllocator(4096);
        }
    }
}
