package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

class ByteAllocatorDefaultsTest {
    @Test
    void layoutOverloadsPassSizeAndAlignment() {
        ByteAllocator allocator = mock(ByteAllocator.class, CALLS_REAL_METHODS);
        doReturnFromAlloc(allocator, 4096L);
        assertEquals(4096L, allocator.alloc(Layout.of(100, 16)));
        verify(allocator).alloc(100, 16);
        allocator.dealloc(4096L, Layout.of(100, 16));
        verify(allocator).dealloc(4096L, 100, 16);
    }

    @Test
    void aNullLayoutIsANullPointerExceptionNamingIt() {
        ByteAllocator allocator = mock(ByteAllocator.class, CALLS_REAL_METHODS);
        assertEquals("layout", assertThrows(NullPointerException.class, () -> allocator.alloc(null)).getMessage());
        assertEquals("layout", assertThrows(NullPointerException.class, () -> allocator.dealloc(0, null))
                .getMessage());
        verify(allocator, never()).alloc(anyLong(), anyLong());
        verify(allocator, never()).dealloc(anyLong(), anyLong(), anyLong());
    }

    @Test
    void tryAllocReturnsTheAddressAllocGives() {
        ByteAllocator allocator = mock(ByteAllocator.class, CALLS_REAL_METHODS);
        doReturnFromAlloc(allocator, 4096L);
        assertEquals(4096L, allocator.tryAlloc(64, 8));
        verify(allocator).alloc(64, 8);
    }

    @Test
    void tryAllocTurnsNoMemoryIntoNoBlock() {
        ByteAllocator allocator = mock(ByteAllocator.class, CALLS_REAL_METHODS);
        doThrow(AllocException.noMemory("full")).when(allocator).alloc(anyLong(), anyLong());
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(64, 8));
    }

    @Test
    void tryAllocStillRejectsBadArguments() {
        ByteAllocator allocator = mock(ByteAllocator.class, CALLS_REAL_METHODS);
        doThrow(AllocException.invalidParam("alignment 3")).when(allocator).alloc(anyLong(), anyLong());
        AllocException e = assertThrows(AllocException.class, () -> allocator.tryAlloc(64, 3));
        assertEquals(AllocError.INVALID_PARAM, e.error());
    }

    private static void doReturnFromAlloc(ByteAllocator allocator, long address) {
        when(allocator.alloc(anyLong(), anyLong())).thenReturn(address);
    }
}
