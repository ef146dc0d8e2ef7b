package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void halvingStopsAtTheSmallestSize() {
        assertEquals(Op.alloc(1, 50, 8), Op.alloc(1, 100, 8).withHalvedSize(0));
        assertEquals(Op.resize(1, 2), Op.resize(1, 4).withHalvedSize(1));
        Op smallest = Op.alloc(1, 1, 8);
        assertSame(smallest, smallest.withHalvedSize(1));
        Op free = Op.free(3);
        assertSame(free, free.withHalvedSize(0));
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
