package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Trace replay: one invocation replays a whole trace of the repository's {@code traces/} folder (copied to the class path by the build); each method declares
 * the trace's operation count as {@link OperationsPerInvocation}, so JMH reports ns per trace operation. Blocks the
 * trace leaves live are freed after each invocation, untimed.
 */
public abstract class TraceReplayBenchmark extends BenchmarkDefaults {
    private Subject subject;
    private TraceReplay replay;

    /** The subject under test, with room for {@code slots} live blocks. */
    protected abstract Subject newSubject(int slots);

    /**
     * Loads the trace of the method being run, checks its operation count, creates the subject and replays once to
     * report failed allocations.
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Trace trace = Trace.load(traceOf(method));
        if (trace.operationCount() != params.getOpsPerInvocation()) {
            throw new IllegalStateException(trace.name() + " has " + trace.operationCount() + " operations but "
                    + method + " declares @OperationsPerInvocation(" + params.getOpsPerInvocation() + ")");
        }
        subject = newSubject(trace.idCount());
        replay = new TraceReplay(trace);
        int failures = replay.run(subject);
        replay.cleanUp(subject);
        System.out.println("# " + trace.name() + " on " + subject + ": " + failures + " of " + trace.idCount()
                + " allocations failed (no memory; their frees are skipped)");
    }

    /** The trace a benchmark method replays, {@code vecPush3M} to {@code vec_push_3M}. */
    public static String traceOf(String method) {
        switch (method) {
            case "vecPush3M":
                return "vec_push_3M";
            case "vecRandFree25K64":
                return "vec_rand_free_25K_64";
            case "vecRandFree7500x520":
                return "vec_rand_free_7500_520";
            case "mixedAlign200K":
                return "mixed_align_200K";
            default:
                throw new IllegalArgumentException("no trace for benchmark method " + method);
        }
    }

    /** Frees what the replay left live. */
    @TearDown(Level.Invocation)
    public void cleanUp() {
        replay.cleanUp(subject);
    }

    /** Frees what the subject holds. */
    @TearDown(Level.Trial)
    public void tearDown() {
        subject.close();
    }

    /** {@code vec_push_3M}: a vector grown to 3M u32 by allocate-new/free-old. */
    @Benchmark
    @OperationsPerInvocation(42)
    public int vecPush3M() {
        return replay.run(subject);
    }

    /** {@code vec_rand_free_25K_64}: 25,000 blocks of 512 B freed in random order. */
    @Benchmark
    @OperationsPerInvocation(50_030)
    public int vecRandFree25K64() {
        return replay.run(subject);
    }

    /** {@code vec_rand_free_7500_520}: 7,500 blocks of 4160 B freed in random order. */
    @Benchmark
    @OperationsPerInvocation(15_026)
    public int vecRandFree7500x520() {
        return replay.run(subject);
    }

    /** {@code mixed_align_200K}: 200,000 steps of mixed sizes (1 B-64 KiB) and alignments (1-128). */
    @Benchmark
    @OperationsPerInvocation(200_000)
    public int mixedAlign200K() {
        return replay.run(subject);
    }
}
