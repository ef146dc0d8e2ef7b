package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The provider written outside the project ({@code src/third-party}, module {@code org.example.firstfit}) is
 * found next to the project's own, by name, with its options. The tck runs on it with every other provider in
 * {@code ContractTest}.
 */
@Tag("both-paths")
class ThirdPartyProviderTest {
    static final String NAME = "firstfit";
    static final String MODULE = "org.example.firstfit";

    @Test
    void theThirdPartyProviderIsFoundByNameFromItsOwnModule() {
        AllocatorProvider provider = Allocators.provider(AllocatorKind.BYTE, "FirstFit");
        assertEquals(NAME, provider.name());
        Module module = provider.getClass().getModule();
        if (TestPath.current() == TestPath.MODULE) {
            assertEquals(MODULE, module.getName(), "module of " + provider.getClass());
            assertTrue(module.getDescriptor().provides().stream()
                    .anyMatch(p -> p.service().equals(AllocatorProvider.class.getName())), "provides clause");
        } else {
            assertTrue(!module.isNamed(), provider.getClass() + " is on the class path");
        }
    }

    @Test
    void theThirdPartyProviderIsListedAlongsideTheProjectsOwn() {
        var found = ProviderDiscoveryTest.discovered();
        assertTrue(found.contains("BYTE " + NAME), "firstfit among " + found);
        for (String ours : ProviderDiscoveryTest.PROJECT_PROVIDERS) {
            assertTrue(found.contains(ours), ours + " among " + found);
        }
    }

    @Test
    void itsOptionsAreValidatedWhenTheAllocatorIsCreated() {
        ByteAllocator coarse = Allocators.byteAllocator(NAME, AllocatorOptions.of("granularity", "64"));
        coarse.init(0, 4096);
        assertEquals(64, coarse.usableSize(1, 1), "a 1-byte request at granularity 64");

        AllocException notPowerOfTwo = assertThrows(AllocException.class,
                () -> Allocators.byteAllocator(NAME, AllocatorOptions.of("granularity", "24")));
        assertEquals(AllocError.INVALID_PARAM, notPowerOfTwo.error());
        assertTrue(notPowerOfTwo.getMessage().contains("24"), notPowerOfTwo.getMessage());
    }
}
