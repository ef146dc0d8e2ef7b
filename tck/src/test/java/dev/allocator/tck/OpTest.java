package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpTest {
    @Test
    void literalsAreValidJava() {
        assertEquals("12L", Op.lit(12));
        assertEquals("-1L", Op.lit(-1));
        assertEquals("(1L << 20)", Op.lit(1 << 20));
        assertEquals("Long.MAX_VALUE", Op.lit(Long.MAX_VALUE));
        assertEquals("Long.MIN_VALUE", Op.lit(Long.MIN_VALUE));
        assertEquals("Long.MAX_VALUE - 4096L", Op.lit(Long.MAX_VALUE - 4096));
    }

    @Test
    void simplerCallsHalveSizesAndAlignmentsAndMoveRegionsToZero() {
        assertEquals(List.of(Op.alloc(1, 50, 8), Op.alloc(1, 100, 4)), Op.alloc(1, 100, 8).simpler(1, 0));
        assertEquals(List.of(Op.resize(1, 2)), Op.resize(1, 4).simpler(1, 1));
        assertEquals(List.of(), Op.alloc(1, 1, 4096).simpler(4096, 1));
        assertEquals(List.of(), Op.free(3).simpler(1, 0));
        assertEquals(List.of(Op.init(0, 8192 * 3), Op.init(4096, 8192 * 3), Op.init(8192, 12288)),
                Op.init(8192, 8192 * 3).simpler(4096, 1));
    }

    @Test
    void tellsWhichCallsAllocateAndWhichReferToABlock() {
        assertTrue(Op.allocAt(1, 4096, 1, 4096).allocates());
        assertFalse(Op.allocAt(1, 4096, 1, 4096).refersToBlock());
        assertTrue(Op.freeOffset(1, 8).refersToBlock());
        assertFalse(Op.freeAt(0, 8, 1).refersToBlock());
        assertFalse(Op.reset().allocates());
    }
}
