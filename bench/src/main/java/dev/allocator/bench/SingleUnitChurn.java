package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Churn (issue 18): with the lower half of a range of {@code units} live (filled one unit at a time, lowest free
 * first), free a random live unit, then allocate one; ns per pair.
 *
 * <p>Lowest free first hands the freed unit straight back, so the live set stays exactly the lower half: the
 * victim is drawn from it by an inline xorshift generator (fixed seed) rather than looked up in a table of live
 * units, so that the figure is the subject's free and search, not a cache miss in the benchmark's own table.
 * Every pair checks that the unit allocated is the one freed and fails the run otherwise: a subject that does not
 * hand out the lowest free unit would not be measured on this state.
 */
public class SingleUnitChurn extends BenchmarkDefaults {
    /** Seed of the victim generator. */
    static final long SEED = 0x5eed_0018L;

    /** See {@link UnitSubjects}. */
    @Param({"bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint"})
    public String subject;

    /** Units in the range, a power of two: 2^20 and 2^26. */
    @Param({"1048576", "67108864"})
    public int units;

    private UnitSubject unitSubject;
    private int victimMask;
    private long random;

    /** Creates the subject and allocates the lower half. */
    @Setup(Level.Trial)
    public void setUp() {
        if (units < 2 || Integer.bitCount(units) != 1) {
            throw new IllegalArgumentException("units " + units + " is not a power of two of at least 2");
        }
        unitSubject = UnitSubjects.create(subject, units);
        unitSubject.fillLowest(new int[units / 2]);
        victimMask = units / 2 - 1;
        random = SEED;
    }

    /**
     * Frees a random unit of the lower half, then allocates one: the same unit.
     *
     * @return the unit allocated
     * @throws IllegalStateException if the subject handed out another unit than the one freed
     */
    @Benchmark
    public int churn() {
        long next = random;
        next ^= next << 13;
        next ^= next >>> 7;
        next ^= next << 17;
        random = next;
        int victim = (int) next & victimMask;
        unitSubject.free(victim);
        int unit = unitSubject.allocate();
        if (unit != victim) {
            throw new IllegalStateException(subject + " freed " + victim + " and allocated " + unit
                    + ": not the lowest free unit");
        }
        return unit;
    }
}
