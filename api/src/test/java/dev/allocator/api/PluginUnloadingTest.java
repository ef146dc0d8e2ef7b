package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropping a plugin folder, its lookup and its allocators lets the plugin's class loader be collected, also after
 * {@link Allocators}' static methods saw the plugin through the context class loader. Each test loads in a method
 * of its own that returns only a weak reference, so no local variable keeps the plugin alive.
 */
@ModulePathOnly
class PluginUnloadingTest {
    @TempDir
    static Path work;

    static Path plugins;

    @BeforeAll
    static void buildPlugin() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        TestPlugins.bump(plugins);
    }

    @Test
    void aDroppedPluginFolderLetsItsClassLoaderBeCollected() throws Exception {
        WeakReference<ClassLoader> loader = useThroughTheFolderLookup();
        TestPlugins.assertCollected(loader, "the plugin's class loader");
    }

    private static WeakReference<ClassLoader> useThroughTheFolderLookup() throws IOException {
        try (PluginFolder folder = PluginFolder.open(plugins)) {
            ByteAllocator heap = folder.lookup().byteAllocator(TestPlugins.BUMP);
            heap.init(0, 1 << 20);
            assertEquals(0, heap.alloc(4096, 4096));
            return new WeakReference<>(heap.getClass().getClassLoader());
        }
    }

    @Test
    void theStaticMethodsKeepAPluginLoaderOnlyAsLongAsItLives() throws Exception {
        WeakReference<ClassLoader> loader = useThroughTheContextClassLoader();
        TestPlugins.assertCollected(loader, "the plugin's class loader, once seen by Allocators' static methods");
    }

    private static WeakReference<ClassLoader> useThroughTheContextClassLoader() throws IOException {
        PluginFolder folder = PluginFolder.open(plugins);
        ModuleLayer layer = folder.layer().orElseThrow();
        ClassLoader pluginLoader = layer.findLoader(TestPlugins.BUMP_MODULE);
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(pluginLoader);
        try {
            ByteAllocator heap = Allocators.byteAllocator(TestPlugins.BUMP);
            assertSame(pluginLoader, heap.getClass().getClassLoader());
            assertSame(Allocators.providers(), Allocators.providers(), "kept while the plugin loader lives");
            assertSame(Allocators.lookup(), Allocators.lookup());
        } finally {
            thread.setContextClassLoader(saved);
        }
        return new WeakReference<>(pluginLoader);
    }
}
