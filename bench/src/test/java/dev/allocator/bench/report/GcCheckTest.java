package dev.allocator.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcCheckTest {
    private static final String RESULT = "{\"jdkVersion\":\"17.0.15\",\"benchmark\":\"dev.allocator.bench.%s\","
            + "\"mode\":\"avgt\",\"params\":{%s},\"primaryMetric\":{\"score\":%s,\"scoreError\":\"NaN\","
            + "\"scoreUnit\":\"ns/op\"},\"secondaryMetrics\":{\"\u00b7gc.alloc.rate.norm\":{\"score\":%s,"
            + "\"scoreUnit\":\"B/op\"}}}";

    @TempDir
    Path directory;

    private List<JmhResult> read(String... entries) throws IOException {
        Path file = directory.resolve("result.json");
        Files.writeString(file, "[\n" + String.join(",\n", entries) + "\n]", StandardCharsets.UTF_8);
        return JmhResult.read(file);
    }

    private static String steady(String allocator, int size, double nanos, double bytes) {
        return String.format(RESULT, "SteadyStateOurs.allocFree",
                "\"allocator\":\"" + allocator + "\",\"size\":\"" + size + "\"", nanos, bytes);
    }

    @Test
    void readsScoresNamesAndTheGcMetric() throws IOException {
        JmhResult result = read(steady("tlsf", 4096, 12.5, 0.001)).get(0);

        assertEquals("tlsf", result.subject());
        assertEquals("steady 4 KiB", result.workload());
        assertEquals(12.5, result.score());
        assertTrue(Double.isNaN(result.error()));
        assertEquals(0.001, result.secondary().get("gc.alloc.rate.norm"));
    }

    @Test
    void passesAtZeroAndFailsAboveTheLimit() throws IOException {
        Pattern steadyOurs = Pattern.compile("\\.SteadyStateOurs\\.");
        assertEquals(List.of(), GcCheck.check(read(steady("tlsf", 64, 10, 0.002)), steadyOurs, 1.0));

        List<String> failures = GcCheck.check(read(steady("tlsf", 64, 10, 0.002), steady("buddy", 64, 10, 24)),
                steadyOurs, 1.0);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).startsWith("buddy / steady 64 B"), failures.get(0));
    }

    @Test
    void nothingMatchingIsAFailure() throws IOException {
        List<String> failures = GcCheck.check(read(steady("tlsf", 64, 10, 0)), Pattern.compile("Churn"), 1.0);
        assertEquals(List.of("no benchmark matches Churn"), failures);
    }

    @Test
    void tableComparesOursWithTheBestNettyAndMalloc() throws IOException {
        String netty = String.format(RESULT, "SteadyStatePeers.allocFree", "\"peer\":\"netty-pooled\",\"size\":\"64\"",
                40.0, 0.0);
        String nettyAdaptive = String.format(RESULT, "SteadyStatePeers.allocFree",
                "\"peer\":\"netty-adaptive\",\"size\":\"64\"", 30.0, 0.0);
        String malloc = String.format(RESULT, "SteadyStatePeers.allocFree", "\"peer\":\"malloc\",\"size\":\"64\"",
                15.0, 0.0);
        ResultsTable table = new ResultsTable(read(steady("tlsf", 64, 10, 0), netty, nettyAdaptive, malloc));

        assertEquals(30.0, table.best("netty-", "steady 64 B"));
        String comparison = table.comparisonMarkdown(List.of("tlsf"));
        assertTrue(comparison.contains("| tlsf vs best netty | 3.00x |"), comparison);
        assertTrue(comparison.contains("| tlsf vs malloc | 1.50x |"), comparison);
    }
}
