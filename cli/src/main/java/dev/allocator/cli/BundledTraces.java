package dev.allocator.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The traces of the repository's {@code traces/} folder, which the build copies into this module as resources of
 * {@code dev/allocator/cli/traces/} with an {@code index} of their file names. A trace is named by its file name
 * without {@code .trace}, e.g. {@code mixed_align_200K}.
 */
final class BundledTraces {
    private static final String FOLDER = "traces/";
    private static final String SUFFIX = ".trace";

    private BundledTraces() {
    }

    /** The names of the bundled traces, sorted; empty if the build bundled none. */
    static List<String> names() {
        InputStream index = BundledTraces.class.getResourceAsStream(FOLDER + "index");
        if (index == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String fileName = line.strip();
                if (fileName.endsWith(SUFFIX)) {
                    names.add(fileName.substring(0, fileName.length() - SUFFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index of the bundled traces", e);
        }
        Collections.sort(names);
        return names;
    }

    /**
     * The bundled trace a command-line argument names: a bare name, with or without {@code .trace}, of a bundled
     * trace; {@code null} for anything else (a path with a folder, an unknown name).
     */
    static String nameOf(Path argument) {
        if (argument.getParent() != null || argument.getFileName() == null) {
            return null;
        }
        String name = TraceParser.traceName(argument);
        return names().contains(name) ? name : null;
    }

    /** The file's bytes of the bundled trace {@code name}. */
    static byte[] read(String name) {
        try (InputStream in = BundledTraces.class.getResourceAsStream(FOLDER + name + SUFFIX)) {
            if (in == null) {
                throw new UserException(name + ": no such bundled trace; bundled: " + String.join(", ", names()));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled trace " + name, e);
        }
    }

    /**
     * Parses the bundled trace {@code name}.
     *
     * @throws UserException if there is no such trace
     */
    static Trace parse(String name) {
        return parse(name, read(name));
    }

    /** Parses {@code bytes}, the file of the bundled trace {@code name}. */
    static Trace parse(String name, byte[] bytes) {
        try (InputStreamReader reader = new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8)) {
            return TraceParser.parse(reader, "bundled trace " + name, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled trace " + name, e);
        }
    }
}
