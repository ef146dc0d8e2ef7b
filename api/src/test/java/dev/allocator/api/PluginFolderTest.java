package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of plugin jars becomes a child layer of the boot layer; its lookup finds the plugin by name beside the
 * host's providers, and jars that cannot load are reported by name without hiding the others.
 */
@ModulePathOnly
class PluginFolderTest {
    @TempDir
    static Path work;

    /** bump.jar (works), needy.jar (requires a module nobody ships), broken.jar (not a zip). */
    static Path mixed;
    /** bump.jar only. */
    static Path bumpOnly;

    @BeforeAll
    static void buildPlugins() throws IOException {
        mixed = Files.createDirectories(work.resolve("mixed"));
        bumpOnly = Files.createDirectories(work.resolve("bump-only"));
        Path bump = TestPlugins.bump(mixed);
        TestPlugins.needsMissingModule(mixed);
        TestPlugins.garbage(mixed);
        Files.copy(bump, bumpOnly.resolve("bump.jar"));
    }

    private static Set<String> keys(List<AllocatorProvider> providers) {
        return providers.stream().map(p -> p.kind() + " " + p.name()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void thePluginIsFoundByNameBesideTheHostsOwnProviders() throws IOException {
        try (PluginFolder plugins = PluginFolder.open(bumpOnly)) {
            Set<String> expected = new TreeSet<>(keys(Allocators.providers()));
            expected.add("BYTE " + TestPlugins.BUMP);
            assertEquals(expected, keys(plugins.lookup().providers()));

            ByteAllocator heap = plugins.lookup().byteAllocator("BUMP");
            heap.init(0, 4096);
            assertEquals(0, heap.alloc(100, 64));
            assertEquals(128, heap.alloc(1, 64));
            assertEquals(TestPlugins.BUMP_MODULE, heap.getClass().getModule().getName());
            assertTrue(plugins.problems().isEmpty(), plugins.problems().toString());
        }
    }

    @Test
    void thePluginsLiveInAChildLayerOfTheBootLayerWithALoaderOfTheirOwn() throws IOException {
        try (PluginFolder plugins = PluginFolder.open(bumpOnly)) {
            ModuleLayer layer = plugins.layer().orElseThrow();
            assertEquals(List.of(ModuleLayer.boot()), layer.parents());
            Module bump = layer.findModule(TestPlugins.BUMP_MODULE).orElseThrow();
            assertSame(layer, bump.getLayer());
            ClassLoader loader = layer.findLoader(TestPlugins.BUMP_MODULE);
            assertNotSame(Allocators.class.getClassLoader(), loader);
            assertSame(Allocators.class.getClassLoader(), loader.getParent());
            assertSame(loader, plugins.lookup().provider(AllocatorKind.BYTE, TestPlugins.BUMP).getClass()
                    .getClassLoader());
        }
    }

    @Test
    void aBrokenJarIsReportedByNameAndDoesNotHideTheOthers() throws IOException {
        try (PluginFolder plugins = PluginFolder.open(mixed)) {
            Map<String, String> reasons = new TreeMap<>();
            plugins.problems().forEach(problem -> reasons.put(problem.jar().getFileName().toString(), problem.reason()));
            assertEquals(Set.of("broken.jar", "needy.jar"), reasons.keySet(), plugins.problems().toString());
            assertTrue(reasons.get("needy.jar").contains("org.example.missing"), reasons.toString());
            assertTrue(reasons.get("broken.jar").contains("broken.jar"), reasons.toString());

            ByteAllocator heap = plugins.lookup().byteAllocator(TestPlugins.BUMP);
            assertEquals(TestPlugins.BUMP_MODULE, heap.getClass().getModule().getName());
            assertEquals(Set.of(TestPlugins.BUMP_MODULE), plugins.layer().orElseThrow().modules().stream()
                    .map(Module::getName).collect(Collectors.toSet()));
        }
    }

    @Test
    void anUnknownNameSaysWhichFolderAndLayerItSearchedAndWhichJarsWereSkipped() throws IOException {
        try (PluginFolder plugins = PluginFolder.open(mixed)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> plugins.lookup().byteAllocator("nope"));
            assertTrue(e.getMessage().startsWith("no BYTE allocator named 'nope' in plugin folder " + mixed
                    + " (module layer [" + TestPlugins.BUMP_MODULE + "] and its parents); available: Test-Bytes, bump;"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("; plugin skipped: broken.jar: "), e.getMessage());
            assertTrue(e.getMessage().contains("; plugin skipped: needy.jar: "), e.getMessage());
        }
    }

    @Test
    void theStaticLookupDoesNotSeeThePlugins() throws IOException {
        try (PluginFolder plugins = PluginFolder.open(bumpOnly)) {
            assertTrue(plugins.lookup().providers().size() > Allocators.providers().size());
            assertFalse(keys(Allocators.providers()).contains("BYTE " + TestPlugins.BUMP));
        }
    }

    @Test
    void anEmptyFolderGivesTheHostsProvidersInAnEmptyLayer() throws IOException {
        Path empty = Files.createDirectories(work.resolve("empty"));
        try (PluginFolder plugins = PluginFolder.open(empty)) {
            assertEquals(keys(Allocators.providers()), keys(plugins.lookup().providers()));
            assertTrue(plugins.layer().orElseThrow().modules().isEmpty());
            assertTrue(plugins.problems().isEmpty());
        }
    }

    @Test
    void aModuleTwiceInTheFolderIsUsedOnceAndTheCopyReported() throws IOException {
        Path twice = Files.createDirectories(work.resolve("twice"));
        Files.copy(bumpOnly.resolve("bump.jar"), twice.resolve("a-bump.jar"));
        Files.copy(bumpOnly.resolve("bump.jar"), twice.resolve("b-bump.jar"));
        try (PluginFolder plugins = PluginFolder.open(twice)) {
            assertEquals(1, plugins.problems().size(), plugins.problems().toString());
            assertEquals("b-bump.jar: module org.example.plugin.bump is also in a-bump.jar, which is used",
                    plugins.problems().get(0).toString());
            assertEquals(TestPlugins.BUMP, plugins.lookup().provider(AllocatorKind.BYTE, "bump").name());
        }
    }

    @Test
    void aModuleTheHostAlreadyLoadedIsReportedNotReplaced() throws IOException {
        Path shadow = Files.createDirectories(work.resolve("shadow"));
        TestPlugins.module(shadow, "org.junit.jupiter.api", "junit-copy.jar");
        try (PluginFolder plugins = PluginFolder.open(shadow)) {
            assertEquals(1, plugins.problems().size(), plugins.problems().toString());
            String problem = plugins.problems().get(0).toString();
            assertTrue(problem.startsWith("junit-copy.jar: module org.junit.jupiter.api is already loaded by the host"),
                    problem);
            assertTrue(plugins.layer().orElseThrow().modules().isEmpty());
        }
    }

    @Test
    void aMissingFolderOrAFileIsAnIoExceptionNamingIt() {
        Path missing = work.resolve("no-such-folder");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> PluginFolder.open(missing));
        assertTrue(none.getMessage().contains("no-such-folder"), none.getMessage());
        Path jar = bumpOnly.resolve("bump.jar");
        NotDirectoryException file = assertThrows(NotDirectoryException.class, () -> PluginFolder.open(jar));
        assertTrue(file.getMessage().contains("bump.jar"), file.getMessage());
    }

    @Test
    void theParentLayerMustHoldThisApi() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginFolder.open(bumpOnly, ModuleLayer.empty()));
        assertTrue(e.getMessage().contains("does not hold the module dev.allocator.api"), e.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedNamingTheParameter() {
        assertEquals("folder", assertThrows(NullPointerException.class, () -> PluginFolder.open(null)).getMessage());
        assertEquals("folder", assertThrows(NullPointerException.class,
                () -> PluginFolder.open(null, ModuleLayer.boot())).getMessage());
        assertEquals("parent", assertThrows(NullPointerException.class,
                () -> PluginFolder.open(bumpOnly, null)).getMessage());
    }
}
