package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedAllocatorTest {
    /** Three eighths of the pool: two such blocks leave no room for a third in the same pool. */
    private static final int LARGE = (int) (SharedAllocator.POOL_BYTES / 8 * 3);

    @ParameterizedTest
    @ValueSource(strings = {"tlsf", "buddy", "slab"})
    void threadViewsOfTheSharedAllocatorDrawOnOnePool(String algorithm) {
        assertFalse(secondViewFindsRoomAfterTheFirstTookTwoLargeBlocks("concurrent-" + algorithm));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsf", "buddy", "slab"})
    void eachThreadViewOfTheIsolatedControlHasAPoolOfItsOwn(String algorithm) {
        assertTrue(secondViewFindsRoomAfterTheFirstTookTwoLargeBlocks("isolated-" + algorithm));
    }

    private static boolean secondViewFindsRoomAfterTheFirstTookTwoLargeBlocks(String name) {
        SharedAllocator allocator = SharedAllocator.of(name);
        Subject first = allocator.threadView(2);
        Subject second = allocator.threadView(1);
        assertTrue(first.alloc(0, LARGE, Subject.DEFAULT_ALIGN));
        assertTrue(first.alloc(1, LARGE, Subject.DEFAULT_ALIGN));
        assertEquals(name, second.name());
        return second.alloc(0, LARGE, Subject.DEFAULT_ALIGN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"isolated-tlsf", "isolated-buddy", "isolated-slab"})
    void theIsolatedControlHasNoHandoff(String name) {
        SharedAllocator isolated = SharedAllocator.of(name);
        assertThrows(IllegalArgumentException.class, () -> isolated.handoff(256));
    }
}
