package dev.allocator.cli;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import java.util.Arrays;

/**
 * Measures one allocator on one trace: a {@link Warmup} of untimed replays, {@code repeat} timed replays (each on
 * a fresh allocator, only the operations inside the timer), then two untimed replays: one finds the peak of used
 * space and counts the failed allocations, the other stops at the peak for the fragmentation there.
 *
 * <p>A trace shorter than {@link #MIN_TIMED_OPS} operations (such as {@code vec_push_3M}, 42 of them) is timed as
 * a batch: up to {@link #MAX_BATCH} fresh allocators created before the timer starts, the trace replayed on each in
 * turn, the time divided by all their operations, so the figure is not the timer's resolution.
 */
final class Bench {
    /** A timed sample replays at least this many operations where {@link #MAX_BATCH} allows. */
    static final int MIN_TIMED_OPS = 10_000;
    /** The most fresh allocators one timed sample replays a short trace on. */
    static final int MAX_BATCH = 32;

    private final Warmup warmup;
    private final int repeat;

    Bench(Warmup warmup, int repeat) {
        if (repeat < 1) {
            throw new UserException("--repeat must be 1 or more, not " + repeat);
        }
        this.warmup = warmup;
        this.repeat = repeat;
    }

    /** Steps per measurement, for progress: the warm-up, timed repeats and the two peak replays. */
    int replaysPerMeasurement() {
        return warmup.progressSteps() + repeat + 2;
    }

    Measurement measure(Trace trace, Contender contender, long pool, Progress progress) {
        long[] addresses = new long[trace.blockCount()];
        Replayer replayer = Replayer.isolated();
        BaseAllocator[] batch = new BaseAllocator[batchSize(trace.opCount())];
        Warmup.Done warm = warmup.run(() -> timeBatch(replayer, contender, pool, trace, batch, addresses),
                (long) trace.opCount() * batch.length);
        for (int i = 0; i < warmup.progressSteps(); i++) {
            progress.step();
        }
        double[] nanosPerOp = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long elapsed = timeBatch(replayer, contender, pool, trace, batch, addresses);
            nanosPerOp[i] = (double) elapsed / ((long) trace.opCount() * batch.length);
            progress.step();
        }
        BaseAllocator scanned = contender.create(pool);
        long unit = Contender.unitBytes(scanned);
        Replayer.Peak peak = Replayer.findPeak(scanned, trace, addresses);
        progress.step();
        BaseAllocator atPeak = contender.create(pool);
        replayer.run(atPeak, trace, peak.ops, addresses);
        AllocatorStats stats = atPeak.stats();
        progress.step();
        Arrays.sort(nanosPerOp);
        return new Measurement(trace.name(), contender.name(), contender.kind(), trace.opCount(), pool,
                median(nanosPerOp), nanosPerOp[0], peak.used * unit, peak.failures, stats.fragmentation(), warm);
    }

    /**
     * Creates {@code batch.length} fresh allocators, then replays the trace on each of them with the clock
     * running.
     *
     * @return the nanoseconds the replays took
     */
    private long timeBatch(Replayer replayer, Contender contender, long pool, Trace trace, BaseAllocator[] batch,
                           long[] addresses) {
        for (int j = 0; j < batch.length; j++) {
            batch[j] = contender.create(pool);
        }
        long start = System.nanoTime();
        for (BaseAllocator allocator : batch) {
            replayer.run(allocator, trace, trace.opCount(), addresses);
        }
        long elapsed = System.nanoTime() - start;
        Arrays.fill(batch, null);
        return elapsed;
    }

    /** How many fresh allocators one timed sample replays a trace of {@code ops} operations on. */
    static int batchSize(int ops) {
        return (int) Math.max(1, Math.min(MAX_BATCH, (MIN_TIMED_OPS + (long) ops - 1) / Math.max(1, ops)));
    }

    static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
