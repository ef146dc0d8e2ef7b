package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The lookups behind Allocators' static methods: one per context class loader, kept only as long as it lives. */
class ContextLookupsTest {
    @Test
    void aThreadWithoutAContextLoaderUsesTheLookupOfTheApisLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(Allocators.class.getClassLoader());
            AllocatorLookup own = Allocators.lookup();
            thread.setContextClassLoader(null);
            assertSame(own, Allocators.lookup());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void reloadForgetsTheLookupsAndTheNextOneIsKeptAgain() {
        AllocatorLookup before = Allocators.lookup();
        assertSame(before, Allocators.lookup());
        Allocators.reload();
        AllocatorLookup after = Allocators.lookup();
        assertNotSame(before, after);
        assertSame(after, Allocators.lookup());
    }

    @Test
    void aContextLoaderThatDefinesNoProviderSeesItsParentsProvidersAndIsNotKept() throws Exception {
        WeakReference<ClassLoader> loader = useThroughAnEmptyContextLoader();
        TestPlugins.assertCollected(loader, "a context class loader defining no provider");
    }

    private static WeakReference<ClassLoader> useThroughAnEmptyContextLoader() throws IOException {
        try (URLClassLoader empty = new URLClassLoader("empty", new URL[0], Allocators.class.getClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader saved = thread.getContextClassLoader();
            thread.setContextClassLoader(empty);
            try {
                assertEquals("Test-Bytes", Allocators.provider(AllocatorKind.BYTE, "test-bytes").name());
                assertNotSame(Allocators.lookup(), Allocators.lookup(), "nothing to pin the lookup on: not kept");
            } finally {
                thread.setContextClassLoader(saved);
            }
            return new WeakReference<>(empty);
        }
    }

    @Test
    void onlyTheBootstrapPlatformSystemAndApiLoadersArePermanent() throws IOException {
        assertTrue(ContextLookups.isPermanent(null));
        assertTrue(ContextLookups.isPermanent(ClassLoader.getPlatformClassLoader()));
        assertTrue(ContextLookups.isPermanent(ClassLoader.getSystemClassLoader()));
        assertTrue(ContextLookups.isPermanent(Allocators.class.getClassLoader()));
        try (URLClassLoader child = new URLClassLoader(new URL[0], Allocators.class.getClassLoader())) {
            assertEquals(false, ContextLookups.isPermanent(child));
        }
    }
}
