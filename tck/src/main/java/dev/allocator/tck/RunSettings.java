package dev.allocator.tck;

/**
 * How many random sequences to run and how long, read from system properties:
 * <ul>
 *   <li>{@code allocator.tck.seed=N}: run only the sequence with seed {@code N} (as printed by a failure);</li>
 *   <li>{@code allocator.tck.sequences=N}: sequences per random test (default 30);</li>
 *   <li>{@code allocator.tck.ops=N}: calls per sequence (default 250);</li>
 *   <li>{@code allocator.tck.random=true}: start from a random base seed (printed) instead of the fixed one.</li>
 * </ul>
 *
 * @param baseSeed  seed of the first sequence; sequence {@code i} uses {@link #seed(int)}
 * @param sequences how many sequences
 * @param ops       calls per sequence
 * @param single    true if one seed was asked for
 */
record RunSettings(long baseSeed, int sequences, int ops, boolean single) {
    static final String SEED = "allocator.tck.seed";
    static final String SEQUENCES = "allocator.tck.sequences";
    static final String OPS = "allocator.tck.ops";
    static final String RANDOM = "allocator.tck.random";
    static final long DEFAULT_SEED = 0x5EED_A110CL;

    static RunSettings fromSystemProperties(int defaultSequences, int defaultOps) {
        int sequences = Integer.getInteger(SEQUENCES, defaultSequences);
        int ops = Integer.getInteger(OPS, defaultOps);
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            return new RunSettings(Long.decode(seed.trim()), 1, ops, true);
        }
        long base = Boolean.getBoolean(RANDOM) ? System.nanoTime() * 0x9E3779B97F4A7C15L : DEFAULT_SEED;
        return new RunSettings(base, sequences, ops, false);
    }

    /** The seed of sequence {@code index}. */
    long seed(int index) {
        return single ? baseSeed : baseSeed + 0x9E3779B97F4A7C15L * index;
    }
}
