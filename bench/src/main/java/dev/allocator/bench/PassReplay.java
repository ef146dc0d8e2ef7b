package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times our byte allocators the way issue 13 timed the Rust original, so the two sets of figures compare: every
 * pass replays a workload on a fresh allocator and only the operation loop is timed; passes run for a warm-up time
 * first (in this one JVM), then {@code passes} timed ones, and the median, min and max ns per operation are
 * printed. Workloads: a bundled trace by name (128 MiB pool, {@code tryAlloc}/{@code dealloc}); {@code pair}
 * (500,000 steady 256 B alloc+free pairs aligned to 16 on an empty 1 GiB pool, ns per pair); {@code pair-live} (the
 * same after 10,000 live blocks of 16 B-64 KiB); {@code churn} (the {@link ChurnSequence}: 10,000 live blocks of
 * 16 B-64 KiB on 1 GiB, then 1,000,000 steps of free-one-allocate-one, ns per operation).
 *
 * <pre>java -cp benchmarks.jar dev.allocator.bench.PassReplay tlsf 3 21 vec_rand_free_25K_64 pair churn</pre>
 */
public final class PassReplay {
    static final long TRACE_POOL = 128L << 20;
    static final long LARGE_POOL = 1L << 30;
    static final int PAIRS = 500_000;
    static final int CHURN_STEPS = 1_000_000;

    private final String allocator;

    private PassReplay(String allocator) {
        this.allocator = allocator;
    }

    /**
     * Entry point.
     *
     * @param args the allocator's name, warm-up seconds, timed passes, then one or more workloads
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: PassReplay <allocator> <warm-up seconds> <passes> <workload>...");
            System.exit(2);
        }
        double warmupSeconds = Double.parseDouble(args[1]);
        int passes = Integer.parseInt(args[2]);
        for (int at = 3; at < args.length; at++) {
            double[] nanos = measure(args[0], args[at], warmupSeconds, passes);
            System.out.printf(Locale.ROOT, "%-6s %-24s median %7.1f  min %7.1f  max %7.1f ns%n", args[0], args[at],
                    nanos[nanos.length / 2], nanos[0], nanos[nanos.length - 1]);
        }
    }

    /** The sorted ns per operation (per pair for the pair workloads) of {@code passes} timed passes. */
    static double[] measure(String allocator, String workload, double warmupSeconds, int passes) {
        PassReplay replay = new PassReplay(allocator);
        Workload pass = replay.workload(workload);
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            pass.run();
        }
        double[] nanos = new double[passes];
        for (int at = 0; at < passes; at++) {
            nanos[at] = pass.run();
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** One pass on a fresh allocator: ns per operation of its timed loop. */
    private interface Workload {
        double run();
    }

    private Workload workload(String name) {
        switch (name) {
            case "pair":
                return () -> pairs(null);
            case "pair-live":
                ChurnSequence live = new ChurnSequence(ChurnSequence.SEED);
                return () -> pairs(live);
            case "churn":
                ChurnSequence sequence = new ChurnSequence(ChurnSequence.SEED);
                return () -> churn(sequence);
            default:
                Trace trace = Trace.load(name);
                long[] addresses = new long[trace.idCount()];
                return () -> trace(trace, addresses);
        }
    }

    private ByteAllocator fresh(long pool) {
        ByteAllocator heap = Allocators.byteAllocator(allocator);
        heap.init(0, pool);
        return heap;
    }

    private double trace(Trace trace, long[] addresses) {
        ByteAllocator heap = fresh(TRACE_POOL);
        long start = System.nanoTime();
        for (int at = 0, count = trace.operationCount(); at < count; at++) {
            int operation = trace.operation(at);
            if (operation >= 0) {
                addresses[operation] = heap.tryAlloc(trace.amount(operation), trace.align(operation));
            } else {
                int id = ~operation;
                if (addresses[id] != ByteAllocator.NO_BLOCK) {
                    heap.dealloc(addresses[id], trace.amount(id), trace.align(id));
                }
            }
        }
        return (System.nanoTime() - start) / (double) trace.operationCount();
    }

    /** Steady pairs, after the initial live set of {@code live} if it is not null. */
    private double pairs(ChurnSequence live) {
        ByteAllocator heap = fresh(LARGE_POOL);
        for (int slot = 0; live != null && slot < ChurnSequence.LIVE_BLOCKS; slot++) {
            heap.alloc(live.initialSize(slot), 16);
        }
        long start = System.nanoTime();
        for (int pair = 0; pair < PAIRS; pair++) {
            long block = heap.alloc(256, 16);
            heap.dealloc(block, 256, 16);
        }
        return (System.nanoTime() - start) / (double) PAIRS;
    }

    private double churn(ChurnSequence sequence) {
        ByteAllocator heap = fresh(LARGE_POOL);
        long[] addresses = new long[ChurnSequence.LIVE_BLOCKS];
        int[] sizes = new int[ChurnSequence.LIVE_BLOCKS];
        for (int slot = 0; slot < addresses.length; slot++) {
            sizes[slot] = sequence.initialSize(slot);
            addresses[slot] = heap.alloc(sizes[slot], 16);
        }
        long start = System.nanoTime();
        for (int step = 0; step < CHURN_STEPS; step++) {
            int slot = sequence.victim(step);
            heap.dealloc(addresses[slot], sizes[slot], 16);
            sizes[slot] = sequence.size(step);
            addresses[slot] = heap.alloc(sizes[slot], 16);
        }
        return (System.nanoTime() - start) / (2.0 * CHURN_STEPS);
    }
}
