package dev.allocator.cli;

import static dev.allocator.api.spi.AllocatorKind.BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The traces of the repository's traces/ folder, bundled into the cli: listed, replayed and dumped by name. */
class BundledTracesTest {
    /** The repository's traces/ folder; tests run in the cli module's folder. */
    private static final Path REPOSITORY_TRACES = Path.of("..", "traces");

    @Test
    void bundledTracesAreExactlyTheFilesOfTheRepositoryFolder() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(REPOSITORY_TRACES)) {
            files = listing.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".trace"))
                    .map(name -> name.substring(0, name.length() - ".trace".length())).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no trace in " + REPOSITORY_TRACES.toAbsolutePath());
        assertEquals(files, BundledTraces.names());
        for (String name : files) {
            byte[] repository = Files.readAllBytes(REPOSITORY_TRACES.resolve(name + ".trace"));
            assertEquals(repository.length, BundledTraces.read(name).length, name);
        }
    }

    @Test
    void tracesListsEachWithKindOperationsFileSizeAndPeakLive() {
        Cli cli = Cli.run("traces");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertTrue(lines.get(0).matches("name +kind +operations +file +peak live"), cli::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches("vec_push_3M +byte +42 +768 B +24\\.0 MiB")),
                cli::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                "mixed_align_200K +byte +200000 +2\\.38 MiB +389 MiB")), cli::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                "page_mixed_100K +page +100000 +1\\.21 MiB +630157 pages")), cli::toString);
        assertEquals(1 + BundledTraces.names().size(), lines.indexOf(""), "one row per bundled trace:\n" + cli);
        assertTrue(cli.out.contains("traces/README.md"), cli::toString);
        assertEquals("", cli.err);
    }

    @Test
    void peakLiveIsTheLargestSumOfLiveSizes() {
        Trace trace = new Trace.Builder("t").alloc(BYTE, 100, 8).alloc(BYTE, 50, 8).free(BYTE, 0)
                .alloc(BYTE, 70, 8).build();
        assertEquals(150, TracesCommand.peakLive(trace));
    }

    @Test
    void replayTakesABundledTraceByName() {
        Cli cli = Cli.run("replay", "vec_push_3M", "-a", "firstfit", "--format", "csv", "--repeat", "1",
                "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        String[] row = cli.out.lines().toList().get(1).split(",");
        assertEquals("vec_push_3M", row[0]);
        assertEquals("firstfit", row[1]);
        assertEquals("42", row[3]);
        assertEquals("0", row[8], "failures");
    }

    @Test
    void replayTakesABundledTraceNameWithItsSuffix() {
        Cli cli = Cli.run("replay", "vec_push_3M.trace", "-a", "firstfit", "--format", "csv", "--repeat", "1",
                "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.lines().toList().get(1).startsWith("vec_push_3M,firstfit,"), cli::toString);
    }

    @Test
    void dumpTakesABundledTraceByName() {
        Cli cli = Cli.run("dump", "vec_push_3M", "-a", "firstfit", "--at", "end");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.out.contains("\"trace\": \"vec_push_3M\""), cli::toString);
        assertTrue(cli.out.contains("\"ops_replayed\": 42"), cli::toString);
    }

    @Test
    void unknownBareNameListsTheBundledTraces() {
        Cli cli = Cli.run("replay", "nope");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: nope: no such trace file, nor a bundled trace (bundled: "
                + String.join(", ", BundledTraces.names()) + ")\n", cli.err);
        assertEquals("", cli.out);
    }

    @Test
    void aPathWithAFolderIsNeverTakenForABundledName() {
        Cli cli = Cli.run("replay", "somewhere/vec_push_3M");
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: somewhere/vec_push_3M: no such trace file\n", cli.err);
    }

    @Test
    void aFolderIsNotATraceFile() {
        Cli cli = Cli.run("replay", REPOSITORY_TRACES.toString());
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: " + REPOSITORY_TRACES + ": is a folder, not a trace file\n", cli.err);
    }

    @Test
    void replayHelpPointsAtTheFormatInTheRepositoryAndTheTracesCommand() {
        Cli cli = Cli.run("replay", "--help");
        assertEquals(0, cli.exitCode);
        String help = cli.out.replaceAll("\\s+", " ");
        assertTrue(help.contains("Format: traces/README.md in the repository"), cli::toString);
        assertTrue(help.contains("names of bundled traces ('allocator traces' lists them)"), cli::toString);
        assertFalse(help.contains("shared/traces"), cli::toString);
    }
}
