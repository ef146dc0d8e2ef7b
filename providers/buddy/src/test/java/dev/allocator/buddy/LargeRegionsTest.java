package dev.allocator.buddy;

import static dev.allocator.buddy.HeapWalk.assertRejectedUnchanged;
import static dev.allocator.buddy.HeapWalk.blocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocatorStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metadata grows with the blocks held, never with the size of a range: the middle of a region (its run of
 * largest blocks) is carved only when a block of it is taken.
 */
class LargeRegionsTest {
    private static final long TOP = 1L << 31; // the largest block with the default 32 orders

    @Test
    void aRegionOfTwoToTheSixtyTwoBytesCostsAFewRecords() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        allocator.init(0, 1L << 62);
        assertEquals(1L << 62, allocator.totalBytes());
        assertEquals(0, allocator.blockRecords(), "the whole region is one virgin run of 2 GiB blocks");
        assertTrue(allocator.metadataBytes() < 4096, "metadata: " + allocator.metadataBytes());
        AllocatorStats stats = allocator.stats();
        assertEquals(1L << 31, stats.freeRanges(), "2^31 free blocks of 2 GiB");
        assertEquals(TOP, stats.largestFree());
        assertEquals(List.of("0+" + (1L << 62) + ":free"), blocks(allocator), "one run in the heap walk");
    }

    @Test
    void blocksComeFromTheVirginRunOneAtATimeAndGoBack() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        allocator.init(0, 1L << 62);
        long first = allocator.alloc(TOP, 1);
        long small = allocator.alloc(64, 64);
        assertEquals(0, first);
        assertEquals(TOP, small, "the next virgin block is split for the small one");
        assertEquals(1 + 1 + 25, allocator.blockRecords(), "two taken blocks and the halves of one split");
        assertEquals(List.of("0+" + TOP + ":used", TOP + "+64:used"), blocks(allocator).subList(0, 2));
        allocator.dealloc(small, 64, 64);
        allocator.dealloc(first, TOP, 1);
        assertEquals(0, allocator.usedBytes());
        assertEquals(List.of("0+" + (1L << 62) + ":free"), blocks(allocator),
                "materialized largest blocks and the virgin run report as one free run");
        assertEquals(1L << 31, allocator.stats().freeRanges());
    }

    @Test
    void aRegionEndingAtLongMaxValueIsCarvedAtBothEndsOnly() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        allocator.init(48, Long.MAX_VALUE - 48);
        long carved = (Long.MAX_VALUE & -16) - 48;
        assertEquals(carved, allocator.totalBytes());
        assertTrue(allocator.blockRecords() <= 2 * 32, "head and tail blocks only: " + allocator.blockRecords());
        long smallest = allocator.alloc(16, 16);
        long end = Long.MAX_VALUE & -16;
        assertTrue(smallest == 48 || smallest == end - 16, "a 16-byte block of the head or the tail: " + smallest);
        List<String> walk = blocks(allocator);
        assertEquals(end, endOf(walk.get(walk.size() - 1)), "the walk reaches the carved end");
        assertEquals("48+16:" + (smallest == 48 ? "used" : "free"), walk.get(0));
    }

    @Test
    void addingAHugeRegionBesideOthersKeepsEveryRegionUsable() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        allocator.init(0, 1 << 20);
        allocator.addMemory(1L << 40, 1L << 56);
        assertEquals((1L << 20) + (1L << 56), allocator.totalBytes());
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blocks.add(allocator.alloc(TOP, TOP));
        }
        for (long block : blocks) {
            assertTrue(block >= 1L << 40, "2 GiB blocks only fit the huge region");
            allocator.dealloc(block, TOP, TOP);
        }
        assertEquals(0, allocator.alloc(1 << 20, 1), "the small region serves what it holds");
    }

    @Test
    void oneByteBlocksOfOneOrderCostNothingUntilTaken() {
        BuddyByteAllocator allocator = new BuddyByteAllocator(1, 1);
        allocator.init(0, 16 << 20);
        assertEquals(0, allocator.blockRecords());
        long[] taken = new long[1000];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = allocator.alloc(1, 1);
        }
        assertEquals(999, taken[999]);
        assertEquals(1000, allocator.blockRecords());
        for (long block : taken) {
            allocator.dealloc(block, 1, 1);
        }
        assertEquals(0, allocator.usedBytes());
        assertEquals(1000, allocator.blockRecords(), "freed blocks stay as free records, nothing is re-filed");
        assertEquals(16 << 20, allocator.stats().freeRanges());
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "largest block possible 1",
                () -> allocator.alloc(2, 1));
    }

    @Test
    void aRegionOfExactlyOneLargestBlockLeavesThatBlockVirgin() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        allocator.init(TOP, TOP);
        assertEquals(0, allocator.blockRecords(), "no record until the block is taken");
        assertEquals(1, allocator.stats().freeRanges());
        allocator.addMemory(4 * TOP + 1, 2 * TOP); // carved [4 TOP + 16, 6 TOP): one largest block, at 5 TOP
        assertEquals(TOP + 2 * TOP - 16, allocator.totalBytes());
        int head = allocator.blockRecords();
        assertEquals(31 - 4, head, "the head [4 TOP + 16, 5 TOP) in blocks of 16 bytes to 1 GiB");
        assertEquals(TOP, allocator.alloc(TOP, 1));
        assertEquals(5 * TOP, allocator.alloc(TOP, 1), "the second region's one largest block");
        assertEquals(head + 2, allocator.blockRecords());
    }

    private static long endOf(String run) {
        String[] parts = run.split("[+:]");
        return Long.parseLong(parts[0]) + Long.parseLong(parts[1]);
    }
}
