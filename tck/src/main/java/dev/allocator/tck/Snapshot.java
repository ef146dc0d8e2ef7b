package dev.allocator.tck;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import java.util.Objects;

/**
 * Everything observable about an allocator without changing it: its counters (total, used, available, in its own
 * unit), {@code stats()} and the heap walk. Two snapshots are equal when nothing observable differs; that is how the
 * kit, and tests using it as a fixture, tell that a rejected call changed nothing.
 *
 * <pre>{@code
 * Snapshot before = Snapshot.of(allocator);
 * assertThrows(AllocException.class, () -> allocator.dealloc(block, 24, 8));
 * assertEquals(before, Snapshot.of(allocator));   // or AllocatorAssertions.assertRejectedUnchanged
 * }</pre>
 */
public final class Snapshot {
    final long total;
    final long used;
    final long available;
    final AllocatorStats stats;
    final HeapWalk walk;

    private Snapshot(long total, long used, long available, AllocatorStats stats, HeapWalk walk) {
        this.total = total;
        this.used = used;
        this.available = available;
        this.stats = stats;
        this.walk = walk;
    }

    /**
     * Takes a snapshot of any allocator: the counters of its kind ({@code totalBytes}, {@code totalPages} or
     * {@code size} and their twins; for another kind those of {@code stats()}), its stats and its walk.
     *
     * @param allocator the allocator
     * @return the snapshot
     * @throws NullPointerException if {@code allocator} is null
     */
    public static Snapshot of(BaseAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        HeapWalk walk = HeapWalk.of(allocator);
        AllocatorStats stats = allocator.stats();
        if (allocator instanceof ByteAllocator) {
            ByteAllocator bytes = (ByteAllocator) allocator;
            return new Snapshot(bytes.totalBytes(), bytes.usedBytes(), bytes.availableBytes(), stats, walk);
        }
        if (allocator instanceof PageAllocator) {
            PageAllocator pages = (PageAllocator) allocator;
            return new Snapshot(pages.totalPages(), pages.usedPages(), pages.availablePages(), stats, walk);
        }
        if (allocator instanceof IdAllocator) {
            IdAllocator ids = (IdAllocator) allocator;
            return new Snapshot(ids.size(), ids.used(), ids.available(), stats, walk);
        }
        return new Snapshot(stats.total(), stats.used(), stats.available(), stats, walk);
    }

    /** The counters alone (no stats, no walk): O(1), for runs that check the whole state only at the end. */
    static Snapshot counters(Subject subject) {
        return new Snapshot(subject.total(), subject.used(), subject.available(), null, null);
    }

    static Snapshot of(Subject subject) {
        HeapWalk walk = HeapWalk.of(subject.allocator());
        return new Snapshot(subject.total(), subject.used(), subject.available(), subject.stats(), walk);
    }

    /**
     * Returns the total.
     *
     * @return units under management
     */
    public long total() {
        return total;
    }

    /**
     * Returns the units used.
     *
     * @return used units, rounding included
     */
    public long used() {
        return used;
    }

    /**
     * Returns the units available.
     *
     * @return free units
     */
    public long available() {
        return available;
    }

    /**
     * Returns the statistics.
     *
     * @return {@code stats()} as it was
     */
    public AllocatorStats stats() {
        return stats;
    }

    /**
     * Returns the heap walk.
     *
     * @return the walk as it was
     */
    public HeapWalk walk() {
        return walk;
    }

    /**
     * Tells what differs from a later snapshot, in words.
     *
     * @param later a snapshot taken afterwards
     * @return null if nothing observable differs; else the first difference: counters, then stats, then the walk
     *         (a snapshot of the counters alone, as the kit takes in bulk runs, compares only those)
     */
    public String difference(Snapshot later) {
        return difference(later, null, null);
    }

    /**
     * What differs, with the two snapshots named ({@code "twin"} and {@code "this"}, say) instead of "was" and
     * "now"; both names null for the wording of {@link #difference(Snapshot)}.
     */
    String difference(Snapshot later, String thisName, String laterName) {
        String before = thisName == null ? " was " : ": " + thisName + " ";
        String after = laterName == null ? ", now " : ", " + laterName + " ";
        if (total != later.total || used != later.used || available != later.available) {
            return "counters (total, used, available)" + (thisName == null ? " were " : before) + "(" + total + ", "
                    + used + ", " + available + ")" + after + "(" + later.total + ", " + later.used + ", "
                    + later.available + ")";
        }
        if (stats != null && later.stats != null && !stats.equals(later.stats)) {
            return "stats()" + before + stats + after + later.stats;
        }
        if (walk != null && later.walk != null && !walk.equals(later.walk)) {
            return "forEachBlock walk" + before + walk + after + later.walk;
        }
        return null;
    }

    int runCount() {
        return walk.count();
    }

    long runStart(int index) {
        return walk.start(index);
    }

    long runSize(int index) {
        return walk.size(index);
    }

    boolean runUsed(int index) {
        return walk.used(index);
    }

    String describeWalk() {
        return walk.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot && difference((Snapshot) other) == null;
    }

    @Override
    public int hashCode() {
        return Objects.hash(total, used, available, stats, walk);
    }

    /**
     * Everything observable, such as {@code total 64, used 8, available 56, AllocatorStats[...], [used 0+8, ...]}.
     *
     * @return the snapshot as text
     */
    @Override
    public String toString() {
        return "total " + total + ", used " + used + ", available " + available + ", " + stats + ", " + walk;
    }
}
