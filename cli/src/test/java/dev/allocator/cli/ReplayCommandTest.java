package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {
    @Test
    void goldenByteTraceHasExactPeakAndFailures() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB",
                "--format", "csv", "--repeat", "1", "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertEquals(2, lines.size(), cli::toString);
        String[] row = lines.get(1).split(",");
        assertEquals("golden", row[0]);
        assertEquals("firstfit", row[1]);
        assertEquals("byte", row[2]);
        assertEquals("10", row[3]);
        assertEquals("1024", row[4]);
        assertEquals("808", row[7], "peak used bytes");
        assertEquals("2", row[8], "failures");
        assertEquals("0.037037", row[9], "fragmentation at peak: 1 - 208 / 216");
        assertEquals("", cli.err);
    }

    @Test
    void goldenPageTraceRunsOnPageAllocatorsOnly() {
        Cli cli = Cli.run("replay", Cli.trace("golden_page.trace"), "-a", "firstfit,firstfit-pages", "--page-pool",
                "64KiB", "--format", "csv", "--repeat", "1", "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertEquals(2, lines.size(), cli::toString);
        String[] row = lines.get(1).split(",");
        assertEquals("firstfit-pages", row[1]);
        assertEquals("page", row[2]);
        assertEquals(Long.toString(16 * 4096), row[7], "peak used bytes: the whole pool");
        assertEquals("1", row[8], "failures");
        assertEquals("0.000000", row[9]);
    }

    @Test
    void tablePrintsOneRowPerTraceAndAllocatorOfItsKind() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), Cli.trace("golden_page.trace"), "-a",
                "firstfit,firstfit-pages", "--pool", "1KiB", "--page-pool", "64KiB", "--repeat", "3", "--warmup", "1");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertEquals(3, lines.size(), cli::toString);
        assertTrue(lines.get(0).startsWith("trace"), cli::toString);
        assertTrue(lines.get(0).contains("ns/op") && lines.get(0).contains("frag@peak"), cli::toString);
        assertTrue(lines.get(0).endsWith("warm-up"), cli::toString);
        assertTrue(lines.get(1).matches("golden +firstfit +10 +[0-9.]+ +[0-9.]+ +808 B +2 +0\\.037 +~?[0-9.]+s"),
                lines.get(1));
        assertTrue(lines.get(2).matches(
                "golden_page +firstfit-pages +8 +[0-9.]+ +[0-9.]+ +64\\.0 KiB +1 +0\\.000 +~?[0-9.]+s"), lines.get(2));
    }

    @Test
    void jsonHasOneObjectPerMeasurement() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "-a", "FirstFit", "--pool", "1KiB",
                "--format", "json", "--repeat", "1", "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.startsWith("[\n  {\"trace\": \"golden\", \"allocator\": \"firstfit\", \"kind\": \"byte\", "
                + "\"ops\": 10, \"pool_bytes\": 1024, \"median_ns_per_op\": "), cli::toString);
        assertTrue(cli.out.contains("\"peak_used_bytes\": 808, \"failures\": 2, "
                + "\"fragmentation_at_peak\": 0.037037, \"warmup_ms\": 0, \"warmup_replays\": 0, "
                + "\"warmup_settled\": false}\n]"), cli::toString);
    }

    @Test
    void missingFileIsOneLineAndExitCodeTwo() {
        Cli cli = Cli.run("replay", "no/such.trace");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: no/such.trace: no such trace file\n", cli.err);
        assertEquals("", cli.out);
    }

    @Test
    void unknownAllocatorListsTheKnownNames() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "-a", "nope");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.startsWith("allocator replay: unknown allocator 'nope'; known: "), cli::toString);
        assertTrue(cli.err.contains("firstfit (byte), firstfit-pages (page)"), cli::toString);
        assertEquals(1, cli.err.lines().count(), cli::toString);
    }

    @Test
    void badSizeNamesTheValue() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "--pool", "12XB");
        assertEquals(2, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli::toString);
        assertTrue(cli.err.contains("'12XB' is not a size"), cli::toString);
        assertFalse(cli.err.contains("at dev.allocator"), cli::toString);
    }

    @Test
    void poolTooSmallForAPageIsBadInput() {
        Cli cli = Cli.run("replay", Cli.trace("golden_page.trace"), "-a", "firstfit-pages", "--page-pool", "1KiB");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: pool too small: 1 KiB holds no 4 KiB page of firstfit-pages\n", cli.err);
    }

    @Test
    void emptyPoolIsBadInput() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "0");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: pool too small: 0 bytes for firstfit\n", cli.err);
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli cli = Cli.run("replay", "no/such.trace", "--verbose");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.startsWith("allocator replay: no/such.trace: no such trace file\n"), cli::toString);
        assertTrue(cli.err.contains("TraceParser.parse("), cli::toString);
    }

    @Test
    void allocatorOptionsReachTheAllocatorsThatTakeThem() {
        Cli cli = Cli.run("replay", Cli.trace("golden_page.trace"), "-a", "firstfit-pages", "-o", "page-size=8KiB",
                "--page-pool", "64KiB", "--format", "csv", "--repeat", "1", "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        String[] row = cli.out.lines().toList().get(1).split(",");
        assertEquals("3", row[8], "on 8 pages of 8 KiB runs 2, 3 and 4 no longer fit");
    }

    @Test
    void optionNoAllocatorTakesIsBadInput() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "-o", "colour=blue");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.startsWith("allocator replay: no selected allocator takes option 'colour'"), cli::toString);
    }

    @Test
    void missingTraceArgumentIsAUsageError() {
        Cli cli = Cli.run("replay");
        assertEquals(2, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli::toString);
        assertTrue(cli.err.contains("Missing required parameter"), cli::toString);
    }

    @Test
    void unknownFormatIsBadInput() {
        Cli cli = Cli.run("replay", Cli.trace("golden.trace"), "--format", "xml");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: unknown format 'xml'; use table, csv or json\n", cli.err);
    }
}
