package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.ref.WeakReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Plugin jars for the tests, compiled at test time against this api module: a real named module with a
 * {@code provides} clause, as a third party would ship it, plus jars that are broken on purpose.
 */
final class TestPlugins {
    /** The module of the working plugin, and the name of its byte allocator. */
    static final String BUMP_MODULE = "org.example.plugin.bump";
    static final String BUMP = "bump";

    private static final String BUMP_DESCRIPTOR = """
            module org.example.plugin.bump {
                requires dev.allocator.api;
                provides dev.allocator.api.spi.AllocatorProvider with org.example.plugin.bump.BumpProvider;
            }
            """;

    private static final String BUMP_PROVIDER = """
            package org.example.plugin.bump;

            import dev.allocator.api.BaseAllocator;
            import dev.allocator.api.spi.AllocatorKind;
            import dev.allocator.api.spi.AllocatorOptions;
            import dev.allocator.api.spi.AllocatorProvider;
            import java.util.Map;

            public final class BumpProvider implements AllocatorProvider {
                public String name() { return "bump"; }
                public AllocatorKind kind() { return AllocatorKind.BYTE; }
                public Map<String, String> defaults() { return Map.of(); }
                public BaseAllocator create(AllocatorOptions options) { return new BumpAllocator(); }
            }
            """;

    /** Hands out addresses upwards and never reuses them: just enough of an allocator to prove it ran. */
    private static final String BUMP_ALLOCATOR = """
            package org.example.plugin.bump;

            import dev.allocator.api.AllocException;
            import dev.allocator.api.AllocatorStats;
            import dev.allocator.api.BlockVisitor;
            import dev.allocator.api.ByteAllocator;

            final class BumpAllocator implements ByteAllocator {
                private long start, end, next, used;

                public void init(long start, long size) { this.start = start; end = start + size; next = start; }
                public void addMemory(long start, long size) { throw AllocException.invalidParam("one region"); }
                public void reset() { next = start; used = 0; }
                public AllocatorStats stats() {
                    return new AllocatorStats(end - start, used, end - start - used, 0, 1, end - next);
                }
                public void forEachBlock(BlockVisitor visitor) { }
                public long alloc(long size, long align) {
                    long at = (next + align - 1) & -align;
                    if (at + size > end) { throw AllocException.noMemory("bump: no room for " + size); }
                    next = at + size;
                    used += size;
                    return at;
                }
                public void dealloc(long pos, long size, long align) { used -= size; }
                public long totalBytes() { return end - start; }
                public long usedBytes() { return used; }
                public long availableBytes() { return end - start - used; }
                public long usableSize(long size, long align) { return size; }
                public boolean tryResize(long pos, long oldSize, long newSize, long align) { return false; }
            }
            """;

    private TestPlugins() {
    }

    /** Compiles the {@code bump} plugin into {@code folder/bump.jar}. */
    static Path bump(Path folder) throws IOException {
        Path classes = compile(folder, Map.of(
                "module-info.java", BUMP_DESCRIPTOR,
                "org/example/plugin/bump/BumpProvider.java", BUMP_PROVIDER,
                "org/example/plugin/bump/BumpAllocator.java", BUMP_ALLOCATOR));
        return pack(classes, folder.resolve("bump.jar"));
    }

    /**
     * A plugin module that requires a module nobody ships: compiled against a stub of it, packed without it, so it
     * reads fine and does not resolve.
     */
    static Path needsMissingModule(Path folder) throws IOException {
        Path missing = compile(folder, Map.of("module-info.java", "module org.example.missing { }"));
        Path classes = compile(folder, Map.of(
                "module-info.java", "module org.example.plugin.needy { requires org.example.missing; }",
                "org/example/plugin/needy/Needy.java", "package org.example.plugin.needy; public class Needy { }"),
                missing);
        return pack(classes, folder.resolve("needy.jar"));
    }

    /** An empty module named {@code name}, packed as {@code folder/jarName}. */
    static Path module(Path folder, String name, String jarName) throws IOException {
        return pack(compile(folder, Map.of("module-info.java", "module " + name + " { }")), folder.resolve(jarName));
    }

    /** A file named like a jar that is not one. */
    static Path garbage(Path folder) throws IOException {
        return Files.write(folder.resolve("broken.jar"), "not a zip file".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Calls {@code System.gc()} until the reference clears, for at most ten seconds, and fails if it does not.
     * The caller must hold nothing that reaches the referent (load in a method of its own, return only the
     * reference).
     */
    static void assertCollected(WeakReference<?> reference, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<byte[]> pressure = new ArrayList<>();
        while (reference.get() != null && System.nanoTime() < deadline) {
            System.gc();
            pressure.add(new byte[1 << 16]);
            Thread.sleep(10);
        }
        assertNull(reference.get(), what + " was not collected within 10 s of dropping every reference to it");
    }

    /**
     * Compiles one module's {@code sources} (path in the module, source text) against this api and the modules of
     * {@code modulePath}, into a new folder under {@code work}.
     */
    private static Path compile(Path work, Map<String, String> sources, Path... modulePath) throws IOException {
        Path classes = Files.createTempDirectory(work, "classes-");
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + path),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: the tests need a JDK with jdk.compiler");
        StringJoiner path = new StringJoiner(File.pathSeparator);
        path.add(apiLocation().toString());
        for (Path entry : modulePath) {
            path.add(entry.toString());
        }
        List<String> options = List.of("--release", "17", "-proc:none", "--module-path", path.toString(),
                "-d", classes.toString());
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, options, null, units).call();
        assertTrue(compiled, () -> "test plugin did not compile:\n" + diagnostics);
        return classes;
    }

    /** Packs a folder of classes into a jar. */
    private static Path pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path apiLocation() {
        return ModuleLayer.boot().configuration().findModule("dev.allocator.api")
                .map(ResolvedModule::reference)
                .flatMap(reference -> reference.location())
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("dev.allocator.api is not on the module path"));
    }
}
