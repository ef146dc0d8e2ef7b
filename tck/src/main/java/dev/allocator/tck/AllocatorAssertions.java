package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.PageAllocator;
import java.util.Objects;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions for allocator tests, the ones the contracts are built on, as fixtures for a provider's own unit tests:
 * a rejected call with its kind, its message and no change; a call that changes nothing; a heap walk consistent with
 * the counters and stats.
 *
 * <pre>{@code
 * import static dev.allocator.tck.AllocatorAssertions.assertRejectedUnchanged;
 *
 * assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "4096", () -> allocator.dealloc(4096, 24, 8));
 * }</pre>
 */
public final class AllocatorAssertions {
    private AllocatorAssertions() {
    }

    /**
     * Asserts that {@code call} throws {@link AllocException} of {@code kind} with a message naming
     * {@code mentioned}, and that the allocator is unchanged ({@link Snapshot}s before and after are equal).
     *
     * @param allocator the allocator the call is made on
     * @param kind      the error kind expected
     * @param mentioned text the message must contain (a value the caller passed), or "" for any message
     * @param call      the call
     * @return the exception, for more checks
     * @throws AssertionError      if the call succeeds, throws something else, has another kind, does not mention
     *                              the text, or changed the allocator
     */
    public static AllocException assertRejectedUnchanged(BaseAllocator allocator, AllocError kind, String mentioned,
                                                         Executable call) {
        Objects.requireNonNull(mentioned, "mentioned");
        Snapshot before = Snapshot.of(allocator);
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(kind, e.error(), () -> "kind of " + e);
        if (!e.getMessage().contains(mentioned)) {
            fail("the message should mention '" + mentioned + "': " + e.getMessage());
        }
        String difference = before.difference(Snapshot.of(allocator));
        if (difference != null) {
            fail("the rejected call (" + e + ") changed the allocator: " + difference);
        }
        return e;
    }

    /**
     * Asserts that {@code call}, whatever it returns or throws, leaves the allocator as it was: for a
     * {@code tryResize} that answers false, or a call made for its answer alone.
     *
     * @param allocator the allocator
     * @param call      the call; an exception it throws fails the assertion, with that exception as the cause
     * @throws AssertionError       if the call throws or the allocator changed
     */
    public static void assertUnchanged(BaseAllocator allocator, Executable call) {
        Snapshot before = Snapshot.of(allocator);
        try {
            call.execute();
        } catch (Throwable e) {
            fail("the call threw " + e, e);
        }
        String difference = before.difference(Snapshot.of(allocator));
        if (difference != null) {
            fail("the call changed the allocator: " + difference);
        }
    }

    /**
     * Asserts that the heap walk agrees with itself, the counters and {@code stats()}: runs of positive size in
     * increasing address order that do not overlap, covering exactly the total, the used runs exactly the used
     * units; {@code used + available == total}; stats equal to the counters; no live block exactly when nothing is
     * used; {@code freeRanges} at least and {@code largestFree} at most what the walk's maximal free runs say;
     * fragmentation in [0, 1].
     *
     * @param allocator the allocator
     * @return the walk checked, for more checks
     * @throws AssertionError       naming what disagrees
     */
    public static HeapWalk assertWalkConsistent(BaseAllocator allocator) {
        Snapshot now = Snapshot.of(allocator);
        HeapWalk walk = now.walk();
        long unit = allocator instanceof PageAllocator ? ((PageAllocator) allocator).pageSize() : 1;
        long previousEnd = -1;
        long sum = 0;
        long usedSum = 0;
        int freeRuns = 0;
        long largestFreeRun = 0;
        long currentFree = 0;
        for (int i = 0; i < walk.count(); i++) {
            long start = walk.start(i);
            long size = walk.size(i);
            if (size <= 0 || start < 0 || start < previousEnd || size > (Long.MAX_VALUE - start) / unit) {
                fail("run " + i + " (" + walk.runs().get(i) + ") is empty, negative, out "
                        + "of address order or overlapping its predecessor: " + walk);
            }
            boolean adjacent = start == previousEnd;
            if (walk.used(i)) {
                usedSum += size;
                currentFree = 0;
            } else {
                currentFree = adjacent && currentFree > 0 ? currentFree + size : size;
                if (currentFree == size) {
                    freeRuns++;
                }
                largestFreeRun = Math.max(largestFreeRun, currentFree);
            }
            sum += size;
            previousEnd = start + size * unit;
        }
        AllocatorStats stats = now.stats();
        String where = " (walk " + walk + ", counters total " + now.total() + " used " + now.used() + " available "
                + now.available() + ", " + stats + ")";
        check(now.used() + now.available() == now.total(), "used + available != total" + where);
        check(sum == now.total() && usedSum == now.used(), "the walk covers " + sum + " units, " + usedSum + " used"
                + where);
        check(stats.total() == now.total() && stats.used() == now.used() && stats.available() == now.available(),
                "stats() disagrees with the counters" + where);
        check((stats.liveBlocks() == 0) == (now.used() == 0), "liveBlocks is 0 exactly when nothing is used" + where);
        check(stats.freeRanges() >= freeRuns && stats.largestFree() <= largestFreeRun,
                "stats() claims more than the walk's " + freeRuns + " maximal free runs, the largest "
                        + largestFreeRun + where);
        check((stats.largestFree() > 0) == (now.available() > 0) && (stats.freeRanges() > 0) == (now.available() > 0),
                "largestFree and freeRanges are positive exactly when something is free" + where);
        double fragmentation = stats.fragmentation();
        check(fragmentation >= 0.0 && fragmentation <= 1.0, "fragmentation " + fragmentation + where);
        return walk;
    }

    private static void check(boolean holds, String message) {
        if (!holds) {
            fail(message);
        }
    }
}
