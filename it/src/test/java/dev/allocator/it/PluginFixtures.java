package dev.allocator.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the plugin tests share: a plugin folder holding the third-party first-fit provider as a jar (and a broken
 * jar beside it), and the library jars a child JVM needs, without that provider.
 */
final class PluginFixtures {
    /** The plugin jar's file name in the folder, and the broken one's. */
    static final String PLUGIN_JAR = "firstfit.jar";
    static final String BROKEN_JAR = "broken.jar";

    private PluginFixtures() {
    }

    /** A system property Surefire sets (it/pom.xml), or a failure naming it. */
    static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: it/pom.xml sets it for Surefire");
        }
        return Path.of(value);
    }

    /**
     * Creates {@code folder} with the first-fit provider packed as {@value #PLUGIN_JAR} and a file
     * {@value #BROKEN_JAR} that is not a jar; replaces what was there.
     */
    static Path pluginFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> old = Files.list(folder)) {
            for (Path file : old.collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        pack(property("allocator.it.third-party"), folder.resolve(PLUGIN_JAR));
        Files.write(folder.resolve(BROKEN_JAR), "not a jar".getBytes(StandardCharsets.US_ASCII));
        return folder;
    }

    /**
     * The entries of this test JVM's module path but the third-party provider and the test module itself: the api,
     * the tck and JUnit, and the project's providers. A child JVM takes them as its module path or class path.
     */
    static List<String> libraries() {
        Set<Path> left = Set.of(normal(property("allocator.it.third-party")),
                normal(RuntimeImage.locationOf(PluginFixtures.class.getModule().getName())));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("jdk.module.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !left.contains(normal(Path.of(entry)))) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Joins path entries with the platform's separator. */
    static String path(List<String> entries, String... more) {
        List<String> all = new ArrayList<>(entries);
        all.addAll(Arrays.asList(more));
        return String.join(File.pathSeparator, all);
    }

    /** Runs the running JDK's {@code java} with these arguments, the tck kept to a few random sequences. */
    static Processes.Result java(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(RuntimeImage.jdkTool("java").toString());
        command.add("-Dallocator.tck.sequences=" + System.getProperty("allocator.tck.sequences", "4"));
        command.add("-Djava.awt.headless=true");
        command.addAll(Arrays.asList(args));
        return Processes.run(command);
    }

    private static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** Packs a folder of classes and resources into a jar. */
    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
    }
}
