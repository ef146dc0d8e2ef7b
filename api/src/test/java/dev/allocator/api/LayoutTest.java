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
        assertEquals(Long.MAX_VALUE, Layout.of(Long.MAX_VALUE, 1).size());
    }
}
