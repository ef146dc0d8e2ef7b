package dev.allocator.cli;

import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code replay} and {@code compare} warm the JIT up before they time: a fixed number of untimed replays
 * ({@code --warmup 3}), untimed replays for a while ({@code --warmup 1500ms}, {@code --warmup 3s}), or, by
 * default ({@code --warmup auto}), replays until the times have settled: at least {@link #AUTO_MIN_NANOS}, then
 * until the last {@link #SETTLE_WINDOW} replays agree within {@link #SETTLE_SPREAD}, at most
 * {@link #AUTO_MAX_NANOS}. A cold JVM reports JIT compilation, not the allocator; the settled figure is the one a
 * JMH run gives.
 */
final class Warmup {
    /** The least time {@code auto} warms up for. */
    static final long AUTO_MIN_NANOS = 2_000_000_000L;
    /** The most time {@code auto} warms up for when the times never settle (a loaded machine). */
    static final long AUTO_MAX_NANOS = 10_000_000_000L;
    /** Replays whose times must agree for the warm-up to count as settled. */
    static final int SETTLE_WINDOW = 3;
    /** How far apart they may be: slowest / fastest at most 1 + this. */
    static final double SETTLE_SPREAD = 0.05;

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");

    private final int replays;
    private final long minNanos;
    private final long maxNanos;

    private Warmup(int replays, long minNanos, long maxNanos) {
        this.replays = replays;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
    }

    /** What a warm-up did: how long, how many replays, and whether the last ones agreed. */
    record Done(long nanos, int replays, boolean settled) {
        /** Like {@code 2.3s}, with a {@code ~} in front if the times had not settled. */
        String describe() {
            return (settled ? "" : "~") + String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
        }
    }

    /**
     * Reads an option value: {@code auto}, a count, or a duration in {@code ms} or {@code s}.
     *
     * @throws UserException for anything else
     */
    static Warmup parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("auto")) {
            return new Warmup(-1, AUTO_MIN_NANOS, AUTO_MAX_NANOS);
        }
        if (value.matches("-?\\d+")) {
            int count;
            try {
                count = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UserException("--warmup " + text + " is too large");
            }
            if (count < 0) {
                throw new UserException("--warmup must be 0 or more, not " + count);
            }
            return new Warmup(count, 0, 0);
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new UserException("--warmup takes auto, a number of replays (3) or a duration (500ms, 2s), not '"
                    + text + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        long nanos = (long) (amount * (matcher.group(2).equals("s") ? 1e9 : 1e6));
        return new Warmup(-1, nanos, nanos);
    }

    /**
     * Runs untimed replays.
     *
     * @param replay one replay; returns how long it took in nanoseconds
     * @param opsPerReplay operations in one replay, to compare replays of any length
     */
    Done run(LongSupplier replay, long opsPerReplay) {
        double[] recent = new double[SETTLE_WINDOW];
        int done = 0;
        long start = System.nanoTime();
        while (true) {
            long elapsed = System.nanoTime() - start;
            boolean settled = settled(recent, done);
            if (replays >= 0 ? done >= replays
                    : elapsed >= maxNanos || (elapsed >= minNanos && (settled || minNanos == maxNanos))) {
                return new Done(elapsed, done, settled);
            }
            recent[done % SETTLE_WINDOW] = (double) replay.getAsLong() / Math.max(1, opsPerReplay);
            done++;
        }
    }

    /** Whether the last {@link #SETTLE_WINDOW} replays agree within {@link #SETTLE_SPREAD}. */
    static boolean settled(double[] recent, int done) {
        if (done < recent.length) {
            return false;
        }
        double fastest = Double.MAX_VALUE;
        double slowest = 0;
        for (double time : recent) {
            fastest = Math.min(fastest, time);
            slowest = Math.max(slowest, time);
        }
        return slowest <= fastest * (1 + SETTLE_SPREAD);
    }

    /** The setting in words: {@code 3 warm-up replays}, {@code 1.5 s of warm-up}, or the automatic rule. */
    @Override
    public String toString() {
        if (replays >= 0) {
            return replays + " warm-up " + (replays == 1 ? "replay" : "replays");
        }
        if (minNanos == maxNanos) {
            return String.format(Locale.ROOT, "%.1f s of warm-up", minNanos / 1e9);
        }
        return String.format(Locale.ROOT, "warm-up until %d replays agree within %.0f%% (%.0f to %.0f s)",
                SETTLE_WINDOW, SETTLE_SPREAD * 100, minNanos / 1e9, maxNanos / 1e9);
    }

    /** The number of replays a progress bar should count for the warm-up: the fixed count, else 1. */
    int progressSteps() {
        return replays >= 0 ? replays : 1;
    }
}
