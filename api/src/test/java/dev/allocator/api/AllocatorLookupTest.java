package dev.allocator.api;

import static dev.allocator.api.AllocatorsLookupTest.assertNullRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.api.testprovider.TestByteProvider;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Lookups scoped to a module layer or a class loader: the static methods' rules, and a message that says where. */
class AllocatorLookupTest {
    private static List<String> keys(List<AllocatorProvider> providers) {
        return providers.stream().map(p -> p.kind() + " " + p.name()).toList();
    }

    @Test
    @ModulePathOnly
    void aLookupOfTheBootLayerFindsTheModulePathsProviders() {
        AllocatorLookup boot = AllocatorLookup.of(ModuleLayer.boot());
        assertEquals(keys(Allocators.providers()), keys(boot.providers()));
        assertInstanceOf(PageAllocator.class, boot.pageAllocator("TEST-bytes"));
        assertEquals("the boot layer", boot.scope());
    }

    @Test
    void aLookupOfAClassLoaderFindsWhatItsServiceLoaderFinds() {
        AllocatorLookup system = AllocatorLookup.of(ClassLoader.getSystemClassLoader());
        assertEquals(keys(Allocators.providers()), keys(system.providers()));
        assertEquals("class loader 'app'", system.scope());
    }

    @Test
    @ModulePathOnly
    void aLookupLoadsItsProvidersOnceAndEachLookupItsOwn() {
        AllocatorLookup one = AllocatorLookup.of(ModuleLayer.boot());
        AllocatorLookup two = AllocatorLookup.of(ModuleLayer.boot());
        assertSame(one.providers(), one.providers());
        assertSame(one.provider(AllocatorKind.BYTE, "test-bytes"), one.provider(AllocatorKind.BYTE, "Test-Bytes"));
        assertNotSame(one.provider(AllocatorKind.BYTE, "test-bytes"), two.provider(AllocatorKind.BYTE, "test-bytes"));
    }

