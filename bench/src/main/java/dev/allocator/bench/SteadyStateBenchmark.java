package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Steady state: allocate one block of {@code size} bytes and free it again, on a warm pool that is otherwise empty
 * ({@code live = 0}) or holds {@code live} other blocks of 16 B to 64 KiB (the churn workload's initial sizes). One
 * op is the pair. Subclasses say which subjects run it.
 */
public abstract class SteadyStateBenchmark extends BenchmarkDefaults {
    private static final int WARM_UP_PAIRS = 10_000;

    /** Block size in bytes. */
    @Param({"64", "256", "4096", "65536", "1048576"})
    public int size;

    /** Other blocks live in the pool during the pair. */
    @Param({"0", "10000"})
    public int live;

    private Subject subject;

    /** The subject under test, with room for {@code slots} live blocks. */
    protected abstract Subject newSubject(int slots);

    /** Creates the subject and warms its pool with the benchmark's own size. */
    @Setup(Level.Trial)
    public void setUp() {
        subject = newSubject(1 + live);
        ChurnSequence sequence = new ChurnSequence(ChurnSequence.SEED);
        for (int slot = 1; slot <= live; slot++) {
            if (!subject.alloc(slot, sequence.initialSize(slot - 1), Subject.DEFAULT_ALIGN)) {
                throw new IllegalStateException(subject + ": no memory for " + live + " live blocks");
            }
        }
        for (int pair = 0; pair < WARM_UP_PAIRS; pair++) {
            allocFree();
        }
    }

    /** Frees what the subject holds. */
    @TearDown(Level.Trial)
    public void tearDown() {
        subject.close();
    }

    /** One alloc and one free of {@code size} bytes aligned to 16. */
    @Benchmark
    public void allocFree() {
        if (!subject.alloc(0, size, Subject.DEFAULT_ALIGN)) {
            throw new IllegalStateException(subject + ": no memory for " + size + " bytes");
        }
        subject.free(0, size, Subject.DEFAULT_ALIGN);
    }
}
