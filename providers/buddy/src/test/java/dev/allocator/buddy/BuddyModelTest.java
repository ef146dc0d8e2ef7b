package dev.allocator.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Random operations checked against a model: a map of live blocks (start to rounded size). */
class BuddyModelTest {
    private static final long SEED = 0xB0DD_1E5L;

    @Test
    void randomOperationsAgreeWithAModelOfLiveBlocks() {
        SplittableRandom random = new SplittableRandom(SEED);
        String context = "seed " + Long.toHexString(SEED);
        BuddyByteAllocator allocator = new BuddyByteAllocator(16, 20);
        allocator.init(1000, 3 << 20); // unaligned start: exercises carving
        allocator.addMemory(8 << 20, 100_000);
        TreeMap<Long, Long> live = new TreeMap<>(); // start -> rounded size
        Map<Long, long[]> requests = new TreeMap<>(); // start -> {size, align}
        long expectedUsed = 0;
        for (int step = 0; step < 40_000; step++) {
            int operation = random.nextInt(10);
            if (operation < 5 || live.isEmpty()) {
                long size = random.nextInt(8) == 0 ? random.nextLong(300_000) : random.nextLong(600);
                long align = 1L << random.nextInt(10);
                long start = allocator.tryAlloc(size, align);
                if (start == ByteAllocator.NO_BLOCK) {
                    assertTrue(allocator.largestFreeBlock() < allocator.usableSize(size, align), context);
                    continue;
                }
                long rounded = allocator.usableSize(size, align);
                assertEquals(0, start % align, context);
                assertEquals(0, start % rounded, context);
                Map.Entry<Long, Long> below = live.floorEntry(start);
                assertTrue(below == null || below.getKey() + below.getValue() <= start, context + " overlap");
                Map.Entry<Long, Long> above = live.ceilingEntry(start);
                assertTrue(above == null || start + rounded <= above.getKey(), context + " overlap");
                live.put(start, rounded);
                requests.put(start, new long[] {size, align});
                expectedUsed += rounded;
            } else if (operation < 9) {
                long start = randomKey(live, random);
                long[] request = requests.remove(start);
                allocator.dealloc(start, request[0], request[1]);
                expectedUsed -= live.remove(start);
                if (random.nextInt(4) == 0) {
                    AllocException e = assertThrows(AllocException.class,
                            () -> allocator.dealloc(start, request[0], request[1]), context + " double free");
                    assertEquals(AllocError.NOT_ALLOCATED, e.error());
                }
            } else {
                long start = randomKey(live, random);
                long[] request = requests.get(start);
                long newSize = random.nextLong(2 * live.get(start) + 1);
                if (allocator.tryResize(start, request[0], newSize, request[1])) {
                    long rounded = allocator.usableSize(newSize, request[1]);
                    expectedUsed += rounded - live.get(start);
                    live.put(start, rounded);
                    request[0] = newSize;
                    Map.Entry<Long, Long> above = live.higherEntry(start);
                    assertTrue(above == null || start + rounded <= above.getKey(), context + " resize overlap");
                }
            }
            assertEquals(expectedUsed, allocator.usedBytes(), context + " step " + step);
            if (step % 1000 == 0) {
                assertHeapWalkMatches(allocator, live, context);
            }
        }
        assertHeapWalkMatches(allocator, live, context);
        for (long start : new ArrayList<>(live.keySet())) {
            long[] request = requests.get(start);
            allocator.dealloc(start, request[0], request[1]);
        }
        BuddyByteAllocator fresh = new BuddyByteAllocator(16, 20);
        fresh.init(1000, 3 << 20);
        fresh.addMemory(8 << 20, 100_000);
        assertEquals(HeapWalk.blocks(fresh), HeapWalk.blocks(allocator), context + ": everything merged back");
    }

    /** The walk tiles the total, in address order, and its used runs are exactly the live blocks. */
    private static void assertHeapWalkMatches(BuddyByteAllocator allocator, TreeMap<Long, Long> live,
                                              String context) {
        TreeMap<Long, Long> usedRuns = new TreeMap<>();
        long[] covered = new long[2];
        allocator.forEachBlock((start, size, used) -> {
            assertTrue(start >= covered[1], context + " walk order");
            covered[0] += size;
            covered[1] = start + size;
            if (used) {
                usedRuns.put(start, size);
            }
        });
        assertEquals(allocator.totalBytes(), covered[0], context);
        assertEquals(live, usedRuns, context);
        assertEquals(live.size(), allocator.stats().liveBlocks(), context);
    }

    private static long randomKey(TreeMap<Long, Long> live, SplittableRandom random) {
        List<Long> keys = new ArrayList<>(live.keySet());
        return keys.get(random.nextInt(keys.size()));
    }
}
