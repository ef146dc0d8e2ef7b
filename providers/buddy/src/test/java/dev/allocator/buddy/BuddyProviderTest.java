package dev.allocator.buddy;

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
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

class BuddyProviderTest {
    private final BuddyProvider provider = new BuddyProvider();

    @Test
    void isTheByteProviderNamedBuddyWithItsDefaults() {
        assertEquals("buddy", provider.name());
        assertEquals(AllocatorKind.BYTE, provider.kind());
        assertEquals(Map.of("min-block", "16", "max-order", "32"), provider.defaults());
    }

    @Test
    void theProviderDescribesTheAlgorithm() {
        assertEquals("buddy byte allocator: power-of-two blocks, O(max-order) alloc and free",
                new BuddyProvider().description());
    }

    @Test
    void createsAnAllocatorFromOptions() {
        BuddyByteAllocator defaults = (BuddyByteAllocator) provider.create(AllocatorOptions.empty());
        assertEquals(16, defaults.minBlock());
        assertEquals(1L << 31, defaults.maxBlock());
        BuddyByteAllocator custom = (BuddyByteAllocator) provider.create(
                AllocatorOptions.of("min-block", "4KiB", "max-order", "62"));
        assertEquals(4096, custom.minBlock());
        assertEquals(1L << 61, custom.maxBlock());
    }

    @Test
    void rejectsBadOptionValuesNamingThem() {
        AllocException notPowerOfTwo = assertThrows(AllocException.class,
                () -> provider.create(AllocatorOptions.of("min-block", "48")));
        assertEquals(AllocError.INVALID_PARAM, notPowerOfTwo.error());
        assertTrue(notPowerOfTwo.getMessage().contains("48"));
        AllocException tooManyOrders = assertThrows(AllocException.class,
                () -> provider.create(AllocatorOptions.of("max-order", "63")));
        assertTrue(tooManyOrders.getMessage().contains("63"));
    }

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        ByteAllocator allocator = Allocators.byteAllocator("buddy", AllocatorOptions.of("min-block", "64"));
        assertInstanceOf(BuddyByteAllocator.class, allocator);
        allocator.init(0, 4096);
        assertEquals(64, allocator.usableSize(1, 1));
    }

    @Test
    @DisabledIfSystemProperty(named = "allocator.pit", matches = "true",
            disabledReason = "PIT runs the tests on the class path: no module descriptor there")
    void moduleDescriptorAndServiceFileDeclareTheSameProviders() throws IOException {
        ModuleDescriptor descriptor = BuddyProvider.class.getModule().getDescriptor();
        Set<String> declared = descriptor.provides().stream()
                .filter(p -> p.service().equals(AllocatorProvider.class.getName()))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(BuddyProvider.class.getName()), declared);
        assertEquals(List.copyOf(declared), serviceFileLines());
    }

    /** The class-path registration, read from the sources (the test runs in the module's directory). */
    private static List<String> serviceFileLines() throws IOException {
        Path file = Path.of("src/main/resources/META-INF/services", AllocatorProvider.class.getName());
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().collect(Collectors.toList());
    }
}
