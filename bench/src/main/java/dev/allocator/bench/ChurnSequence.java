package dev.allocator.bench;

import java.util.SplittableRandom;

/**
 * The pre-generated random input of the churn workload, in primitive arrays so the timed loop draws no random
 * numbers: the sizes of an initial live set of {@link #LIVE_BLOCKS} blocks, then per step the slot whose block is
 * freed and the size allocated in its place, uniform in [{@link #MIN_SIZE}, {@link #MAX_SIZE}]. Immutable.
 */
final class ChurnSequence {
    static final int LIVE_BLOCKS = 10_000;
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 64 * 1024;
    /** Steps before the sequence repeats (a power of two). */
    static final int STEPS = 1 << 20;
    static final long SEED = 0x5eed_c4a7L;

    private final int[] initialSizes = new int[LIVE_BLOCKS];
    private final int[] victims = new int[STEPS];
    private final int[] sizes = new int[STEPS];

    ChurnSequence(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int slot = 0; slot < LIVE_BLOCKS; slot++) {
            initialSizes[slot] = randomSize(random);
        }
        for (int step = 0; step < STEPS; step++) {
            victims[step] = random.nextInt(LIVE_BLOCKS);
            sizes[step] = randomSize(random);
        }
    }

    private static int randomSize(SplittableRandom random) {
        return random.nextInt(MIN_SIZE, MAX_SIZE + 1);
    }

    int initialSize(int slot) {
        return initialSizes[slot];
    }

    /** The slot freed at {@code step} (taken modulo {@link #STEPS}). */
    int victim(int step) {
        return victims[step & (STEPS - 1)];
    }

    /** The size allocated at {@code step} (taken modulo {@link #STEPS}). */
    int size(int step) {
        return sizes[step & (STEPS - 1)];
    }
}
