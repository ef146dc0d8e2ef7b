package dev.allocator.tck;

import dev.allocator.api.BaseAllocator;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An allocator's heap walk ({@link BaseAllocator#forEachBlock}) as data: the runs in the order visited, each a
 * (start, size, used) triple in the allocator's unit (bytes, pages or IDs). Two walks are equal when they visited the
 * same runs. A test fixture: compare walks before and after a call, or look for a run.
 *
 * <pre>{@code
 * HeapWalk walk = HeapWalk.of(allocator);
 * assertTrue(walk.runs().contains(new HeapWalk.Run(4096, 64, false)), walk.toString());
 * }</pre>
 */
public final class HeapWalk {
    /**
     * One run of a walk.
     *
     * @param start first address (or ID)
     * @param size  length in the allocator's unit
     * @param used  whether it belongs to a live allocation
     */
    public record Run(long start, long size, boolean used) {
        @Override
        public String toString() {
            return (used ? "used " : "free ") + start + "+" + size;
        }
    }

    /** Runs shown by {@link #toString()} before it abbreviates. */
    private static final int SHOWN = 24;

    /** (start, size, used ? 1 : 0) per run. */
    private final long[] triples;

    private HeapWalk(long[] triples) {
        this.triples = triples;
    }

    /**
     * Walks an allocator.
     *
     * @param allocator any allocator; its visitor is not told to change anything
     * @return the walk
     * @throws NullPointerException if {@code allocator} is null
     */
    public static HeapWalk of(BaseAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        long[][] runs = {new long[48]};
        int[] length = {0};
        allocator.forEachBlock((start, size, used) -> {
            if (length[0] + 3 > runs[0].length) {
                runs[0] = Arrays.copyOf(runs[0], runs[0].length * 2);
            }
            runs[0][length[0]++] = start;
            runs[0][length[0]++] = size;
            runs[0][length[0]++] = used ? 1 : 0;
        });
        return new HeapWalk(Arrays.copyOf(runs[0], length[0]));
    }

    /**
     * Returns how many runs were visited.
     *
     * @return the number of runs
     */
    public int count() {
        return triples.length / 3;
    }

    /**
     * Returns a run's start.
     *
     * @param index 0 to {@code count() - 1}, in the order visited
     * @return its first address or ID
     */
    public long start(int index) {
        return triples[3 * Objects.checkIndex(index, count())];
    }

    /**
     * Returns a run's size.
     *
     * @param index 0 to {@code count() - 1}
     * @return its length in the allocator's unit
     */
    public long size(int index) {
        return triples[3 * Objects.checkIndex(index, count()) + 1];
    }

    /**
     * Tells whether a run is used.
     *
     * @param index 0 to {@code count() - 1}
     * @return true for a run of a live allocation
     */
    public boolean used(int index) {
        return triples[3 * Objects.checkIndex(index, count()) + 2] != 0;
    }

    /**
     * Returns the runs as records.
     *
     * @return an unmodifiable view, in the order visited
     */
    public List<Run> runs() {
        return new AbstractList<Run>() {
            @Override
            public Run get(int index) {
                return new Run(start(index), HeapWalk.this.size(index), used(index));
            }

            @Override
            public int size() {
                return count();
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeapWalk && Arrays.equals(triples, ((HeapWalk) other).triples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(triples);
    }

    /**
     * The runs, such as {@code [used 0+8, free 8+56]}; past 24 runs abbreviated with how many more there are.
     *
     * @return the walk as text
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        int shown = Math.min(count(), SHOWN);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(used(i) ? "used " : "free ").append(start(i)).append("+")
                    .append(size(i));
        }
        if (shown < count()) {
            text.append(", ... ").append(count() - shown).append(" more");
        }
        return text.append("]").toString();
    }
}
