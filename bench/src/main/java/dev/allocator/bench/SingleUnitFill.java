package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Fill (issue 18): one unit at a time, lowest free first, into an empty range of {@code units} until half of it is
 * live; ns per allocation. Timed in batches of {@link #BATCH} allocations; before a batch that would pass half,
 * the subject is emptied untimed, so the figure averages whole fills from empty to half live.
 *
 * <p>{@code bitset-scan} at 2^26 units is refused at setup: its search from 0 makes a fill quadratic (about 2^25
 * allocations scanning 2^18 words each on average, most of an hour per fill), and the part of a fill that fits
 * the iterations would understate it.
 */
public class SingleUnitFill extends BenchmarkDefaults {
    /** Allocations timed per invocation; divides half of every {@code units} value. */
    static final int BATCH = 1 << 16;
    /** The largest range {@code bitset-scan} fills. */
    static final int LARGEST_SCANNED_FILL = 1 << 22;

    /** See {@link UnitSubjects}. */
    @Param({"bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint"})
    public String subject;

    /** Units in the range: 2^20 and 2^26. */
    @Param({"1048576", "67108864"})
    public int units;

    private UnitSubject unitSubject;
    private int filled;

    /** Creates the subject over an empty range. */
    @Setup(Level.Trial)
    public void setUp() {
        if (units < 2 * BATCH || (units / 2) % BATCH != 0) {
            throw new IllegalArgumentException("units " + units + ": half of it must be a multiple of " + BATCH);
        }
        if (subject.equals("bitset-scan") && units > LARGEST_SCANNED_FILL) {
            throw new IllegalArgumentException("bitset-scan fills at most " + LARGEST_SCANNED_FILL + " units: a fill"
                    + " of " + units + " searching from 0 each time is quadratic (see the class comment)");
        }
        unitSubject = UnitSubjects.create(subject, units);
    }

    /** Empties the subject (untimed) when the next batch would pass half of the range. */
    @Setup(Level.Invocation)
    public void emptyWhenHalfFull() {
        if (filled + BATCH > units / 2) {
            unitSubject.clear();
            filled = 0;
        }
    }

    /**
     * {@link #BATCH} allocations of one unit into a range at most half full.
     *
     * @return the units allocated, combined, so that none of the work is dead
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int fill() {
        UnitSubject target = unitSubject;
        int combined = 0;
        for (int i = 0; i < BATCH; i++) {
            combined ^= target.allocate();
        }
        filled += BATCH;
        return combined;
    }
}
