package dev.allocator.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a {@code -prof gc} run: every benchmark whose name matches the pattern (by default our allocators'
 * steady-state benchmark, {@code SteadyStateOurs}) must show {@code gc.alloc.rate.norm} at most the limit
 * (default 1 B/op: zero up to JMH's own noise). Prints one line per result and exits 1 if any fails or none
 * matched. Run by {@code bench/run-gc-check.sh}, not in CI.
 *
 * <pre>java -cp benchmarks.jar dev.allocator.bench.report.GcCheck result.json [pattern] [max-bytes-per-op]</pre>
 */
public final class GcCheck {
    private static final String METRIC = "gc.alloc.rate.norm";

    private GcCheck() {
    }

    /**
     * Entry point.
     *
     * @param args the JSON file, then optionally a regular expression for the benchmark names and the limit
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: GcCheck <jmh-result.json> [benchmark-regex] [max-bytes-per-op]");
            System.exit(2);
        }
        Pattern pattern = Pattern.compile(args.length > 1 ? args[1] : "\\.SteadyStateOurs\\.");
        double limit = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        List<String> failures = check(JmhResult.read(Path.of(args[0])), pattern, limit);
        if (!failures.isEmpty()) {
            System.out.println("FAILED: " + String.join("; ", failures));
            System.exit(1);
        }
        System.out.println("OK: every matching benchmark allocates at most " + limit + " B/op");
    }

    /** Prints each matching result; returns what failed (also "nothing matched"). */
    static List<String> check(List<JmhResult> results, Pattern pattern, double limit) {
        List<String> failures = new ArrayList<>();
        int matched = 0;
        for (JmhResult result : results) {
            if (!pattern.matcher(result.benchmark()).find()) {
                continue;
            }
            matched++;
            Double bytes = result.secondary().get(METRIC);
            String label = result.subject() + " / " + result.workload();
            if (bytes == null) {
                failures.add(label + ": no " + METRIC + " (run with -prof gc)");
                continue;
            }
            boolean ok = bytes <= limit;
            System.out.printf(Locale.ROOT, "%-4s %-40s %s = %.4f B/op%n", ok ? "ok" : "FAIL", label, METRIC, bytes);
            if (!ok) {
                failures.add(String.format(Locale.ROOT, "%s: %.4f B/op > %.1f", label, bytes, limit));
            }
        }
        if (matched == 0) {
            failures.add("no benchmark matches " + pattern);
        }
        return failures;
    }
}
