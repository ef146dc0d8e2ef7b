package dev.allocator.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.memory.testprovider.FirstFitProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameterised tests run for the byte allocators found on the path: these must be among them. */
class ProviderDiscoveryTest {
    @Test
    void theExpectedByteAllocatorsAreDiscovered() {
        List<String> names = ByteAllocatorNames.all();
        for (String expected : List.of(FirstFitProvider.NAME, "tlsf", "buddy", "slab")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
    }
}