    @Test
    @ModulePathOnly
    void anUnknownNameSaysWhichLayerWasSearched() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllocatorLookup.of(ModuleLayer.boot()).byteAllocator("nope"));
        assertEquals("no BYTE allocator named 'nope' in the boot layer; available: Test-Bytes", e.getMessage());
    }

    @Test
    @ModulePathOnly
    void aScopedLookupKeepsTheStaticRulesForOptionsAndTypes() {
        AllocatorLookup lookup = AllocatorLookup.of(ModuleLayer.boot());
        lookup.byteAllocator("test-bytes", AllocatorOptions.of("pool", "2MiB"));
        assertEquals(Map.of("granularity", "16", "pool", "2MiB"), TestByteProvider.lastOptions.asMap());
        AllocException unknownOption = assertThrows(AllocException.class,
                () -> lookup.byteAllocator("test-bytes", AllocatorOptions.of("pol", "1")));
        assertEquals("unknown option 'pol' for Test-Bytes; it takes granularity, pool", unknownOption.getMessage());
        IllegalStateException wrongType = assertThrows(IllegalStateException.class,
                () -> lookup.idAllocator("wrong-type"));
        assertTrue(wrongType.getMessage().contains("WrongTypeProvider"), wrongType.getMessage());
    }

    @Test
    void aClassLoaderLookupCreatesEachKindByName() {
        AllocatorLookup lookup = AllocatorLookup.of(ClassLoader.getSystemClassLoader());
        assertInstanceOf(ByteAllocator.class, lookup.byteAllocator("test-bytes"));
        assertInstanceOf(ByteAllocator.class, lookup.byteAllocator("test-bytes", AllocatorOptions.of("pool", "2MiB")));
        assertEquals(Map.of("granularity", "16", "pool", "2MiB"), TestByteProvider.lastOptions.asMap());
        assertInstanceOf(PageAllocator.class, lookup.pageAllocator("test-bytes"));
        assertInstanceOf(PageAllocator.class, lookup.pageAllocator("test-bytes", AllocatorOptions.empty()));
        assertInstanceOf(IdAllocator.class, lookup.idAllocator("test-ids"));
        assertInstanceOf(IdAllocator.class, lookup.idAllocator("test-ids", AllocatorOptions.empty()));
        assertEquals("AllocatorLookup[class loader 'app']", lookup.toString());
    }

    @Test
    void theLookupsBehindPluginFoldersFindWhatTheirLayerOrLoaderHolds() {
        List<PluginProblem> none = List.of();
        AllocatorLookup layer = AllocatorLookup.inLayer(ModuleLayer.boot(), "the test's layer", none);
        assertEquals(keys(AllocatorLookup.of(ModuleLayer.boot()).providers()), keys(layer.providers()));
        assertEquals("the test's layer", layer.scope());
        AllocatorLookup loader = AllocatorLookup.throughLoader(ClassLoader.getSystemClassLoader(), "the test's loader",
                none);
        assertEquals(keys(Allocators.providers()), keys(loader.providers()));
        assertEquals("the test's loader", loader.scope());
    }

    @Test
    void aContextLookupNamesTheContextLoaderIfThereIsOne() {
        assertEquals("the context class loader", AllocatorLookup.forContext(null).scope());
        assertEquals("the context class loader (class loader 'app')",
                AllocatorLookup.forContext(ClassLoader.getSystemClassLoader()).scope());
    }

    @Test
    void aLayerIsDescribedByTheModulesItAdds() {
        assertEquals("the boot layer", AllocatorLookup.describe(ModuleLayer.boot()));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolve(emptyModules("org.example.b", "org.example.a"),
                ModuleFinder.of(), Set.of("org.example.b", "org.example.a"));
        ModuleLayer child = boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
        assertEquals("module layer [org.example.a, org.example.b] and its parents", AllocatorLookup.describe(child));
    }

    /** Finds modules of these names that hold nothing (a layer of them needs no files, on any path). */
    private static ModuleFinder emptyModules(String... names) {
        Map<String, ModuleReference> references = new TreeMap<>();
        for (String name : names) {
            references.put(name, new ModuleReference(ModuleDescriptor.newModule(name).build(), null) {
                @Override
                public ModuleReader open() {
                    return new ModuleReader() {
                        @Override
                        public Optional<URI> find(String resource) {
                            return Optional.empty();
                        }

                        @Override
                        public Stream<String> list() {
                            return Stream.empty();
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            });
        }
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return Optional.ofNullable(references.get(name));
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.copyOf(references.values());
            }
        };
    }

    @Test
    void aProviderThatCreatesNullIsAnErrorSayingSo() {
        AllocatorProvider provider = mock(AllocatorProvider.class);
        when(provider.name()).thenReturn("nothing");
        when(provider.defaults()).thenReturn(Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AllocatorLookup.created(AllocatorKind.BYTE, provider, AllocatorOptions.of()));
        assertTrue(e.getMessage().endsWith(" is a BYTE provider but created null, not a ByteAllocator"),
                e.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedNamingTheParameter() {
        AllocatorLookup lookup = AllocatorLookup.of(ModuleLayer.boot());
        assertNullRejected("layer", () -> AllocatorLookup.of((ModuleLayer) null));
        assertNullRejected("loader", () -> AllocatorLookup.of((ClassLoader) null));
        assertNullRejected("name", () -> lookup.byteAllocator(null));
        assertNullRejected("name", () -> lookup.pageAllocator(null));
        assertNullRejected("name", () -> lookup.idAllocator(null));
        assertNullRejected("options", () -> lookup.byteAllocator("test-bytes", null));
        assertNullRejected("options", () -> lookup.pageAllocator("test-bytes", null));
        assertNullRejected("options", () -> lookup.idAllocator("wrong-type", null));
        assertNullRejected("kind", () -> lookup.create(null, "test-bytes", AllocatorOptions.empty()));
        assertNullRejected("kind", () -> lookup.provider(null, "test-bytes"));
        assertNullRejected("name", () -> lookup.provider(AllocatorKind.PAGE, null));
    }

    @Test
    void aProviderMissingAClassOfAnotherJarSaysWhichClassAndWhatToDo() {
        AllocatorProvider provider = mock(AllocatorProvider.class);
        when(provider.name()).thenReturn("tlsf");
        when(provider.defaults()).thenReturn(Map.of());
        when(provider.create(any())).thenThrow(new NoClassDefFoundError("dev/allocator/records/RecordStore"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AllocatorLookup.created(AllocatorKind.BYTE, provider, AllocatorOptions.of()));
        assertTrue(e.getMessage().startsWith("BYTE allocator 'tlsf' ("), e.getMessage());
        assertTrue(e.getMessage().contains("class dev/allocator/records/RecordStore is missing; put the jar"),
                e.getMessage());
        assertTrue(e.getCause() instanceof NoClassDefFoundError);
    }
}
