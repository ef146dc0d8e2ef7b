package dev.allocator.cli;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import java.util.Arrays;

/**
 * Measures one allocator on one trace: {@code warmup} untimed replays, {@code repeat} timed replays (each on a
 * fresh allocator, only the operations inside the timer), then two untimed replays to find the peak of used space
 * and the fragmentation there.
 */
final class Bench {
    private final int warmup;
    private final int repeat;

    Bench(int warmup, int repeat) {
        if (warmup < 0) {
            throw new UserException("--warmup must be 0 or more, not " + warmup);
        }
        if (repeat < 1) {
            throw new UserException("--repeat must be 1 or more, not " + repeat);
        }
        this.warmup = warmup;
        this.repeat = repeat;
    }

    /** Replays per measurement, for progress: warm-ups, timed repeats and the two peak replays. */
    int replaysPerMeasurement() {
        return warmup + repeat + 2;
    }

    Measurement measure(Trace trace, Contender contender, long pool, Progress progress) {
        long[] addresses = new long[trace.blockCount()];
        Replayer replayer = Replayer.isolated();
        for (int i = 0; i < warmup; i++) {
            replayer.run(contender.create(pool), trace, trace.opCount(), addresses);
            progress.step();
        }
        double[] nanosPerOp = new double[repeat];
        int failures = 0;
        for (int i = 0; i < repeat; i++) {
            BaseAllocator allocator = contender.create(pool);
            long start = System.nanoTime();
            failures = replayer.run(allocator, trace, trace.opCount(), addresses);
            long elapsed = System.nanoTime() - start;
            nanosPerOp[i] = (double) elapsed / trace.opCount();
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
                median(nanosPerOp), nanosPerOp[0], peak.used * unit, failures, stats.fragmentation());
    }

    static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
