package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ListCommandTest {
    @Test
    void listsEveryProviderWithKindModuleAndOptions() {
        Cli cli = Cli.run("list");
        assertEquals(0, cli.exitCode, cli::toString);
        assertEquals(String.join("\n",
                "kind  name            module             options (defaults)",
                "byte  firstfit        dev.allocator.cli  -",
                "page  firstfit-pages  dev.allocator.cli  page-size=4KiB",
                ""), cli.out);
    }

    @Test
    void helpListsTheCommands() {
        Cli cli = Cli.run("--help");
        assertEquals(0, cli.exitCode);
        for (String command : new String[] {"list", "compare", "replay", "dump", "map"}) {
            org.junit.jupiter.api.Assertions.assertTrue(cli.out.contains("\n  " + command + " "), cli::toString);
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli cli = Cli.run("frobnicate");
        assertEquals(2, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli::toString);
    }
}
