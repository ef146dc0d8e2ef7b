package dev.allocator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class PoolMemoryTest {
    @Test
    void aNativePoolUsesRealAddressesAndAnyAlignment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(4096, 64);
            PoolMemory pool = PoolMemory.of(memory);
            assertTrue(pool.isNative());
            assertEquals(memory.address(), pool.base());
            assertEquals(4096, pool.size());
            assertEquals(PoolMemory.UNLIMITED_ALIGNMENT, pool.maxAlignment());
            MemorySegment slice = pool.slice(pool.base() + 128, 64);
            assertEquals(memory.address() + 128, slice.address());
            assertEquals(slice.address(), pool.addressOf(slice));
            assertEquals(pool.base() + 4096, pool.addressOf(memory.asSlice(4096, 0)), "the end, empty, is inside");
        }
    }

    @Test
    void segmentsOutsideThePoolHaveNoAddressInIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(4096);
            PoolMemory pool = PoolMemory.of(memory.asSlice(1024, 1024));
            assertEquals(-1, pool.addressOf(memory.asSlice(0, 16)), "before");
            assertEquals(-1, pool.addressOf(memory.asSlice(2048, 16)), "after");
            assertEquals(-1, pool.addressOf(memory.asSlice(2040, 16)), "straddling the end");
            assertEquals(-1, pool.addressOf(MemorySegment.ofArray(new byte[16])), "heap");
        }
    }

    @Test
    void aHeapPoolUsesArrayOffsetsAndItsElementSizeAsMaximumAlignment() {
        long[] longs = new long[64];
        PoolMemory pool = PoolMemory.of(MemorySegment.ofArray(longs).asSlice(16));
        assertFalse(pool.isNative());
        assertEquals(16, pool.base());
        assertEquals(8, pool.maxAlignment());
        MemorySegment slice = pool.slice(32, 8);
        assertEquals(longs, slice.heapBase().orElseThrow());
        assertEquals(32, pool.addressOf(slice));
        assertEquals(-1, pool.addressOf(MemorySegment.ofArray(new long[64]).asSlice(32, 8)), "another array");
        assertEquals(-1, pool.addressOf(MemorySegment.ofArray(longs).asSlice(0, 8)), "same array, not the pool");
        assertEquals(1, PoolMemory.of(MemorySegment.ofArray(new byte[8])).maxAlignment());
        assertEquals(2, PoolMemory.of(MemorySegment.ofArray(new char[8])).maxAlignment());
        assertEquals(4, PoolMemory.of(MemorySegment.ofArray(new float[8])).maxAlignment());
        assertEquals(8, PoolMemory.of(MemorySegment.ofArray(new double[8])).maxAlignment());
    }

    @Test
    void aReadOnlyPoolIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> PoolMemory.of(MemorySegment.ofArray(new int[4]).asReadOnly()));
    }
}
