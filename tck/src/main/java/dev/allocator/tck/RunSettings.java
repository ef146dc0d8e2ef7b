package dev.allocator.tck;

import java.util.function.Function;

/**
 * How many random sequences to run and how long, read from system properties:
 * <ul>
 *   <li>{@code allocator.tck.seed=N}: run only the sequence with seed {@code N} (as printed by a failure);</li>
 *   <li>{@code allocator.tck.sequences=N}: sequences per random test (default 24, 16 for small regions);</li>
 *   <li>{@code allocator.tck.ops=N}: calls per sequence (default 250, 200 for small regions); above 50,000 a
 *       sequence runs without history, in constant memory: {@code -Dallocator.tck.ops=10000000} is a soak run;</li>
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
        return from(System::getProperty, defaultSequences, defaultOps);
    }

    /**
     * The settings the properties ask for.
     *
     * @param property a property by name, null if unset
     * @throws IllegalArgumentException naming the property if a number is malformed or not positive
     */
    static RunSettings from(Function<String, String> property, int defaultSequences, int defaultOps) {
        int sequences = positive(property, SEQUENCES, defaultSequences);
        int ops = positive(property, OPS, defaultOps);
        String seed = property.apply(SEED);
        if (seed != null && !seed.isBlank()) {
            return new RunSettings(Long.decode(seed.trim()), 1, ops, true);
        }
        long base = Boolean.parseBoolean(property.apply(RANDOM)) ? System.nanoTime() * 0x9E3779B97F4A7C15L
                : DEFAULT_SEED;
        return new RunSettings(base, sequences, ops, false);
    }

    private static int positive(Function<String, String> property, String name, int defaultValue) {
        String text = property.apply(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + "=" + text + ": give a positive whole number");
    }

    /** The seed of sequence {@code index}. */
    long seed(int index) {
        return single ? baseSeed : baseSeed + 0x9E3779B97F4A7C15L * index;
    }
}
