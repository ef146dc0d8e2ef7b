package dev.allocator.slab;

import dev.allocator.api.ByteAllocator;
import dev.allocator.tck.ByteAllocatorContract;
import org.junit.jupiter.api.Nested;

/** The slab allocator passes the byte allocator contract, with empty chunks returned (default) and kept. */
class SlabContractTest extends ByteAllocatorContract {
    @Override
    protected ByteAllocator newAllocator() {
        return new SlabByteAllocator();
    }

    /** With return-empty off, freed chunks stay with their class: freeing everything does not coalesce. */
    @Nested
    class KeepingEmptyChunks extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new SlabByteAllocator(SlabByteAllocator.DEFAULT_CLASSES, 64, false);
        }

        @Override
        protected boolean coalescesFully() {
            return false;
        }
    }
}
