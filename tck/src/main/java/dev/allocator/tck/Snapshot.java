package dev.allocator.tck;

import dev.allocator.api.AllocatorStats;
import java.util.Arrays;

/**
 * Everything observable about an allocator without changing it: its counters, {@code stats()} and the heap walk.
 * Two snapshots are equal when nothing observable differs.
 */
final class Snapshot {
    final long total;
    final long used;
    final long available;
    final AllocatorStats stats;
    /** The walk as (start, size, used ? 1 : 0) triples. */
    final long[] walk;

    private Snapshot(long total, long used, long available, AllocatorStats stats, long[] walk) {
        this.total = total;
        this.used = used;
        this.available = available;
        this.stats = stats;
        this.walk = walk;
    }

    static Snapshot of(Subject subject) {
        long[][] runs = {new long[48]};
        int[] length = {0};
        subject.forEachBlock((start, size, used) -> {
            if (length[0] + 3 > runs[0].length) {
                runs[0] = Arrays.copyOf(runs[0], runs[0].length * 2);
            }
            runs[0][length[0]++] = start;
            runs[0][length[0]++] = size;
            runs[0][length[0]++] = used ? 1 : 0;
        });
        return new Snapshot(subject.total(), subject.used(), subject.available(), subject.stats(),
                Arrays.copyOf(runs[0], length[0]));
    }

    int runCount() {
        return walk.length / 3;
    }

    long runStart(int index) {
        return walk[3 * index];
    }

    long runSize(int index) {
        return walk[3 * index + 1];
    }

    boolean runUsed(int index) {
        return walk[3 * index + 2] != 0;
    }

    /** What differs from {@code other}, or null if nothing does. */
    String difference(Snapshot other) {
        if (total != other.total || used != other.used || available != other.available) {
            return "counters (total, used, available) were (" + total + ", " + used + ", " + available + "), now ("
                    + other.total + ", " + other.used + ", " + other.available + ")";
        }
        if (!stats.equals(other.stats)) {
            return "stats() was " + stats + ", now " + other.stats;
        }
        if (!Arrays.equals(walk, other.walk)) {
            return "forEachBlock walk was " + describeWalk() + ", now " + other.describeWalk();
        }
        return null;
    }

    String describeWalk() {
        StringBuilder text = new StringBuilder("[");
        int shown = Math.min(runCount(), 24);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(runUsed(i) ? "used " : "free ").append(runStart(i)).append("+")
                    .append(runSize(i));
        }
        if (shown < runCount()) {
            text.append(", ... ").append(runCount() - shown).append(" more");
        }
        return text.append("]").toString();
    }
}
