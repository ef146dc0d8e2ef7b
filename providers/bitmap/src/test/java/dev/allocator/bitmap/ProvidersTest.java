package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

class ProvidersTest {
    @Test
    void bitmapIsFoundByNameAsPageAndIdAllocator() {
        PageAllocator pages = Allocators.pageAllocator("bitmap");
        assertInstanceOf(BitmapPageAllocator.class, pages);
        assertEquals(4096, pages.pageSize());
        IdAllocator ids = Allocators.idAllocator("BITMAP");
        assertInstanceOf(BitmapIdAllocator.class, ids);
    }

    @Test
    void eachProviderNamesItsKindAndDescribesItsAlgorithm() {
        BitmapPageProvider pages = new BitmapPageProvider();
        BitmapIdProvider ids = new BitmapIdProvider();
        assertEquals("bitmap", pages.name());
        assertEquals("bitmap", ids.name());
        assertEquals(AllocatorKind.PAGE, pages.kind());
        assertEquals(AllocatorKind.ID, ids.kind());
        assertEquals("bitmap page allocator: one bit per page, runs found by a summary tree, any alignment",
                pages.description());
        assertEquals("bitmap ID allocator: lowest free ID first, aligned ranges, one bit per ID", ids.description());
    }

    @Test
    void pageSizeAndCapacityAreOptions() {
        PageAllocator pages = Allocators.pageAllocator("bitmap",
                AllocatorOptions.of("page-size", "64KiB", "capacity", "1MiB"));
        assertEquals(65536, pages.pageSize());
        pages.init(0, 1 << 20);
        assertEquals(16, pages.totalPages());
        AllocException tooMuch = assertThrows(AllocException.class, () -> pages.addMemory(1 << 20, 65536));
        assertEquals(AllocError.INVALID_PARAM, tooMuch.error());
    }

    @Test
    void badOptionsAreInvalidParamNamingTheOption() {
        AllocException notPowerOfTwo = assertThrows(AllocException.class,
                () -> Allocators.pageAllocator("bitmap", AllocatorOptions.of("page-size", "3000")));
        assertEquals(AllocError.INVALID_PARAM, notPowerOfTwo.error());
        assertTrue(notPowerOfTwo.getMessage().contains("page-size=3000"), notPowerOfTwo.getMessage());
        AllocException unknown = assertThrows(AllocException.class,
                () -> Allocators.idAllocator("bitmap", AllocatorOptions.of("page-size", "4096")));
        assertEquals(AllocError.INVALID_PARAM, unknown.error());
    }

    @Test
    @DisabledIfSystemProperty(named = "allocator.pit", matches = "true",
            disabledReason = "PIT runs the tests on the class path: no module descriptor there")
    void moduleDescriptorAndServicesFileListTheSameProviders() throws IOException {
        ModuleDescriptor descriptor = BitmapPageProvider.class.getModule().getDescriptor();
        Set<String> declared = descriptor.provides().stream()
                .filter(p -> p.service().equals(AllocatorProvider.class.getName()))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        // The file as the source tree has it (surefire runs in the module's directory): on the module path the
        // class loader does not hand out another module's META-INF resources.
        Path file = Path.of("src/main/resources/META-INF/services/" + AllocatorProvider.class.getName());
        Set<String> listed = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(BitmapPageProvider.class.getName(), BitmapIdProvider.class.getName()), declared);
        assertEquals(declared, listed);
    }

    @Test
    void createWithNullOptionsIsNullPointer() {
        assertThrows(NullPointerException.class, () -> new BitmapPageProvider().create(null));
        assertThrows(NullPointerException.class, () -> new BitmapIdProvider().create(null));
    }

    @Test
    @DisabledIfSystemProperty(named = "allocator.pit", matches = "true",
            disabledReason = "PIT runs the tests on the class path: no module descriptor there")
    void theModuleHandsItsReadersTheApiModule() {
        ModuleDescriptor descriptor = BitmapPageProvider.class.getModule().getDescriptor();
        assertTrue(descriptor.requires().stream().anyMatch(requires -> requires.name().equals("dev.allocator.api")
                && requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                descriptor.requires().toString());
    }
}
