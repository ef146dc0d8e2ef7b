package dev.allocator.api;

import static dev.allocator.api.Errors.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlignmentTest {
    @Test
    void powersOfTwoAreRecognised() {
        assertTrue(Alignment.isPowerOfTwo(1));
        assertTrue(Alignment.isPowerOfTwo(4096));
        assertTrue(Alignment.isPowerOfTwo(1L << 62));
        assertFalse(Alignment.isPowerOfTwo(0));
        assertFalse(Alignment.isPowerOfTwo(-4));
        assertFalse(Alignment.isPowerOfTwo(Long.MIN_VALUE));
        assertFalse(Alignment.isPowerOfTwo(12));
    }

    @Test
    void alignDownAndUpRoundToMultiples() {
        assertEquals(4096, Alignment.alignDown(4097, 4096));
        assertEquals(8192, Alignment.alignUp(4097, 4096));
        assertEquals(4096, Alignment.alignUp(4096, 4096));
        assertEquals(0, Alignment.alignUp(0, 1L << 62));
        assertEquals(-16, Alignment.alignDown(-1, 16));
        assertEquals(17, Alignment.alignUp(17, 1));
    }

    @Test
    void alignUpNearLongMaxIsExactOrRejected() {
        assertEquals(Long.MAX_VALUE, Alignment.alignUp(Long.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE - 7, Alignment.alignUp(Long.MAX_VALUE - 8, 8));
        assertRejected(AllocError.INVALID_PARAM, String.valueOf(Long.MAX_VALUE - 6),
                () -> Alignment.alignUp(Long.MAX_VALUE - 6, 8));
        assertRejected(AllocError.INVALID_PARAM, "overflows", () -> Alignment.alignUp(Long.MAX_VALUE - (1L << 61), 1L << 62));
    }

    @Test
    void isAlignedChecksTheLowBits() {
        assertTrue(Alignment.isAligned(0, 64));
        assertTrue(Alignment.isAligned(64, 64));
        assertTrue(Alignment.isAligned(128, 64));
        assertTrue(Alignment.isAligned(Long.MIN_VALUE, 1L << 62));
        assertFalse(Alignment.isAligned(96, 64));
        assertFalse(Alignment.isAligned(63, 64));
    }

    @Test
    void requirePowerOfTwoHandsBackTheAlignmentItChecked() {
        assertEquals(1, Alignment.requirePowerOfTwo(1));
        assertEquals(4096, Alignment.requirePowerOfTwo(4096));
    }

    @Test
    void alignmentThatIsNotAPowerOfTwoIsInvalidParam() {
        assertRejected(AllocError.INVALID_PARAM, "alignment 12", () -> Alignment.alignUp(0, 12));
        assertRejected(AllocError.INVALID_PARAM, "alignment 0", () -> Alignment.alignDown(0, 0));
        assertRejected(AllocError.INVALID_PARAM, "alignment -8", () -> Alignment.isAligned(0, -8));
    }
}
