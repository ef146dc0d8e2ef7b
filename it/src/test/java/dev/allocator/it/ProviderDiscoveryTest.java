package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Finds the providers as an application would, through {@link Allocators}, and uses each by name. Runs on the
 * module path ({@code provides}) and again on the class path ({@code META-INF/services}).
 */
@Tag("both-paths")
class ProviderDiscoveryTest {
    /** The project's own allocators, as "KIND name". */
    static final Set<String> PROJECT_PROVIDERS = Set.of("BYTE tlsf", "BYTE buddy", "BYTE slab", "PAGE bitmap",
            "ID bitmap");

    static String key(AllocatorProvider provider) {
        return provider.kind() + " " + provider.name();
    }

    static Set<String> discovered() {
        Set<String> keys = new TreeSet<>();
        Allocators.providers().forEach(provider -> keys.add(key(provider)));
        return keys;
    }

    @Test
    void theProjectsFiveProvidersAreAmongThoseFound() {
        Set<String> found = discovered();
        assertTrue(found.containsAll(PROJECT_PROVIDERS),
                "expected " + PROJECT_PROVIDERS + " among " + found + " on the " + TestPath.current() + " path");
    }

    @TestFactory
    Stream<DynamicTest> everyProviderFoundCreatesAWorkingAllocatorByName() {
        List<AllocatorProvider> providers = Allocators.providers();
        assertFalse(providers.isEmpty(), "no provider found at all");
        return providers.stream().map(provider -> DynamicTest.dynamicTest(key(provider), () -> {
            String shouted = provider.name().toUpperCase(Locale.ROOT);
            BaseAllocator allocator = Allocators.create(provider.kind(), shouted, AllocatorOptions.empty());
            assertTrue(provider.kind().type().isInstance(allocator), key(provider) + " made " + allocator);
            Smoke.roundTrip(allocator);
        }));
    }

    @Test
    void providersComeFromModulesOnTheModulePathAndFromTheUnnamedModuleOnTheClassPath() {
        TestPath path = TestPath.current();
        for (AllocatorProvider provider : Allocators.providers()) {
            Module module = provider.getClass().getModule();
            assertEquals(path == TestPath.MODULE, module.isNamed(),
                    key(provider) + " is in " + module + " on the " + path + " path");
            assertFalse(module == ProviderDiscoveryTest.class.getModule() && path == TestPath.MODULE,
                    key(provider) + " must not come from the test module");
        }
    }

    @Test
    void everyProviderRejectsAnUnknownOptionListingTheOptionsItTakes() {
        for (AllocatorProvider provider : Allocators.providers()) {
            AllocException error = assertThrows(AllocException.class, () -> Allocators.create(provider.kind(),
                    provider.name(), AllocatorOptions.of("no-such-option", "1")), key(provider));
            assertEquals(AllocError.INVALID_PARAM, error.error(), key(provider));
            for (String option : provider.defaults().keySet()) {
                assertTrue(error.getMessage().contains(option), key(provider) + ": " + error.getMessage());
            }
        }
    }

    @Test
    void bitmapAskedForAsAByteAllocatorSaysItIsAPageAndAnIdAllocatorAndHowToAskForIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Allocators.byteAllocator("bitmap"));
        assertTrue(error.getMessage().startsWith("no BYTE allocator named 'bitmap'; available: "), error.getMessage());
        assertTrue(error.getMessage().endsWith("; 'bitmap' exists as a PAGE allocator and as an ID allocator: ask for"
                + " it with pageAllocator(\"bitmap\") or idAllocator(\"bitmap\")"), error.getMessage());
    }

    @Test
    void anUnknownNameListsTheNamesThatExist() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Allocators.byteAllocator("no-such-allocator"));
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == AllocatorKind.BYTE) {
                assertTrue(error.getMessage().contains(provider.name()), error.getMessage());
            }
        }
    }
}
