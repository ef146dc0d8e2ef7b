package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The steady 256 B pair, from many threads at once: each thread allocates 256 bytes aligned to 16 and frees them
 * again, on an allocator all the threads share. One op is one thread's pair; the score sums the threads.
 */
public class ConcurrentSteadyState extends ConcurrentBenchmarkDefaults {
    static final int SIZE = 256;
    private static final int WARM_UP_PAIRS = 10_000;

    /** One thread's view of the shared allocator. */
    @State(Scope.Thread)
    public static class Mine {
        Subject view;

        /** Takes this thread's view and warms it (the thread's cache, where there is one). */
        @Setup
        public void setUp(Shared shared) {
            view = shared.allocator.threadView(1);
            for (int pair = 0; pair < WARM_UP_PAIRS; pair++) {
                pair(this);
            }
        }

        /** Frees what this thread holds. */
        @TearDown
        public void tearDown() {
            view.freeAll();
        }
    }

    static void pair(Mine mine) {
        if (!mine.view.alloc(0, SIZE, Subject.DEFAULT_ALIGN)) {
            throw new IllegalStateException(mine.view + ": no memory for " + SIZE + " bytes");
        }
        mine.view.free(0, SIZE, Subject.DEFAULT_ALIGN);
    }

    /** One thread. */
    @Benchmark
    @Threads(1)
    public void pairT1(Mine mine) {
        pair(mine);
    }

    /** Two threads. */
    @Benchmark
    @Threads(2)
    public void pairT2(Mine mine) {
        pair(mine);
    }

    /** Four threads (a machine with 4+ cores). */
    @Benchmark
    @Threads(4)
    public void pairT4(Mine mine) {
        pair(mine);
    }

    /** Eight threads (a machine with 8+ cores). */
    @Benchmark
    @Threads(8)
    public void pairT8(Mine mine) {
        pair(mine);
    }
}
