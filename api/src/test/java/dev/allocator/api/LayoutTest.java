package dev.allocator.api;

import static dev.allocator.api.Errors.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void validLayoutKeepsItsComponents() {
        Layout layout = Layout.of(4096, 64);
        assertEquals(4096, layout.size());
        assertEquals(64, layout.align());
        assertEquals(Layout.of(0, 1), new Layout(0, 1));
    }

    @Test
    void negativeSizeIsInvalidParam() {
        assertRejected(AllocError.INVALID_PARAM, "-1", () -> Layout.of(-1, 8));
    }

    @Test
    void alignmentNotAPowerOfTwoIsInvalidParam() {
        assertRejected(AllocError.INVALID_PARAM, "24", () -> Layout.of(8, 24));
        assertRejected(AllocError.INVALID_PARAM, "alignment 0", () -> Layout.of(8, 0));
    }

    @Test
    void sizePlusAlignmentOverflowIsInvalidParam() {
        assertRejected(AllocError.INVALID_PARAM, String.valueOf(Long.MAX_VALUE),
                () -> Layout.of(Long.MAX_VALUE, 2));
        assertRejected(AllocError.INVALID_PARAM, "with alignment 1 overflows",
                () -> Layout.of(Long.MAX_VALUE, 1));
        assertRejected(AllocError.INVALID_PARAM, "with alignment 64 overflows",
                () -> Layout.of(Long.MAX_VALUE - 63, 64));
    }

    @Test
    void largestSizeIsTheMaximumMinusTheAlignment() {
        assertEquals(Long.MAX_VALUE - 1, Layout.of(Long.MAX_VALUE - 1, 1).size());
        assertEquals(Long.MAX_VALUE - 64, Layout.of(Long.MAX_VALUE - 64, 64).size());
    }

    @Test
    void checkAppliesTheConstructorsRuleWithoutAnObject() {
        Layout.check(0, 1);
        Layout.check(Long.MAX_VALUE - 4096, 4096);
        assertRejected(AllocError.INVALID_PARAM, "-5 is negative", () -> Layout.check(-5, 8));
        assertRejected(AllocError.INVALID_PARAM, "alignment 3", () -> Layout.check(8, 3));
        assertRejected(AllocError.INVALID_PARAM, "alignment 3", () -> Layout.check(0, 3));
        assertRejected(AllocError.INVALID_PARAM, "alignment -8", () -> Layout.check(8, -8));
        assertRejected(AllocError.INVALID_PARAM, "overflows", () -> Layout.check(Long.MAX_VALUE - 4095, 4096));
    }
}
