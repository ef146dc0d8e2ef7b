package dev.allocator.tlsf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** Lookup by name, options, and the two registrations (module descriptor and META-INF/services) agreeing. */
class TlsfProviderTest {
    @Test
    void isFoundByNameAndMakesATlsfAllocator() {
        ByteAllocator allocator = Allocators.byteAllocator("TLSF");
        assertInstanceOf(TlsfByteAllocator.class, allocator);
        allocator.init(0, 4096);
        assertEquals(0, allocator.alloc(100, 16));
    }

    @Test
    void declaresItsNameKindAndEveryOptionWithADefault() {
        AllocatorProvider provider = new TlsfProvider();
        assertEquals("tlsf", provider.name());
        assertEquals(AllocatorKind.BYTE, provider.kind());
        assertEquals(Map.of("sl-bits", "5", "granularity", "16", "initial-blocks", "256"), provider.defaults());
    }

    @Test
    void optionsReachTheAllocator() {
        TlsfByteAllocator allocator = (TlsfByteAllocator) Allocators.byteAllocator("tlsf",
                AllocatorOptions.of("granularity", "1KiB", "sl-bits", "3", "initial-blocks", "10"));
        assertEquals(1024, allocator.granularity());
        assertTrue(allocator.toString().contains("sl-bits=3"), allocator.toString());
    }

    @Test
    void badOptionValuesAreInvalidAtCreate() {
        assertInvalid("sl-bits 7", AllocatorOptions.of("sl-bits", "7"));
        assertInvalid("sl-bits -1", AllocatorOptions.of("sl-bits", "-1"));
        assertInvalid("granularity 24", AllocatorOptions.of("granularity", "24"));
        assertInvalid("granularity 0", AllocatorOptions.of("granularity", "0"));
        assertInvalid("granularity 2147483648", AllocatorOptions.of("granularity", "2GiB"));
        assertInvalid("initial-blocks -1", AllocatorOptions.of("initial-blocks", "-1"));
        assertInvalid("initial-blocks 16777217", AllocatorOptions.of("initial-blocks", "16777217"));
        assertInvalid("'colour'", AllocatorOptions.of("colour", "red"));
        assertInvalid("many", AllocatorOptions.of("sl-bits", "many"));
    }

    @Test
    void theProviderDescribesTheAlgorithm() {
        assertEquals("TLSF byte allocator: two-level segregated fit, O(1) alloc and free",
                new TlsfProvider().description());
    }

    @Test
    void theLargestOptionValuesAreAccepted() {
        TlsfByteAllocator largest = (TlsfByteAllocator) Allocators.byteAllocator("tlsf",
                AllocatorOptions.of("granularity", "1GiB", "sl-bits", "6"));
        assertEquals(TlsfByteAllocator.MAX_GRANULARITY, largest.granularity());
        assertTrue(largest.toString().contains("sl-bits=6"), largest.toString());
        TlsfByteAllocator presized = (TlsfByteAllocator) Allocators.byteAllocator("tlsf",
                AllocatorOptions.of("initial-blocks", String.valueOf(TlsfByteAllocator.MAX_INITIAL_BLOCKS)));
        assertTrue(presized.metadataBytes() >= 24L * TlsfByteAllocator.MAX_INITIAL_BLOCKS,
                "records for every block asked for: " + presized.metadataBytes());
    }

    /** The main module's build output: under Surefire the test module is the one loaded, main is patched in. */
    private static Path mainClasses() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "classes");
    }

    private static void assertInvalid(String mentioned, AllocatorOptions options) {
        AllocException e = assertThrows(AllocException.class, () -> Allocators.byteAllocator("tlsf", options));
        assertEquals(AllocError.INVALID_PARAM, e.error());
        assertTrue(e.getMessage().contains(mentioned), () -> "'" + mentioned + "' not in: " + e.getMessage());
    }

    @Test
    @DisabledIfSystemProperty(named = "allocator.pit", matches = "true",
            disabledReason = "PIT runs the tests on the class path: no module descriptor there")
    void moduleDescriptorAndServicesFileRegisterTheSameProviders() throws Exception {
        ModuleDescriptor main;
        try (InputStream in = Files.newInputStream(mainClasses().resolve("module-info.class"))) {
            main = ModuleDescriptor.read(in);
        }
        Set<String> listed = new TreeSet<>();
        Path services = mainClasses().resolve("META-INF/services/" + AllocatorProvider.class.getName());
        for (String line : Files.readAllLines(services, StandardCharsets.UTF_8)) {
            String entry = line.replaceAll("#.*", "").trim();
            if (!entry.isEmpty()) {
                listed.add(entry);
            }
        }
        assertEquals(Set.of(TlsfProvider.class.getName()), providersIn(main));
        assertEquals(providersIn(main), listed, "module-info provides vs META-INF/services");
        assertEquals(providersIn(main), providersIn(TlsfProvider.class.getModule().getDescriptor()),
                "the test module descriptor repeats the main one");
    }

    private static Set<String> providersIn(ModuleDescriptor descriptor) {
        return descriptor.provides().stream()
                .filter(provides -> provides.service().equals(AllocatorProvider.class.getName()))
                .flatMap(provides -> provides.providers().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
