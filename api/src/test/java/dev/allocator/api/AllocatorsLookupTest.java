package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.api.testprovider.TestByteProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Lookup through ServiceLoader on the module path: the test providers are declared in the test module-info (and,
 * for PIT's class path, in the test META-INF/services file).
 */
class AllocatorsLookupTest {
    @Test
    @ModulePathOnly
    void testsRunOnTheModulePath() {
        assertEquals("dev.allocator.api", Allocators.class.getModule().getName());
    }

    @Test
    @ModulePathOnly
    void providersDeclaredInTheModuleDescriptorAreFound() {
        List<AllocatorProvider> providers = Allocators.providers();
        assertEquals(List.of("BYTE Test-Bytes", "PAGE test-bytes", "ID test-ids", "ID wrong-type"),
                providers.stream().map(p -> p.kind() + " " + p.name()).toList());
        assertEquals("dev.allocator.api", providers.get(0).getClass().getModule().getName());
    }

    @Test
    void namesAreMatchedIgnoringCase() {
        assertNotNull(Allocators.byteAllocator("test-bytes"));
        assertNotNull(Allocators.byteAllocator("TEST-BYTES"));
        assertInstanceOf(PageAllocator.class, Allocators.pageAllocator("Test-Bytes"));
        assertSame(Allocators.provider(AllocatorKind.BYTE, "tEsT-bYtEs"),
                Allocators.provider(AllocatorKind.BYTE, "Test-Bytes"));
    }

    @Test
    void providersAreLoadedOncePerClassLoader() {
        assertSame(Allocators.providers(), Allocators.providers());
        List<AllocatorProvider> before = Allocators.providers();
        Allocators.reload();
        List<AllocatorProvider> after = Allocators.providers();
        assertEquals(before.size(), after.size());
        assertTrue(before.get(0) != after.get(0), "reload loads new provider instances");
    }

    @Test
    void unknownNameListsTheNamesOfThatKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allocators.byteAllocator("nope"));
        assertEquals("no BYTE allocator named 'nope'; available: Test-Bytes", e.getMessage());
    }

    @Test
    void unknownProjectNameSaysWhichModuleAddsIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allocators.byteAllocator("TLSF"));
        assertTrue(e.getMessage().contains("available: Test-Bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("dev.allocator.tlsf"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Allocators.idAllocator("bitmap"));
        assertTrue(none.getMessage().contains("available: test-ids, wrong-type"), none.getMessage());
        assertTrue(none.getMessage().contains("dev.allocator.bitmap"), none.getMessage());
    }

    @Test
    void aNameThatExistsUnderAnotherKindSaysWhichKindAndHowToAskForIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allocators.byteAllocator("wrong-type"));
        assertEquals("no BYTE allocator named 'wrong-type'; available: Test-Bytes; 'wrong-type' exists as an ID"
                + " allocator: ask for it with idAllocator(\"wrong-type\")", e.getMessage());
    }

    @Test
    void nullNamesKindsAndOptionsAreRejectedNamingTheParameter() {
        assertNullRejected("name", () -> Allocators.byteAllocator(null));
        assertNullRejected("name", () -> Allocators.pageAllocator(null));
        assertNullRejected("name", () -> Allocators.idAllocator(null));
        assertNullRejected("options", () -> Allocators.byteAllocator("test-bytes", null));
        assertNullRejected("options", () -> Allocators.pageAllocator("test-bytes", null));
        assertNullRejected("options", () -> Allocators.idAllocator("wrong-type", null));
        assertNullRejected("kind", () -> Allocators.create(null, "test-bytes", AllocatorOptions.empty()));
        assertNullRejected("name", () -> Allocators.create(AllocatorKind.BYTE, null, AllocatorOptions.empty()));
        assertNullRejected("kind", () -> Allocators.provider(null, "test-bytes"));
        assertNullRejected("name", () -> Allocators.provider(AllocatorKind.BYTE, null));
        assertNullRejected("allocator", () -> Allocators.synchronizedByteAllocator(null));
    }

    static void assertNullRejected(String parameter, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(parameter, e.getMessage());
    }

    @Test
    void theStaticMethodsShareOneLookupPerContextClassLoader() {
        AllocatorLookup lookup = Allocators.lookup();
        assertSame(lookup, Allocators.lookup());
        assertSame(Allocators.providers(), lookup.providers());
        assertSame(Allocators.provider(AllocatorKind.BYTE, "test-bytes"), lookup.provider(AllocatorKind.BYTE,
                "TEST-BYTES"));
        assertTrue(lookup.scope().startsWith("the context class loader"), lookup.scope());
    }

    @Test
    void optionsReachTheProviderWithDefaultsFilledIn() {
        Allocators.byteAllocator("test-bytes", AllocatorOptions.of("pool", "4MiB"));
        assertEquals(Map.of("granularity", "16", "pool", "4MiB"), TestByteProvider.lastOptions.asMap());
        assertEquals(4L << 20, TestByteProvider.lastOptions.getSize("pool"));
        Allocators.byteAllocator("test-bytes");
        assertEquals(Map.of("granularity", "16", "pool", "1MiB"), TestByteProvider.lastOptions.asMap());
    }

    @Test
    void unknownOptionKeyIsRejectedListingTheKeys() {
        AllocException e = assertThrows(AllocException.class,
                () -> Allocators.byteAllocator("test-bytes", AllocatorOptions.of("pol", "4MiB")));
        assertEquals(AllocError.INVALID_PARAM, e.error());
        assertEquals("unknown option 'pol' for Test-Bytes; it takes granularity, pool", e.getMessage());
    }

    @Test
    @ModulePathOnly
    void testModuleDescriptorAndTestServicesFileListTheSameProvidersInOneOrder() throws IOException {
        List<String> declared = Allocators.class.getModule().getDescriptor().provides().stream()
                .filter(p -> p.service().equals(AllocatorProvider.class.getName()))
                .flatMap(p -> p.providers().stream())
                .toList();
        // The file as the source tree has it (surefire runs in the module's directory).
        Path file = Path.of("src/test/resources/META-INF/services", AllocatorProvider.class.getName());
        List<String> listed = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertEquals(4, declared.size(), declared::toString);
        assertEquals(declared, listed);
    }

    @Test
    void eachKindIsCreatedByNameWithOrWithoutOptions() {
        assertInstanceOf(IdAllocator.class, Allocators.idAllocator("TEST-IDS"));
        assertInstanceOf(IdAllocator.class, Allocators.idAllocator("test-ids", AllocatorOptions.empty()));
        assertInstanceOf(PageAllocator.class, Allocators.pageAllocator("test-bytes", AllocatorOptions.empty()));
        assertInstanceOf(ByteAllocator.class, Allocators.byteAllocator("test-bytes", AllocatorOptions.empty()));
    }

    @Test
    void aProviderDescribesItselfByKindAndName() {
        assertEquals("BYTE allocator Test-Bytes", new TestByteProvider().description());
    }

    @Test
    void providerCreatingTheWrongTypeIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Allocators.idAllocator("wrong-type"));
        assertTrue(e.getMessage().contains("WrongTypeProvider"), e.getMessage());
        assertTrue(e.getMessage().contains("IdAllocator"), e.getMessage());
    }
}
