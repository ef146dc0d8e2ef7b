package dev.allocator.tlsf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import org.junit.jupiter.api.Test;

/**
 * The free of the block allocated just before is recorded and undone lazily. That this is invisible (an allocator
 * observed after every call answers exactly as one that is not) is the tck's {@code observingTheAllocatorChangesNoAnswer};
 * these are the undo's own cases.
 */
class UndoTest {
    private static TlsfByteAllocator twoRegions() {
        TlsfByteAllocator allocator = new TlsfByteAllocator();
        allocator.init(0, 64 << 10);
        allocator.addMemory(1 << 20, 16 << 10);
        return allocator;
    }

    @Test
    void aFreedBlockAllocatedAgainComesBackAtTheSameAddressWithTheCountersRight() {
        TlsfByteAllocator allocator = twoRegions();
        long kept = allocator.alloc(100, 16);
        long block = allocator.alloc(256, 16);
        allocator.dealloc(block, 256, 16);
        assertEquals(112, allocator.usedBytes(), "the recorded free counts at once");
        assertEquals(block, allocator.alloc(256, 16));
        assertEquals(112 + 256, allocator.usedBytes());
        assertEquals(2, allocator.stats().liveBlocks());
        allocator.dealloc(block, 256, 16);
        allocator.dealloc(kept, 100, 16);
        assertEquals(0, allocator.usedBytes());
        assertEquals(2, allocator.stats().freeRanges(), "every region one free block again");
    }

    @Test
    void aDoubleFreeOfTheRecordedBlockIsRejectedAndChangesNothing() {
        TlsfByteAllocator allocator = twoRegions();
        long block = allocator.alloc(256, 16);
        allocator.dealloc(block, 256, 16);
        AllocException e = assertThrows(AllocException.class, () -> allocator.dealloc(block, 256, 16));
        assertEquals(AllocError.NOT_ALLOCATED, e.error());
        assertThrows(AllocException.class, () -> allocator.tryResize(block, 256, 512, 16));
        assertEquals(0, allocator.usedBytes());
        assertEquals(block, allocator.alloc(256, 16), "the rejected calls left the recorded free as it was");
    }
}
