package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkTableTest {
    @Test
    void findsChunksByStartWithClassAndOccupancy() {
        ChunkTable table = new ChunkTable(7);
        int chunk = table.add(8192, 2, 3); // 8 slots
        assertTrue(table.isEmpty(chunk));
        assertEquals(chunk, table.find(8192));
        assertEquals(ChunkTable.NONE, table.find(8193));
        assertEquals(8192, table.start(chunk));
        assertEquals(2, table.sizeClass(chunk));
        assertEquals(3, table.slotShift(chunk));
        assertEquals(0xFFL, table.freeSlots(chunk));
        assertEquals(0, table.takeSlot(chunk));
        assertEquals(0xFEL, table.freeSlots(chunk));
        assertFalse(table.isEmpty(chunk));
        assertEquals(1, table.size());
    }

    @Test
    void aChunkWithAFreeSlotIsListedUnderItsClassAndLeavesWhenFull() {
        ChunkTable table = new ChunkTable(7);
        int twoSlots = table.add(0, 3, 1);
        int other = table.add(4096, 3, 0);
        assertEquals(other, table.firstWithFreeSlot(3), "the newest chunk first");
        assertEquals(twoSlots, table.nextWithFreeSlot(other));
        assertEquals(0, table.takeSlot(other));
        assertEquals(twoSlots, table.firstWithFreeSlot(3), "a full chunk leaves the list");
        assertEquals(0, table.takeSlot(twoSlots));
        assertEquals(1, table.takeSlot(twoSlots));
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(3));
        assertFalse(table.returnSlot(twoSlots, 1), "one of two slots free: not empty");
        assertEquals(twoSlots, table.firstWithFreeSlot(3), "a chunk with a slot back rejoins the list");
        assertEquals(0b10L, table.freeSlots(twoSlots));
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(2), "other classes stay empty");
        assertTrue(table.returnSlot(twoSlots, 0), "both slots free: empty");
    }

    @Test
    void anEmptyChunkHasOneFreeBitPerSlot() {
        assertEquals(1L, ChunkTable.allFree(0));
        assertEquals(0xFFFF_FFFFL, ChunkTable.allFree(5));
        assertEquals(-1L, ChunkTable.allFree(6));
    }

    @Test
    void removedChunkIdsAreReused() {
        ChunkTable table = new ChunkTable(7);
        int first = table.add(0, 0, 6);
        table.remove(first);
        assertEquals(ChunkTable.NONE, table.find(0));
        assertEquals(first, table.add(4096, 1, 6));
    }

    @Test
    void holdsManyChunksAndClears() {
        ChunkTable table = new ChunkTable(7);
        for (int i = 0; i < 1000; i++) {
            table.add(i * 4096L, i % 7, 6);
        }
        assertEquals(999 % 7, table.sizeClass(table.find(999 * 4096L)));
        table.clear();
        assertEquals(0, table.size());
        assertEquals(ChunkTable.NONE, table.find(0));
    }
}
