package dev.allocator.buddy;

import static dev.allocator.buddy.BlockTable.NIL;
import static dev.allocator.buddy.BlockTable.freeState;
import static dev.allocator.buddy.BlockTable.usedState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Block records: state words, the index by start, the per-order free lists and their mask. */
class BlockTableTest {
    private final BlockTable table = new BlockTable(32);

    @Test
    void aStateWordHoldsOrderFreedomAndRegion() {
        int free = freeState(17, (1 << 24) - 1);
        assertEquals(17, BlockTable.orderOf(free));
        assertEquals((1 << 24) - 1, BlockTable.regionOf(free));
        assertTrue(BlockTable.isFree(free));
        int used = usedState(63, 5);
        assertEquals(63, BlockTable.orderOf(used));
        assertEquals(5, BlockTable.regionOf(used));
        assertFalse(BlockTable.isFree(used));
        assertTrue(free > 0 && used > 0, "state words stay positive");
    }

    @Test
    void freeBlocksAreListedByOrderAndUsedOnesAreNot() {
        assertTrue(table.ensureRoom(3));
        int low = table.add(0, freeState(4, 0));
        int high = table.add(4096, freeState(12, 0));
        int used = table.add(64, usedState(6, 0));
        assertEquals(4, table.firstNonEmptyFrom(0));
        assertEquals(12, table.firstNonEmptyFrom(5));
        assertEquals(-1, table.firstNonEmptyFrom(13));
        assertEquals(12, table.highestNonEmpty());
        assertEquals(high, table.head(12));
        assertEquals(2, table.freeCount());
        assertEquals(used, table.find(64));
        assertEquals(low, table.find(0));
        table.unlink(low, 4);
        assertEquals(12, table.firstNonEmptyFrom(0));
        table.remove(low);
        assertEquals(NIL, table.find(0));
        assertEquals(1, table.freeCount());
        assertEquals(2, table.size());
    }

    @Test
    void clearForgetsEveryBlockAndList() {
        table.ensureRoom(2);
        table.add(0, freeState(4, 0));
        table.add(16, usedState(4, 0));
        table.clear();
        assertEquals(0, table.size());
        assertEquals(-1, table.highestNonEmpty());
        assertEquals(NIL, table.find(16));
        assertEquals(0, table.freeCount());
    }
}
