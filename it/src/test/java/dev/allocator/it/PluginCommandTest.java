package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code allocator} command with {@code --plugins}: run as its launcher runs it (a child JVM, the cli, picocli,
 * the api and the project's providers on the module path), it lists the first-fit plugin from a folder beside the
 * project's allocators and replays and compares with it.
 */
class PluginCommandTest {
    static Path plugins;
    static Path trace;

    @BeforeAll
    static void buildThePluginFolderAndATrace() throws IOException {
        Path work = PluginFixtures.property("allocator.it.work");
        plugins = PluginFixtures.pluginFolder(work.resolve("plugin-command"));
        trace = Files.writeString(work.resolve("plugin-command.trace"), String.join("\n",
                "# allocator-trace 1", "a 0 100 8", "a 1 200 16", "f 0", "a 2 50 64", "f 1",
                "f 2", ""));
    }

    private static Processes.Result allocator(String... args) throws IOException {
        String modulePath = PluginFixtures.path(PluginFixtures.libraries(),
                PluginFixtures.property("allocator.it.cli").toString(),
                PluginFixtures.property("allocator.it.picocli").toString());
        List<String> command = new ArrayList<>(List.of("--module-path", modulePath,
                "-m", "dev.allocator.cli/dev.allocator.cli.Main"));
        command.addAll(List.of(args));
        return PluginFixtures.java(command.toArray(String[]::new));
    }

    @Test
    void listWithPluginsShowsThePluginBesideTheProjectsAllocatorsAndNamesTheBrokenJar() throws IOException {
        Processes.Result run = allocator("list", "--plugins", plugins.toString());
        assertEquals(0, run.status, run.output);
        List<String> lines = run.output.lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches("byte +firstfit +org\\.example\\.firstfit +granularity=8")),
                run.output);
        assertTrue(lines.stream().anyMatch(line -> line.matches("byte +tlsf +dev\\.allocator\\.tlsf .*")), run.output);
        assertTrue(run.output.contains("allocator: skipped plugin " + PluginFixtures.BROKEN_JAR + ": "), run.output);

        Processes.Result without = allocator("list");
        assertEquals(0, without.status, without.output);
        assertTrue(!without.output.contains("firstfit"), "no plugin without --plugins:\n" + without.output);
        System.out.print("allocator list --plugins " + plugins + ":\n" + run.output);
    }

    @Test
    void replayAndCompareRunThePlugin() throws IOException {
        Processes.Result replay = allocator("replay", trace.toString(), "-a", "firstfit,tlsf", "--repeat", "1",
                "--warmup", "0", "--format", "csv", "--plugins", plugins.toString());
        assertEquals(0, replay.status, replay.output);
        assertTrue(replay.output.lines().anyMatch(line -> line.startsWith("plugin-command,firstfit,byte,6,")), replay.output);
        assertTrue(replay.output.lines().anyMatch(line -> line.startsWith("plugin-command,tlsf,byte,6,")), replay.output);

        Processes.Result compare = allocator("compare", "-a", "firstfit", "-w", "vec_rand_free_7500_520",
                "--repeat", "1", "--warmup", "0", "--format", "csv", "--plugins", plugins.toString());
        assertEquals(0, compare.status, compare.output);
        assertTrue(compare.output.lines().anyMatch(line -> line.startsWith("vec_rand_free_7500_520,firstfit,byte,")),
                compare.output);
    }

    @Test
    void anUnknownNameWithPluginsSaysWhichFolderWasSearched() throws IOException {
        Processes.Result run = allocator("dump", trace.toString(), "-a", "nope", "--plugins", plugins.toString());
        assertEquals(2, run.status, run.output);
        assertTrue(run.output.contains("unknown allocator 'nope'; known: "), run.output);
        assertTrue(run.output.contains("firstfit (byte)"), run.output);
    }
}
