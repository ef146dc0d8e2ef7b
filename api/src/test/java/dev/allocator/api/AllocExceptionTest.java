package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AllocExceptionTest {
    @Test
    void carriesItsKindAndMessage() {
        AllocException e = new AllocException(AllocError.NO_MEMORY, "no memory for 4096 bytes");
        assertEquals(AllocError.NO_MEMORY, e.error());
        assertEquals("no memory for 4096 bytes", e.getMessage());
    }

    @Test
    void shorthandsMakeEachKind() {
        assertEquals(AllocError.INVALID_PARAM, AllocException.invalidParam("x").error());
        assertEquals(AllocError.MEMORY_OVERLAP, AllocException.memoryOverlap("x").error());
        assertEquals(AllocError.NO_MEMORY, AllocException.noMemory("x").error());
        assertEquals(AllocError.NOT_ALLOCATED, AllocException.notAllocated("x").error());
    }

    @Test
    void aNullKindIsANullPointerExceptionNamingIt() {
        assertEquals("error", assertThrows(NullPointerException.class, () -> new AllocException(null, "x"))
                .getMessage());
    }
}
