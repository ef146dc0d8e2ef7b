package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import dev.allocator.buddy.BuddyByteAllocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random operations checked against a model (a map of live blocks, start to usable size), for the buddy allocator
 * and the slab allocator with and without return-empty. It lives here because this test module sees both.
 */
class ModelTest {
    private static final long SEED = 0x51AB_2026L;

    /** The allocators under test; each must give back a fresh heap walk once everything is freed, except slab-keep. */
    enum Subject {
        BUDDY, SLAB_RETURN_EMPTY, SLAB_KEEP_EMPTY;

        ByteAllocator create() {
            ByteAllocator allocator = this == BUDDY ? new BuddyByteAllocator(16, 20)
                    : new SlabByteAllocator(SlabByteAllocator.defaultClasses(), 64, this == SLAB_RETURN_EMPTY);
            allocator.init(12_345, 3 << 20); // unaligned start: exercises carving
            allocator.addMemory(8 << 20, 1 << 20);
            return allocator;
        }
    }

    @ParameterizedTest
    @EnumSource(Subject.class)
    void randomOperationsAgreeWithAModelOfLiveBlocks(Subject subject) {
        SplittableRandom random = new SplittableRandom(SEED);
        String context = "seed " + Long.toHexString(SEED) + ", " + subject;
        ByteAllocator allocator = subject.create();
        TreeMap<Long, Long> live = new TreeMap<>(); // start -> usable size
        Map<Long, long[]> requests = new HashMap<>(); // start -> {size, align}
        List<Long> starts = new ArrayList<>(); // the live starts, for picking one at random in O(1)
        long expectedUsed = 0;
        for (int step = 0; step < 40_000; step++) {
            int operation = random.nextInt(10);
            if (operation < 5 || live.isEmpty()) {
                long size = random.nextInt(10) == 0 ? random.nextLong(70_000) : random.nextLong(1500);
                long align = 1L << random.nextInt(9);
                long start = allocator.tryAlloc(size, align);
                if (start == ByteAllocator.NO_BLOCK) {
                    continue;
                }
                long usable = allocator.usableSize(size, align);
                assertEquals(0, start % align, context);
                if (subject == Subject.BUDDY) {
                    assertEquals(0, start % usable, context + ": a buddy block is aligned to its size");
                }
                Map.Entry<Long, Long> below = live.floorEntry(start);
                assertTrue(below == null || below.getKey() + below.getValue() <= start, context + " overlap");
                Map.Entry<Long, Long> above = live.ceilingEntry(start);
                assertTrue(above == null || start + usable <= above.getKey(), context + " overlap");
                live.put(start, usable);
                requests.put(start, new long[] {size, align});
                starts.add(start);
                expectedUsed += usable;
            } else if (operation < 9) {
                int index = random.nextInt(starts.size());
                long start = starts.get(index);
                starts.set(index, starts.get(starts.size() - 1));
                starts.remove(starts.size() - 1);
                long[] request = requests.remove(start);
                allocator.dealloc(start, request[0], request[1]);
                expectedUsed -= live.remove(start);
                if (random.nextInt(4) == 0) {
                    AllocException e = assertThrows(AllocException.class,
                            () -> allocator.dealloc(start, request[0], request[1]), context + " double free");
                    assertEquals(AllocError.NOT_ALLOCATED, e.error());
                }
            } else {
                long start = starts.get(random.nextInt(starts.size()));
                long[] request = requests.get(start);
                long newSize = random.nextLong(2 * live.get(start) + 1);
                if (allocator.tryResize(start, request[0], newSize, request[1])) {
                    long usable = allocator.usableSize(newSize, request[1]);
                    expectedUsed += usable - live.get(start);
                    live.put(start, usable);
                    request[0] = newSize;
                }
            }
            assertEquals(expectedUsed, allocator.usedBytes(), context + " step " + step);
            if (step % 1000 == 0) {
                assertHeapWalkMatches(allocator, live, context);
            }
        }
        assertHeapWalkMatches(allocator, live, context);
        for (long start : starts) {
            long[] request = requests.get(start);
            allocator.dealloc(start, request[0], request[1]);
        }
        assertEquals(0, allocator.usedBytes(), context);
        if (allocator instanceof SlabByteAllocator) {
            ((SlabByteAllocator) allocator).trim(); // spare (or kept) empty chunks go back
        }
        assertEquals(HeapWalk.blocks(subject.create()), HeapWalk.blocks(allocator),
                context + ": every block went back and merged");
    }

    /** The walk tiles the total in address order; used runs are exactly the live blocks. */
    private static void assertHeapWalkMatches(ByteAllocator allocator, TreeMap<Long, Long> live,
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
}
