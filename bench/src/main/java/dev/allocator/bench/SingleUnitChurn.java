package dev.allocator.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Churn (issue 18): with the lower half of a range of {@code units} live (filled one unit at a time, lowest free
 * first), free a random live unit, then allocate one; ns per pair. Victims come from a fixed-seed sequence of
 * {@link #VICTIMS} slots, replayed cyclically. Lowest free first hands the freed unit straight back, so the live
 * set stays the lower half: the figure is the cost of a free plus a search that must find a unit anywhere in
 * the half.
 */
public class SingleUnitChurn extends BenchmarkDefaults {
    /** Length of the victim sequence, a power of two. */
    static final int VICTIMS = 1 << 20;
    /** Seed of the victim sequence. */
    static final long SEED = 0x5eed_0018L;

    /** See {@link UnitSubjects}. */
    @Param({"bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint"})
    public String subject;

    /** Units in the range: 2^20 and 2^26. */
    @Param({"1048576", "67108864"})
    public int units;

    private UnitSubject unitSubject;
    private int[] live;
    private int[] victims;
    private int step;

    /** Creates the subject, allocates the lower half and draws the victims. */
    @Setup(Level.Trial)
    public void setUp() {
        unitSubject = UnitSubjects.create(subject, units);
        int half = units / 2;
        live = new int[half];
        unitSubject.fillLowest(live);
        victims = new int[VICTIMS];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < VICTIMS; i++) {
            victims[i] = random.nextInt(half);
        }
    }

    /**
     * Frees a random live unit, then allocates one in its slot.
     *
     * @return the unit allocated
     */
    @Benchmark
    public int churn() {
        int slot = victims[step++ & (VICTIMS - 1)];
        unitSubject.free(live[slot]);
        int unit = unitSubject.allocate();
        live[slot] = unit;
        return unit;
    }
}
