package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Churn from many threads at once: each thread keeps a live set of {@link #LIVE_BLOCKS} blocks of its own and, per
 * op, frees a random one and allocates a random size from 16 B to 64 KiB in its place (its own pre-generated
 * {@link ChurnSequence}, seeded by its thread index), on an allocator all the threads share. The score sums the
 * threads.
 */
public class ConcurrentChurn extends ConcurrentBenchmarkDefaults {
    /** Blocks each thread keeps live: 8 threads hold up to 1 GiB, within Netty's 2 GiB of direct memory. */
    static final int LIVE_BLOCKS = 2_000;

    /** One thread's live set and random input. */
    @State(Scope.Thread)
    public static class Mine {
        Subject view;
        ChurnSequence sequence;
        int[] liveSizes;
        int step;

        /** Allocates this thread's initial live set. */
        @Setup
        public void setUp(Shared shared, ThreadParams thread) {
            view = shared.allocator.threadView(LIVE_BLOCKS);
            sequence = new ChurnSequence(ChurnSequence.SEED + thread.getThreadIndex());
            liveSizes = new int[LIVE_BLOCKS];
            for (int slot = 0; slot < LIVE_BLOCKS; slot++) {
                int size = sequence.initialSize(slot);
                if (!view.alloc(slot, size, Subject.DEFAULT_ALIGN)) {
                    throw new IllegalStateException(view + ": no memory for the initial live set");
                }
                liveSizes[slot] = size;
            }
        }

        /** Frees this thread's live set. */
        @TearDown
        public void tearDown() {
            for (int slot = 0; slot < LIVE_BLOCKS; slot++) {
                view.free(slot, liveSizes[slot], Subject.DEFAULT_ALIGN);
            }
        }
    }

    static void churn(Mine mine) {
        int current = mine.step++;
        int victim = mine.sequence.victim(current) % LIVE_BLOCKS;
        mine.view.free(victim, mine.liveSizes[victim], Subject.DEFAULT_ALIGN);
        int size = mine.sequence.size(current);
        if (!mine.view.alloc(victim, size, Subject.DEFAULT_ALIGN)) {
            throw new IllegalStateException(mine.view + ": no memory for " + size + " bytes in churn");
        }
        mine.liveSizes[victim] = size;
    }

    /** One thread. */
    @Benchmark
    @Threads(1)
    public void churnT1(Mine mine) {
        churn(mine);
    }

    /** Two threads. */
    @Benchmark
    @Threads(2)
    public void churnT2(Mine mine) {
        churn(mine);
    }

    /** Four threads (a machine with 4+ cores). */
    @Benchmark
    @Threads(4)
    public void churnT4(Mine mine) {
        churn(mine);
    }

    /** Eight threads (a machine with 8+ cores). */
    @Benchmark
    @Threads(8)
    public void churnT8(Mine mine) {
        churn(mine);
    }
}
