package dev.allocator.slab;

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

class SlabProviderTest {
    private final SlabProvider provider = new SlabProvider();

    @Test
    void theProviderDescribesTheAlgorithm() {
        assertEquals("slab byte allocator: size classes over a buddy backend, O(1) for class sizes",
                new SlabProvider().description());
    }

    @Test
    void isTheByteProviderNamedSlabWithItsDefaults() {
        assertEquals("slab", provider.name());
        assertEquals(AllocatorKind.BYTE, provider.kind());
        assertEquals(Map.of("classes", "64,128,256,512,1024,2048,4096", "blocks-per-grow", "64",
                "return-empty", "true"), provider.defaults());
    }

    @Test
    void createsAnAllocatorFromOptions() {
        ByteAllocator custom = (ByteAllocator) provider.create(
                AllocatorOptions.of("classes", "32,1KiB", "blocks-per-grow", "8", "return-empty", "false"));
        custom.init(0, 1 << 20);
        assertEquals(32, custom.usableSize(1, 1));
        assertEquals(1024, custom.usableSize(33, 1));
        assertEquals(2048, custom.usableSize(1025, 1)); // above the largest class: the buddy's rounding
        long first = custom.alloc(32, 1);
        custom.dealloc(first, 32, 1);
        assertEquals(8 * 32, freeSlotBytesOf32(custom)); // return-empty off: the chunk of 8 x 32 B stays
    }

    @Test
    void rejectsBadOptionValuesNamingThem() {
        AllocException notPowerOfTwo = assertThrows(AllocException.class,
                () -> provider.create(AllocatorOptions.of("classes", "64,96")));
        assertEquals(AllocError.INVALID_PARAM, notPowerOfTwo.error());
        assertTrue(notPowerOfTwo.getMessage().contains("96"));
        AllocException tooManyBlocks = assertThrows(AllocException.class,
                () -> provider.create(AllocatorOptions.of("blocks-per-grow", "128")));
        assertTrue(tooManyBlocks.getMessage().contains("128"));
        AllocException notBoolean = assertThrows(AllocException.class,
                () -> provider.create(AllocatorOptions.of("return-empty", "maybe")));
        assertTrue(notBoolean.getMessage().contains("maybe"));
    }

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        ByteAllocator allocator = Allocators.byteAllocator("slab", AllocatorOptions.of("classes", "128"));
        assertInstanceOf(SlabByteAllocator.class, allocator);
        allocator.init(0, 1 << 20);
        assertEquals(128, allocator.usableSize(1, 1));
    }

    /** Bytes of free 32-byte slots in the heap walk: what chunks of class 32 still hold. */
    private static long freeSlotBytesOf32(ByteAllocator allocator) {
        long[] slots = new long[1];
        allocator.forEachBlock((start, size, used) -> {
            if (!used && size == 32) {
                slots[0] += size;
            }
        });
        return slots[0];
    }

    @Test
    @DisabledIfSystemProperty(named = "allocator.pit", matches = "true",
            disabledReason = "PIT runs the tests on the class path: no module descriptor there")
    void moduleDescriptorAndServiceFileDeclareTheSameProviders() throws IOException {
        ModuleDescriptor descriptor = SlabProvider.class.getModule().getDescriptor();
        Set<String> declared = descriptor.provides().stream()
                .filter(p -> p.service().equals(AllocatorProvider.class.getName()))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(SlabProvider.class.getName()), declared);
        assertEquals(List.copyOf(declared), serviceFileLines());
    }

    /** The class-path registration, read from the sources (the test runs in the module's directory). */
    private static List<String> serviceFileLines() throws IOException {
        Path file = Path.of("src/main/resources/META-INF/services", AllocatorProvider.class.getName());
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().collect(Collectors.toList());
    }
}
