package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DumpCommandTest {
    @Test
    void dumpAtPeakHasStatsAndEveryRunInAddressOrder() {
        Cli cli = Cli.run("dump", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB");
        assertEquals(0, cli.exitCode, cli::toString);
        assertEquals(String.join("\n",
                "{",
                "  \"trace\": \"golden\",",
                "  \"allocator\": \"firstfit\",",
                "  \"kind\": \"byte\",",
                "  \"at\": \"peak\",",
                "  \"ops_replayed\": 3,",
                "  \"ops_total\": 10,",
                "  \"failures\": 0,",
                "  \"pool_bytes\": 1024,",
                "  \"unit\": \"bytes\",",
                "  \"unit_bytes\": 1,",
                "  \"stats\": {\"total\": 1024, \"used\": 808, \"available\": 216, \"live_blocks\": 3, "
                        + "\"free_ranges\": 2, \"largest_free\": 208, \"fragmentation\": 0.037037},",
                "  \"blocks\": [",
                "    {\"start\": 0, \"size\": 104, \"used\": true},",
                "    {\"start\": 104, \"size\": 8, \"used\": false},",
                "    {\"start\": 112, \"size\": 200, \"used\": true},",
                "    {\"start\": 312, \"size\": 504, \"used\": true},",
                "    {\"start\": 816, \"size\": 208, \"used\": false}",
                "  ]",
                "}",
                ""), cli.out);
    }

    @Test
    void dumpAtEndCountsEveryFailure() {
        Cli cli = Cli.run("dump", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB", "--at", "end");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.contains("\"ops_replayed\": 10,\n"), cli::toString);
        assertTrue(cli.out.contains("\"failures\": 2,\n"), cli::toString);
        assertTrue(cli.out.contains("\"used\": 776,"), cli::toString);
    }

    @Test
    void dumpAfterZeroOperationsShowsOneFreeRun() {
        Cli cli = Cli.run("dump", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB", "--at", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.contains("  \"blocks\": [\n    {\"start\": 0, \"size\": 1024, \"used\": false}\n  ]\n"),
                cli::toString);
    }

    @Test
    void pageDumpCountsInPages() {
        Cli cli = Cli.run("dump", Cli.trace("golden_page.trace"), "-a", "firstfit-pages", "--page-pool", "64KiB");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.contains("\"unit\": \"pages\",\n  \"unit_bytes\": 4096,"), cli::toString);
        assertTrue(cli.out.contains("\"stats\": {\"total\": 16, \"used\": 16, \"available\": 0,"), cli::toString);
        assertTrue(cli.out.contains("{\"start\": 32768, \"size\": 2, \"used\": true}"), cli::toString);
    }

    @Test
    void badAtIsBadInput() {
        Cli cli = Cli.run("dump", Cli.trace("golden.trace"), "-a", "firstfit", "--at", "11");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator dump: --at must be peak, end or an operation count from 0 to 10, not '11'\n",
                cli.err);
    }

    @Test
    void allocatorOfTheOtherKindIsBadInput() {
        Cli cli = Cli.run("dump", Cli.trace("golden.trace"), "-a", "firstfit-pages");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator dump: firstfit-pages is a page allocator; golden is a byte trace\n", cli.err);
    }

    @Test
    void allocatorIsRequired() {
        Cli cli = Cli.run("dump", Cli.trace("golden.trace"));
        assertEquals(2, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli::toString);
        assertTrue(cli.err.contains("Missing required option: '--allocator=NAME'"), cli::toString);
    }
}
