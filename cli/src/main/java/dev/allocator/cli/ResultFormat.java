package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code replay} and {@code compare} print their measurements. */
enum ResultFormat {
    /** Aligned columns for people: ns/op is the median over the repeats, best the fastest repeat. */
    TABLE {
        @Override
        void write(List<Measurement> results, PrintWriter out, String subject) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {subject, "allocator", "ops", "ns/op", "best", "peak used", "failures",
                "frag@peak", "warm-up"});
            for (Measurement m : results) {
                rows.add(new String[] {m.trace(), m.allocator(), Integer.toString(m.ops()),
                    String.format(Locale.ROOT, "%.1f", m.medianNanosPerOp()),
                    String.format(Locale.ROOT, "%.1f", m.minNanosPerOp()),
                    m.kind() == AllocatorKind.ID ? m.peakUsedBytes() + " IDs" : Sizes.human(m.peakUsedBytes()),
                    Integer.toString(m.failures()), String.format(Locale.ROOT, "%.3f", m.fragmentationAtPeak()),
                    m.warmup().describe()});
            }
            printColumns(rows, out, 2);
        }
    },
    /** Comma-separated values with a header line; raw numbers. */
    CSV {
        @Override
        void write(List<Measurement> results, PrintWriter out, String subject) {
            out.println(subject + ",allocator,kind,ops,pool_bytes,median_ns_per_op,min_ns_per_op,peak_used_bytes,"
                    + "failures,fragmentation_at_peak,warmup_ms,warmup_replays,warmup_settled");
            for (Measurement m : results) {
                out.println(csv(m.trace()) + "," + csv(m.allocator()) + "," + kind(m) + "," + m.ops() + ","
                        + m.poolBytes() + "," + Json.number(m.medianNanosPerOp(), 2) + ","
                        + Json.number(m.minNanosPerOp(), 2) + "," + m.peakUsedBytes() + "," + m.failures() + ","
                        + Json.number(m.fragmentationAtPeak(), 6) + "," + m.warmup().nanos() / 1_000_000 + ","
                        + m.warmup().replays() + "," + m.warmup().settled());
            }
        }
    },
    /** A JSON array of objects; raw numbers. */
    JSON {
        @Override
        void write(List<Measurement> results, PrintWriter out, String subject) {
            out.println("[");
            for (int i = 0; i < results.size(); i++) {
                Measurement m = results.get(i);
                out.print("  {" + Json.string(subject) + ": " + Json.string(m.trace()) + ", \"allocator\": " + Json.string(m.allocator())
                        + ", \"kind\": " + Json.string(kind(m)) + ", \"ops\": " + m.ops()
                        + ", \"pool_bytes\": " + m.poolBytes()
                        + ", \"median_ns_per_op\": " + Json.number(m.medianNanosPerOp(), 2)
                        + ", \"min_ns_per_op\": " + Json.number(m.minNanosPerOp(), 2)
                        + ", \"peak_used_bytes\": " + m.peakUsedBytes() + ", \"failures\": " + m.failures()
                        + ", \"fragmentation_at_peak\": " + Json.number(m.fragmentationAtPeak(), 6)
                        + ", \"warmup_ms\": " + m.warmup().nanos() / 1_000_000
                        + ", \"warmup_replays\": " + m.warmup().replays()
                        + ", \"warmup_settled\": " + m.warmup().settled() + "}");
                out.println(i + 1 < results.size() ? "," : "");
            }
            out.println("]");
        }
    };

    /**
     * Prints the measurements.
     *
     * @param subject what the first column holds: {@code "trace"} or {@code "workload"}
     */
    abstract void write(List<Measurement> results, PrintWriter out, String subject);

    /** Prints rows as left-aligned text columns (numbers right-aligned) separated by {@code gap} spaces. */
    static void printColumns(List<String[]> rows, PrintWriter out, int gap) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        java.util.Arrays.fill(numeric, rows.size() > 1);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
                if (r > 0 && (row[c].isEmpty() || !Character.isDigit(row[c].charAt(0)))) {
                    numeric[c] = false;
                }
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String padding = " ".repeat(widths[c] - row[c].length());
                if (c > 0) {
                    line.append(" ".repeat(gap));
                }
                line.append(numeric[c] ? padding + row[c] : row[c] + padding);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String kind(Measurement m) {
        return m.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String csv(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
