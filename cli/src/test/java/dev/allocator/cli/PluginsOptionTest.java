package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugins DIR} on every command: each one reads the folder before it looks up an allocator, a missing
 * folder is one line and exit 2, and a jar that cannot load is named on stderr while the command goes on. Loading
 * a real plugin and running it is proved in {@code it/} ({@code PluginCommandTest}) with the third-party jar.
 */
class PluginsOptionTest {
    @TempDir
    Path work;

    private static List<String[]> everyCommand(String plugins, Path out) {
        String trace = Cli.trace("golden.trace");
        return List.of(
                new String[] {"--plugins", plugins},
                new String[] {"list", "--plugins", plugins},
                new String[] {"compare", "-w", "vec_push_3M", "--repeat", "1", "--warmup", "0", "--plugins", plugins},
                new String[] {"replay", trace, "-a", "firstfit", "--pool", "1KiB", "--repeat", "1", "--warmup", "0",
                    "--plugins", plugins},
                new String[] {"dump", trace, "-a", "firstfit", "--pool", "1KiB", "--plugins", plugins},
                new String[] {"map", trace, "-a", "firstfit", "--pool", "1KiB", "--out", out.toString(),
                    "--plugins", plugins});
    }

    @Test
    void everyCommandReadsThePluginFolderAndAMissingOneIsOneLineWithExit2() {
        String missing = work.resolve("no-such-plugins").toString();
        for (String[] args : everyCommand(missing, work.resolve("map.png"))) {
            Cli cli = Cli.run(args);
            assertEquals(2, cli.exitCode, () -> String.join(" ", args) + "\n" + cli);
            assertEquals(1, cli.err.lines().count(), () -> String.join(" ", args) + "\n" + cli);
            assertTrue(cli.err.contains("--plugins " + missing + ": no such folder"),
                    () -> String.join(" ", args) + "\n" + cli);
        }
    }

    @Test
    void aFileGivenAsThePluginFolderIsOneLineWithExit2() throws IOException {
        Path file = Files.writeString(work.resolve("plugins.txt"), "not a folder");
        Cli cli = Cli.run("list", "--plugins", file.toString());
        assertEquals(2, cli.exitCode, cli::toString);
        assertEquals("allocator list: --plugins " + file + ": not a folder", cli.err.strip(), cli::toString);
    }

    @Test
    void aBrokenPluginJarIsNamedOnStderrAndEveryCommandStillRuns() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.write(plugins.resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.US_ASCII));
        Cli plain = Cli.run("list");
        for (String[] args : everyCommand(plugins.toString(), work.resolve("map.png"))) {
            if (args[0].equals("--plugins") || args[0].equals("compare")) {
                continue; // the built-in workloads take seconds: list, replay, dump and map prove the wiring
            }
            Cli cli = Cli.run(args);
            assertEquals(0, cli.exitCode, () -> String.join(" ", args) + "\n" + cli);
            assertTrue(cli.err.startsWith("allocator: skipped plugin broken.jar: "),
                    () -> String.join(" ", args) + "\n" + cli);
            if (args[0].equals("list")) {
                assertEquals(plain.out, cli.out, "the same providers as without the folder");
            }
        }
    }

    @Test
    void everyCommandShowsThePluginsOptionInItsHelp() {
        for (String command : new String[] {"list", "compare", "replay", "dump", "map"}) {
            Cli cli = Cli.run(command, "--help");
            assertEquals(0, cli.exitCode, cli::toString);
            assertTrue(cli.out.contains("--plugins=DIR"), () -> command + ":\n" + cli);
        }
        assertTrue(Cli.run("--help").out.contains("--plugins=DIR"));
    }
}
