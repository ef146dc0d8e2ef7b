package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SizeClassesTest {
    private final SizeClasses defaults = new SizeClasses(SlabByteAllocator.defaultClasses(), 1L << 40);

    @Test
    void aRequestGoesToTheFirstClassCoveringSizeAndAlign() {
        assertEquals(0, defaults.classFor(0, 1));
        assertEquals(0, defaults.classFor(64, 8));
        assertEquals(1, defaults.classFor(65, 8));
        assertEquals(1, defaults.classFor(8, 128)); // the alignment decides
        assertEquals(6, defaults.classFor(4096, 4096));
        assertEquals(SizeClasses.NONE, defaults.classFor(4097, 8));
        assertEquals(SizeClasses.NONE, defaults.classFor(8, 8192));
        assertEquals(512, defaults.size(3));
        assertEquals(9, defaults.shift(3));
        assertEquals(4096, defaults.largest());
        assertEquals(7, defaults.count());
    }

    @Test
    void sparseClassesSkipToTheNextLargerOne() {
        SizeClasses sparse = new SizeClasses(new long[] {16, 1024}, 1L << 40);
        assertEquals(0, sparse.classFor(16, 1));
        assertEquals(1, sparse.classFor(17, 1));
        assertEquals(1, sparse.classFor(1024, 1));
    }

    @Test
    void rejectsClassesThatAreNotIncreasingPowersOfTwo() {
        assertInvalid("48", () -> new SizeClasses(new long[] {64, 48}, 1L << 40));
        assertInvalid("64", () -> new SizeClasses(new long[] {64, 64}, 1L << 40));
        assertInvalid("100", () -> new SizeClasses(new long[] {100}, 1L << 40));
        assertInvalid("0", () -> new SizeClasses(new long[] {0}, 1L << 40));
        assertInvalid("empty", () -> new SizeClasses(new long[0], 1L << 40));
        assertInvalid("8192", () -> new SizeClasses(new long[] {8192}, 4096));
    }

    private static void assertInvalid(String mentioned, Executable call) {
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(AllocError.INVALID_PARAM, e.error());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void classesPrintAsTheirSizes() {
        assertEquals("[64, 128, 4096]", new SizeClasses(new long[] {64, 128, 4096}, 4096).toString());
    }
}
