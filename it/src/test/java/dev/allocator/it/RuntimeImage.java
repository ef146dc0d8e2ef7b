package dev.allocator.it;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Links and runs a custom runtime image with the running JDK's {@code jlink}: in process through
 * {@link ToolProvider} when the {@code jdk.jlink} module is there, else {@code $JAVA_HOME/bin/jlink}. A JDK
 * without either skips the test that asked, saying why.
 */
final class RuntimeImage {
    private final Path home;

    private RuntimeImage(Path home) {
        this.home = home;
    }

    /**
     * Links an image holding {@code modules} and what they require, from {@code modulePath} and the JDK's own
     * modules. Replaces whatever {@code output} held.
     */
    static RuntimeImage link(Path output, List<Path> modulePath, List<String> modules) throws IOException {
        deleteTree(output);
        Files.createDirectories(output.getParent());
        List<String> args = List.of(
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(
                        java.io.File.pathSeparator)),
                "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", output.toString());
        Optional<ToolProvider> inProcess = ToolProvider.findFirst("jlink");
        if (inProcess.isPresent()) {
            StringWriter out = new StringWriter();
            int status = inProcess.get().run(new PrintWriter(out, true), new PrintWriter(out, true),
                    args.toArray(String[]::new));
            check(status, "jlink " + String.join(" ", args), out.toString());
        } else {
            Path executable = jdkTool("jlink");
            Assumptions.assumeTrue(Files.isExecutable(executable), () -> "SKIPPED: this JDK ("
                    + System.getProperty("java.home") + ") has no jlink: no jdk.jlink module and no " + executable);
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(args);
            Processes.Result result = Processes.run(command);
            check(result.status, String.join(" ", command), result.output);
        }
        return new RuntimeImage(output);
    }

    /** Returns where the boot layer found a module: its jar or exploded directory. */
    static Path locationOf(String module) {
        return ModuleLayer.boot().configuration().findModule(module)
                .map(ResolvedModule::reference)
                .flatMap(reference -> reference.location())
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("module " + module + " is not on the module path"));
    }

    Path home() {
        return home;
    }

    /** Runs the image's own {@code java} with these arguments. */
    Processes.Result java(String... args) throws IOException {
        String launcher = System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java";
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(launcher).toString());
        command.addAll(List.of(args));
        return Processes.run(command);
    }

    /** Bytes of all regular files in the image. */
    long sizeInBytes() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** A tool of the running JDK, such as {@code jlink} or {@code java}. */
    static Path jdkTool(String name) {
        String suffix = System.getProperty("os.name").startsWith("Windows") ? ".exe" : "";
        return Path.of(System.getProperty("java.home"), "bin", name + suffix);
    }

    private static void check(int status, String command, String output) {
        if (status != 0) {
            throw new AssertionError("exit status " + status + " from " + command + ":\n" + output);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
