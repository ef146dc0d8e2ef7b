package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OursTest {
    @ParameterizedTest
    @ValueSource(strings = {"tlsf", "buddy", "slab"})
    void everyBenchmarkedAllocatorIsDiscoveredAndEveryDiscoveredOneIsBenchmarked(String name) {
        Discovery.requireByteAllocator(name);
    }

    @Test
    void pageAllocatorsAreDiscoveredToo() {
        Discovery.requirePageAllocator("bitmap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsf", "buddy", "slab"})
    void ourSubjectAllocatesFreesAndResets(String name) {
        try (Subject subject = Subjects.ours(name, 3)) {
            assertTrue(subject.alloc(0, 64, 16));
            assertTrue(subject.alloc(1, 1 << 20, 16));
            subject.free(0, 64, 16);
            assertTrue(subject.alloc(0, 4096, 128));
            subject.freeAll();
            assertTrue(subject.alloc(2, 65536, 16));
        }
    }

    @Test
    void slicesAreViewsOfThePoolAndFreeingGivesTheirBytesBack() {
        ByteAllocator allocator = Allocators.byteAllocator("tlsf");
        ByteBufferSlices slices = new ByteBufferSlices(allocator, 1 << 20);
        ByteBuffer first = slices.allocate(100, 64);
        ByteBuffer second = slices.allocate(200, 16);

        assertEquals(100, first.capacity());
        assertTrue(first.isDirect());
        first.put(99, (byte) 7);
        second.put(0, (byte) 9);
        assertEquals(7, first.get(99));

        slices.free(first, 64);
        assertEquals(allocator.usableSize(200, 16), allocator.usedBytes());
        slices.free(second, 16);
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void aFullPoolGivesNull() {
        ByteBufferSlices slices = new ByteBufferSlices(Allocators.byteAllocator("tlsf"), 1 << 16);
        assertNull(slices.allocate(1 << 17, 16));
    }
}
