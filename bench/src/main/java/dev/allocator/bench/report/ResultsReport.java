package dev.allocator.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns JMH JSON result files into the README's tables (markdown) and chart (PNG).
 *
 * <pre>java -Djava.awt.headless=true -cp benchmarks.jar dev.allocator.bench.report.ResultsReport \
 *     results.md results.png "title" result-jdk17.json [more.json...]</pre>
 */
public final class ResultsReport {
    private ResultsReport() {
    }

    /**
     * Entry point.
     *
     * @param args markdown output, PNG output, chart title, then one or more JMH JSON files
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: ResultsReport <out.md> <out.png> <title> <jmh-result.json>...");
            System.exit(2);
        }
        List<JmhResult> results = new ArrayList<>();
        Set<String> jdks = new LinkedHashSet<>();
        for (int i = 3; i < args.length; i++) {
            for (JmhResult result : JmhResult.read(Path.of(args[i]))) {
                results.add(result);
                jdks.add(result.jdkVersion());
            }
        }
        ResultsTable table = new ResultsTable(results);
        String markdown = "ns/op, mean ± 99.9% error (JDK " + String.join(", ", jdks) + ")\n\n"
                + table.scoresMarkdown() + "\nHow many times faster (>1) or slower (<1) than the peer:\n\n"
                + table.comparisonMarkdown(ours(table));
        Files.writeString(Path.of(args[0]), markdown, StandardCharsets.UTF_8);
        ResultsChart.write(table, args[2], Path.of(args[1]));
        System.out.print(markdown);
    }

    /** Subjects that are none of the peers: our allocators, used directly or through ByteBuffer slices. */
    private static List<String> ours(ResultsTable table) {
        List<String> ours = new ArrayList<>();
        for (String subject : table.subjects()) {
            if (!subject.startsWith("netty-") && !subject.equals("malloc") && !subject.startsWith("arena")) {
                ours.add(subject);
            }
        }
        return ours;
    }
}
