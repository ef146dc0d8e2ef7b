package dev.allocator.tlsf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random operations checked after every step against a model: the set of live blocks (address to rounded size).
 * The allocator's walk must show exactly the model's blocks as used, every invariant must hold, and a failed
 * request must be one TLSF is allowed to refuse: no free block as large as the request rounded up to its search
 * class.
 */
class TlsfRandomTest {
    private static final long[][] REGIONS = {{3, 70_000}, {70_003, 5_000}, {1L << 40, 200_000}, {500_000, 7}};

    @ParameterizedTest(name = "seed {0}, sl-bits {1}, granularity {2}")
    @CsvSource({"1, 5, 16", "2, 0, 16", "3, 6, 8", "4, 2, 64", "5, 5, 1", "6, 3, 4096"})
    void randomOperationsMatchTheModel(long seed, int secondLevelBits, long granularity) {
        System.out.println("TlsfRandomTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        TlsfByteAllocator allocator = new TlsfByteAllocator(secondLevelBits, granularity, 0);
        allocator.init(REGIONS[0][0], REGIONS[0][1]);
        for (int i = 1; i < REGIONS.length; i++) {
            allocator.addMemory(REGIONS[i][0], REGIONS[i][1]);
        }
        long[] regionEnds = new long[REGIONS.length];
        int usableRegions = 0;
        for (int i = 0; i < REGIONS.length; i++) {
            long blockStart = (REGIONS[i][0] + granularity - 1) & -granularity;
            regionEnds[i] = (REGIONS[i][0] + REGIONS[i][1]) & -granularity;
            usableRegions += regionEnds[i] > blockStart ? 1 : 0;
        }
        TreeMap<Long, Long> live = new TreeMap<>();
        List<long[]> requests = new ArrayList<>();
        int failures = 0;
        for (int step = 0; step < 6_000; step++) {
            int action = random.nextInt(100);
            if (step % 2500 == 2499) {
                allocator.reset();
                live.clear();
                requests.clear();
            } else if (action < 55 || live.isEmpty()) {
                long size = random.nextInt(4) == 0 ? random.nextLong(8) : 1L << random.nextInt(14);
                size = size + random.nextLong(size + 1);
                long align = 1L << random.nextInt(random.nextInt(10) == 0 ? 14 : 7);
                long address = allocator.tryAlloc(size, align);
                if (address == ByteAllocator.NO_BLOCK) {
                    failures++;
                    assertRefusalAllowed(allocator, size, align);
                } else {
                    assertEquals(0, address % align, "alignment");
                    live.put(address, allocator.usableSize(size, align));
                    requests.add(new long[] {address, size, align});
                }
            } else if (action < 92) {
                long[] request = requests.remove(random.nextInt(requests.size()));
                allocator.dealloc(request[0], request[1], request[2]);
                live.remove(request[0]);
            } else {
                long[] request = requests.get(random.nextInt(requests.size()));
                long newSize = random.nextBoolean() ? request[1] / 2 : request[1] * 2 + random.nextLong(100);
                long usedBefore = allocator.usedBytes();
                if (allocator.tryResize(request[0], request[1], newSize, request[2])) {
                    request[1] = newSize;
                    live.put(request[0], allocator.usableSize(newSize, request[2]));
                } else {
                    assertEquals(usedBefore, allocator.usedBytes(), "failed resize changed used bytes");
                }
            }
            Heap.checkInvariants(allocator, regionEnds);
            assertUsedRunsAre(live, allocator);
        }
        assertNotEquals(0, failures, "the heap should have been exhausted at times");
        for (long[] request : requests) {
            allocator.dealloc(request[0], request[1], request[2]);
        }
        assertEquals(0, allocator.usedBytes());
        assertEquals(usableRegions, allocator.stats().freeRanges(), "each region back to one free block");
    }

    private static void assertUsedRunsAre(TreeMap<Long, Long> live, ByteAllocator allocator) {
        TreeMap<Long, Long> usedRuns = new TreeMap<>();
        for (Heap.Run run : Heap.walk(allocator)) {
            if (run.used()) {
                usedRuns.put(run.start(), run.size());
            }
        }
        assertEquals(live, usedRuns);
    }

    /** TLSF may refuse only when no free block reaches the lower bound of the request's search class. */
    private static void assertRefusalAllowed(TlsfByteAllocator allocator, long size, long align) {
        long granularity = allocator.granularity();
        long rounded = allocator.usableSize(size, align);
        long search = rounded + Math.max(0, align - granularity);
        long largest = allocator.stats().largestFree();
        SizeClasses classes = new SizeClasses(Long.numberOfTrailingZeros(granularity), secondLevelBits(allocator));
        int list = classes.searchListOf(search);
        assertTrue(list < 0 || largest < classes.lowerBound(list),
                () -> "refused " + size + " aligned to " + align + " with a free block of " + largest);
    }

    private static int secondLevelBits(TlsfByteAllocator allocator) {
        String text = allocator.toString();
        int at = text.indexOf("sl-bits=") + "sl-bits=".length();
        return Integer.parseInt(text.substring(at, text.indexOf(']', at)));
    }
}
