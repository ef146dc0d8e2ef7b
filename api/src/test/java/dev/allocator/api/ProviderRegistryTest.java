package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.api.testprovider.TestByteProvider;
import dev.allocator.api.testprovider.TestPageProvider;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

/** The registry on its own, fed by a scripted service iterator. */
class ProviderRegistryTest {
    /** Yields providers, or throws for a null slot, like a ServiceLoader iterator meeting a broken provider. */
    private static Iterator<AllocatorProvider> script(AllocatorProvider... slots) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < slots.length;
            }

            @Override
            public AllocatorProvider next() {
                if (next >= slots.length) {
                    throw new NoSuchElementException();
                }
                AllocatorProvider provider = slots[next++];
                if (provider == null) {
                    throw new ServiceConfigurationError(
                            "dev.allocator.api.spi.AllocatorProvider: Provider com.example.BrokenProvider"
                                    + " could not be instantiated");
                }
                return provider;
            }
        };
    }

    @Test
    void twoProvidersOfOneKindAndNameFailNamingBothClasses() {
        AllocatorProvider twin = new TestByteProvider() {
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProviderRegistry.build(script(new TestByteProvider(), twin)));
        assertTrue(e.getMessage().contains(TestByteProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(twin.getClass().getName()), e.getMessage());
    }

    @Test
    void oneNameMayServeDifferentKinds() {
        ProviderRegistry registry = ProviderRegistry.build(script(new TestByteProvider(), new TestPageProvider()));
        assertEquals(2, registry.providers().size());
        assertEquals(AllocatorKind.PAGE, registry.find(AllocatorKind.PAGE, "TEST-BYTES", null, List.of()).kind());
    }

    @Test
    void aProviderThatFailsToLoadDoesNotHideTheOthers() {
        TestPageProvider page = new TestPageProvider();
        ProviderRegistry registry = ProviderRegistry.build(script(null, page, null));
        assertSame(page, registry.find(AllocatorKind.PAGE, "test-bytes", null, List.of()));
        assertEquals(2, registry.failures().size());
    }

    @Test
    void theFailureIsReportedWhenANameIsNotFound() {
        ProviderRegistry registry = ProviderRegistry.build(script(null, new TestPageProvider()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.find(AllocatorKind.BYTE, "broken", null, List.of()));
        assertTrue(e.getMessage().contains("com.example.BrokenProvider could not be instantiated"), e.getMessage());
        assertTrue(e.getMessage().contains("none of that kind"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOfServiceError(e.getSuppressed()[0]);
    }

    @Test
    void theCauseOfALoadFailureIsNamedBesideIt() {
        Iterator<AllocatorProvider> failing = List.<AllocatorProvider>of().iterator();
        Iterator<AllocatorProvider> withCause = new Iterator<>() {
            private boolean thrown;

            @Override
            public boolean hasNext() {
                return !thrown || failing.hasNext();
            }

            @Override
            public AllocatorProvider next() {
                thrown = true;
                throw new ServiceConfigurationError("Provider com.example.Needy could not be instantiated",
                        new NoClassDefFoundError("com/example/Missing"));
            }
        };
        ProviderRegistry registry = ProviderRegistry.build(withCause);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.find(AllocatorKind.BYTE, "needy", null, List.of()));
        assertTrue(e.getMessage().endsWith("; a provider failed to load: Provider com.example.Needy could not be"
                + " instantiated (java.lang.NoClassDefFoundError: com/example/Missing)"), e.getMessage());
    }

    @Test
    void anIteratorThatNeverAdvancesIsCutOff() {
        Iterator<AllocatorProvider> stuck = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new ServiceConfigurationError("broken META-INF/services file");
            }

            @Override
            public AllocatorProvider next() {
                throw new NoSuchElementException();
            }
        };
        ProviderRegistry registry = ProviderRegistry.build(stuck);
        assertTrue(registry.providers().isEmpty());
        assertEquals(64, registry.failures().size());
    }

    @Test
    void providersAreSortedByKindThenName() {
        ProviderRegistry registry = ProviderRegistry.build(script(new TestPageProvider(), new TestByteProvider()));
        assertEquals(List.of(AllocatorKind.BYTE, AllocatorKind.PAGE),
                registry.providers().stream().map(AllocatorProvider::kind).toList());
    }

    @Test
    void anUnknownNameOfOneKindNamesTheKindsThatHaveItAndHowToAskForThem() {
        ProviderRegistry registry = ProviderRegistry.build(script(new TestByteProvider(), new TestPageProvider()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.find(AllocatorKind.ID, "TEST-bytes", null, List.of()));
        assertEquals("no ID allocator named 'TEST-bytes'; none of that kind is on the path; 'TEST-bytes' exists as a"
                + " BYTE allocator and as a PAGE allocator: ask for it with byteAllocator(\"Test-Bytes\") or"
                + " pageAllocator(\"test-bytes\")", e.getMessage());
    }

    @Test
    void aScopedLookupSaysWhereItLookedAndWhichPluginsItSkipped() {
        ProviderRegistry registry = ProviderRegistry.build(script(new TestPageProvider()));
        List<PluginProblem> skipped = List.of(new PluginProblem(Path.of("plugins", "broken.jar"), "not a jar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.find(AllocatorKind.PAGE, "nope", "module layer [a] and its parents", skipped));
        assertEquals("no PAGE allocator named 'nope' in module layer [a] and its parents; available: test-bytes;"
                + " plugin skipped: broken.jar: not a jar", e.getMessage());
    }

    private static void assertInstanceOfServiceError(Throwable t) {
        assertTrue(t instanceof ServiceConfigurationError, t.toString());
    }
}
