package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ListCommandTest {
    @Test
    void listsEveryProviderWithKindModuleAndOptions() {
        Cli cli = Cli.run("list");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertTrue(lines.get(0).matches("kind +name +module +options \\(defaults\\)"), cli::toString);
        assertEquals(1 + Allocators.providers().size(), lines.size(), cli::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                "page +firstfit-pages +dev\\.allocator\\.cli +page-size=4KiB")), cli::toString);
        for (AllocatorProvider provider : Allocators.providers()) {
            String kind = provider.kind().name().toLowerCase(Locale.ROOT);
            String module = provider.getClass().getModule().getName();
            assertTrue(lines.stream().anyMatch(line -> line.matches(kind + " +" + provider.name() + " +"
                    + module.replace(".", "\\.") + " .*")), () -> provider.name() + " missing:\n" + cli);
        }
    }

    @Test
    void helpListsTheCommands() {
        Cli cli = Cli.run("--help");
        assertEquals(0, cli.exitCode);
        for (String command : new String[] {"list", "compare", "replay", "dump", "map"}) {
            assertTrue(cli.out.contains("\n  " + command + " "), cli::toString);
        }
    }

    @Test
    void theWarmUpHelpShowsItsPercentSignAndPicocliWarnsOfNothing() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        Cli cli;
        try {
            cli = Cli.run("replay", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.contains("within 5%, at most 10 s"), cli::toString);
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli cli = Cli.run("frobnicate");
        assertEquals(2, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli::toString);
    }
}
