package dev.allocator.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of JMH's JSON output, with the names the report shows: the workload ({@code steady 4 KiB},
 * {@code churn}, a trace name) and the subject ({@code tlsf}, {@code tlsf+ByteBuffer}, {@code netty-pooled}...).
 *
 * @param benchmark  the full benchmark name, {@code dev.allocator.bench.SteadyStateOurs.allocFree}
 * @param params     JMH parameters
 * @param score      primary score (ns/op for these benchmarks)
 * @param error      99.9% half-width of the score, NaN with too few iterations
 * @param unit       primary score unit
 * @param secondary  secondary metric scores by name, such as {@code gc.alloc.rate.norm}
 * @param jdkVersion JDK of the forks
 */
public record JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit,
                        Map<String, Double> secondary, String jdkVersion) {

    /** Reads every entry of a JMH JSON result file. */
    public static List<JmhResult> read(Path file) throws IOException {
        Object root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<JmhResult> results = new ArrayList<>();
        for (Object entry : (List<?>) root) {
            results.add(of((Map<?, ?>) entry));
        }
        return results;
    }

    private static JmhResult of(Map<?, ?> entry) {
        Map<String, String> params = new LinkedHashMap<>();
        Object rawParams = entry.get("params");
        if (rawParams instanceof Map<?, ?>) {
            for (Map.Entry<?, ?> param : ((Map<?, ?>) rawParams).entrySet()) {
                params.put(String.valueOf(param.getKey()), String.valueOf(param.getValue()));
            }
        }
        Map<?, ?> primary = (Map<?, ?>) entry.get("primaryMetric");
        Map<String, Double> secondary = new LinkedHashMap<>();
        Object rawSecondary = entry.get("secondaryMetrics");
        if (rawSecondary instanceof Map<?, ?>) {
            for (Map.Entry<?, ?> metric : ((Map<?, ?>) rawSecondary).entrySet()) {
                String name = String.valueOf(metric.getKey()).replace("\u00b7", ""); // older JMH: "·gc.alloc..."
                secondary.put(name, number(((Map<?, ?>) metric.getValue()).get("score")));
            }
        }
        return new JmhResult(String.valueOf(entry.get("benchmark")), params, number(primary.get("score")),
                number(primary.get("scoreError")), String.valueOf(primary.get("scoreUnit")), secondary,
                String.valueOf(entry.get("jdkVersion")));
    }

    private static double number(Object value) {
        if (value instanceof Double) {
            return (Double) value;
        }
        return value == null ? Double.NaN : Double.parseDouble(String.valueOf(value)); // JMH writes "NaN"
    }

    /** The benchmark class's simple name, {@code SteadyStateOurs}. */
    public String className() {
        String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
    }

    /** The benchmark method, {@code allocFree}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** What was measured: {@code steady 64 B}, {@code churn}, or the trace's name. */
    public String workload() {
        String type = className();
        if (type.startsWith("SteadyState")) {
            return "steady " + formatSize(Long.parseLong(params.get("size")));
        }
        if (type.startsWith("Churn")) {
            return "churn";
        }
        if (type.startsWith("TraceReplay")) {
            return dev.allocator.bench.TraceReplayBenchmark.traceOf(method());
        }
        if (type.startsWith("PageTrace")) {
            return "page_mixed_100K";
        }
        return type + "." + method();
    }

    /** Who was measured: an allocator name, {@code <name>+ByteBuffer}, a peer, or {@code arena-confined}. */
    public String subject() {
        String type = className();
        if (params.containsKey("peer")) {
            return params.get("peer");
        }
        if (type.endsWith("Sliced")) {
            return params.get("allocator") + "+ByteBuffer";
        }
        if (type.endsWith("Segments")) {
            return "memory(" + params.get("allocator") + ")";
        }
        if (type.endsWith("Arena")) {
            return "arena-confined";
        }
        if (params.containsKey("allocator")) {
            return params.get("allocator");
        }
        return type;
    }

    /** {@code 64 B}, {@code 4 KiB}, {@code 1 MiB}. */
    static String formatSize(long bytes) {
        if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    /** {@code 12.3}, {@code 1,234}: three significant digits below 100, whole numbers above. */
    public static String formatNanos(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        }
        if (nanos >= 100) {
            return String.format(Locale.ROOT, "%,.0f", nanos);
        }
        if (nanos >= 10) {
            return String.format(Locale.ROOT, "%.1f", nanos);
        }
        return String.format(Locale.ROOT, "%.2f", nanos);
    }
}
