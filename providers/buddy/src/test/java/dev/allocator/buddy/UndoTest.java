package dev.allocator.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The free of the block allocated just before is recorded and undone lazily; these tests prove that this is
 * invisible: an allocator observed after every call (stats() settles the recorded free) answers every call exactly
 * as one that is not, placement included.
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

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void observingAfterEveryCallChangesNoAnswer(long seed) {
        BuddyByteAllocator plain = twoRegions();
        BuddyByteAllocator observed = twoRegions();
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> live = new ArrayList<>();
        for (int step = 0; step < 4000; step++) {
            int choice = random.nextInt(10);
            if (choice < 4 || live.isEmpty()) {
                long size = random.nextInt(4) == 0 ? random.nextLong(1, 60_000) : random.nextLong(0, 600);
                long align = 1L << random.nextInt(random.nextBoolean() ? 5 : 13);
                long address = plain.tryAlloc(size, align);
                assertEquals(address, observed.tryAlloc(size, align), "step " + step);
                if (address != ByteAllocator.NO_BLOCK) {
                    live.add(new long[] {address, size, align});
                    if (random.nextInt(3) == 0) { // the pattern the undo serves: free it at once
                        live.remove(live.size() - 1);
                        plain.dealloc(address, size, align);
                        observed.dealloc(address, size, align);
                    }
                }
            } else if (choice < 9) {
                long[] block = live.remove(random.nextInt(live.size()));
                plain.dealloc(block[0], block[1], block[2]);
                observed.dealloc(block[0], block[1], block[2]);
            } else {
                long[] block = live.get(random.nextInt(live.size()));
                long newSize = random.nextLong(0, 2 * block[1] + 64);
                boolean resized = plain.tryResize(block[0], block[1], newSize, block[2]);
                assertEquals(resized, observed.tryResize(block[0], block[1], newSize, block[2]), "step " + step);
                if (resized) {
                    block[1] = newSize;
                }
            }
            observed.stats();
            assertEquals(observed.usedBytes(), plain.usedBytes(), "step " + step);
        }
        assertEquals(HeapWalk.blocks(observed), HeapWalk.blocks(plain));
    }
}
