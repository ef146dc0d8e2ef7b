package dev.allocator.tlsf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: a heap walk as data, invariant checks, and "rejected and nothing changed". */
final class Heap {
    private Heap() {
    }

    /** One run of a heap walk. */
    record Run(long start, long size, boolean used) {
        long end() {
            return start + size;
        }
    }

    /** Everything observable about an allocator, for before/after comparisons. */
    record Snapshot(long total, long used, long available, AllocatorStats stats, List<Run> runs) {
    }

    static List<Run> walk(ByteAllocator allocator) {
        List<Run> runs = new ArrayList<>();
        allocator.forEachBlock((start, size, used) -> runs.add(new Run(start, size, used)));
        return runs;
    }

    static Snapshot snapshot(ByteAllocator allocator) {
        return new Snapshot(allocator.totalBytes(), allocator.usedBytes(), allocator.availableBytes(),
                allocator.stats(), walk(allocator));
    }

    /** Asserts that {@code call} throws {@code kind}, mentions {@code mentioned}, and changes nothing. */
    static AllocException assertRejectedUnchanged(ByteAllocator allocator, AllocError kind, String mentioned,
                                                  Executable call) {
        Snapshot before = snapshot(allocator);
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(kind, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned),
                () -> "message should mention '" + mentioned + "': " + e.getMessage());
        assertEquals(before, snapshot(allocator), "state changed by a rejected call");
        return e;
    }

    /**
     * Checks the structural invariants through the public view: runs in address order and disjoint, each a
     * multiple of the granularity, no two free runs touching inside one region, sums equal to the counters, and
     * stats consistent with the walk.
     *
     * @param regionEnds end address (exclusive) of each region's usable part, to tell region borders apart
     */
    static void checkInvariants(TlsfByteAllocator allocator, long... regionEnds) {
        List<Run> runs = walk(allocator);
        long granularity = allocator.granularity();
        long usedSum = 0;
        long freeSum = 0;
        long live = 0;
        long freeRuns = 0;
        long largest = 0;
        Run previous = null;
        for (Run run : runs) {
            assertTrue(run.size() >= granularity, () -> "run below granularity: " + run);
            assertEquals(0, run.start() % granularity, () -> "unaligned run: " + run);
            assertEquals(0, run.size() % granularity, () -> "run size not a multiple: " + run);
            if (previous != null) {
                assertTrue(previous.end() <= run.start(), "runs overlap or out of order: " + previous + " " + run);
                if (previous.end() == run.start() && !previous.used() && !run.used()
                        && !isRegionEnd(previous.end(), regionEnds)) {
                    throw new AssertionError("two free neighbours not merged: " + previous + " " + run);
                }
            }
            if (run.used()) {
                usedSum += run.size();
                live++;
            } else {
                freeSum += run.size();
                freeRuns++;
                largest = Math.max(largest, run.size());
            }
            previous = run;
        }
        assertEquals(allocator.usedBytes(), usedSum, "used bytes");
        assertEquals(allocator.availableBytes(), freeSum, "available bytes");
        assertEquals(allocator.totalBytes(), usedSum + freeSum, "total bytes");
        AllocatorStats stats = allocator.stats();
        assertEquals(new AllocatorStats(usedSum + freeSum, usedSum, freeSum, live, freeRuns, largest), stats);
        assertEquals(runs.size(), allocator.blockRecords(), "records in the table = blocks in the walk");
    }

    private static boolean isRegionEnd(long address, long[] regionEnds) {
        for (long end : regionEnds) {
            if (end == address) {
                return true;
            }
        }
        return false;
    }

    static void assertFreeRun(ByteAllocator allocator, long start, long size) {
        assertTrue(walk(allocator).contains(new Run(start, size, false)),
                () -> "expected free run [" + start + ", +" + size + ") in " + walk(allocator));
    }

    static void assertNoRunAt(ByteAllocator allocator, long start) {
        assertFalse(walk(allocator).stream().anyMatch(run -> run.start() == start),
                () -> "expected no run at " + start + " in " + walk(allocator));
    }
}
