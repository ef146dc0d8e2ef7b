package dev.allocator.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import org.junit.jupiter.api.Test;

/**
 * The free of the block allocated just before, when that allocation split a block, is recorded and undone lazily (the
 * steady pair: the simplest case of the split path, see {@link SplitPathTest}). That this is invisible (an allocator
 * observed after every call answers exactly as one that is not) is the tck's {@code observingTheAllocatorChangesNoAnswer};
 * these are the undo's own cases.
 */
class UndoTest {
    private static BuddyByteAllocator twoRegions() {
        BuddyByteAllocator allocator = new BuddyByteAllocator(16, 20);
        allocator.init(0, 1 << 20);
        allocator.addMemory(3 << 20, 200 << 10);
        return allocator;
    }

    @Test
    void aFreedBlockAllocatedAgainComesBackAtTheSameAddressWithoutSplitting() {
        BuddyByteAllocator allocator = twoRegions();
        long block = allocator.alloc(256, 16);
        int records = allocator.blockRecords();
        allocator.dealloc(block, 256, 16);
        assertEquals(0, allocator.usedBytes(), "the recorded free counts at once");
        assertEquals(block, allocator.alloc(256, 16));
        assertEquals(256, allocator.usedBytes());
        assertEquals(records, allocator.blockRecords());
        allocator.dealloc(block, 256, 16);
        allocator.alloc(512, 16); // another order: the recorded free is done first, merging everything back
        assertEquals(512, allocator.usedBytes());
    }

    @Test
    void aDoubleFreeOfTheRecordedBlockIsRejected() {
        BuddyByteAllocator allocator = twoRegions();
        long block = allocator.alloc(256, 16);
        allocator.dealloc(block, 256, 16);
        AllocException e = assertThrows(AllocException.class, () -> allocator.dealloc(block, 256, 16));
        assertEquals(AllocError.NOT_ALLOCATED, e.error());
        assertThrows(AllocException.class, () -> allocator.tryResize(block, 256, 128, 16));
        assertEquals(0, allocator.usedBytes());
        assertEquals(block, allocator.alloc(256, 16), "the rejected calls left the recorded free as it was");
    }
}
