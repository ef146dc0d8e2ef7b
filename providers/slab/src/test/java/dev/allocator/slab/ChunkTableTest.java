package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void findWithAShapeAnswersOnlyForTheChunksClassAndSlotCount() {
        ChunkTable table = new ChunkTable(7);
        int chunk = table.add(1 << 20, 4, 5);
        assertEquals(chunk, table.find(1 << 20, 4, 5));
        assertEquals(ChunkTable.NONE, table.find(1 << 20, 3, 5), "another class");
        assertEquals(ChunkTable.NONE, table.find(1 << 20, 4, 6), "another slot count");
        assertEquals(ChunkTable.NONE, table.find((1 << 20) + 64, 4, 5), "no chunk starts there");
    }

    @Test
    void eachClassKnowsTheSlotCountsOfItsChunks() {
        ChunkTable table = new ChunkTable(7);
        int full = table.add(0, 2, 6);
        int shortOne = table.add(1 << 20, 2, 3);
        int twin = table.add(2 << 20, 2, 3);
        table.add(3 << 20, 5, 0);
        assertEquals(1 << 6 | 1 << 3, table.slotShiftsOf(2));
        assertEquals(1, table.slotShiftsOf(5));
        assertEquals(0, table.slotShiftsOf(0));
        table.remove(shortOne);
        assertEquals(1 << 6 | 1 << 3, table.slotShiftsOf(2), "another chunk of 8 slots is left");
        table.remove(twin);
        assertEquals(1 << 6, table.slotShiftsOf(2));
        table.remove(full);
        assertEquals(0, table.slotShiftsOf(2));
        table.clear();
        assertEquals(0, table.slotShiftsOf(5));
    }

    @Test
    void removingChunksAnywhereInTheirChainsKeepsTheOthersFound() {
        ChunkTable table = new ChunkTable(3);
        int[] chunks = new int[3000];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = table.add(i * 4096L, i % 3, 6); // 3000 chunks in 8192 buckets: many chains of two or more
        }
        for (int i = 0; i < chunks.length; i += 3) {
            table.remove(chunks[i]);
        }
        for (int i = 1; i < chunks.length; i += 3) {
            table.remove(chunks[i]);
        }
        assertEquals(1000, table.size());
        for (int i = 0; i < chunks.length; i++) {
            assertEquals(i % 3 == 2 ? chunks[i] : ChunkTable.NONE, table.find(i * 4096L), "chunk at " + i * 4096L);
        }
        int reused = table.add(1L << 40, 0, 6);
        assertEquals(chunks[1 + 3 * 999], reused, "the last record released is handed out first");
        assertEquals(reused, table.find(1L << 40));
    }

    @Test
    void listsOfChunksWithAFreeSlotUnlinkFromAnywhere() {
        ChunkTable table = new ChunkTable(2);
        int oldest = table.add(0, 1, 0);
        int middle = table.add(4096, 1, 0);
        int newest = table.add(8192, 1, 0);
        assertEquals(0, table.takeSlot(middle)); // one slot: full, leaves the list from its middle
        assertEquals(newest, table.firstWithFreeSlot(1));
        assertEquals(oldest, table.nextWithFreeSlot(newest));
        assertEquals(ChunkTable.NONE, table.nextWithFreeSlot(oldest));
        assertEquals(0, table.takeSlot(oldest)); // the tail leaves
        assertEquals(ChunkTable.NONE, table.nextWithFreeSlot(newest));
        assertTrue(table.returnSlot(middle, 0));
        assertEquals(middle, table.firstWithFreeSlot(1), "back at the head");
        assertEquals(newest, table.nextWithFreeSlot(middle));
        table.remove(newest); // the tail again, by remove
        assertEquals(ChunkTable.NONE, table.nextWithFreeSlot(middle));
        table.remove(middle); // the only one
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(1));
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(0));
    }

    @Test
    void aFullTableSaysSoAndAddsNothing() {
        ChunkTable table = new ChunkTable(1, 32);
        for (int i = 0; i < 32; i++) {
            assertTrue(table.ensureRoom());
            assertEquals(i, table.add(i * 64L, 0, 0));
        }
        assertEquals(64, table.bucketCount(), "twice as many buckets as records");
        assertFalse(table.ensureRoom());
        assertThrows(IllegalStateException.class, () -> table.add(1L << 20, 0, 0));
        assertEquals(32, table.size());
        assertEquals(ChunkTable.NONE, table.find(1L << 20));
        for (int i = 0; i < 32; i++) {
            assertEquals(i, table.find(i * 64L));
        }
        table.remove(7);
        assertTrue(table.ensureRoom(), "a released record is handed out again");
        assertEquals(7, table.add(1L << 20, 0, 0));
    }

    @Test
    void theBucketsDoubleWithTheRecords() {
        ChunkTable table = new ChunkTable(1);
        assertEquals(32, table.bucketCount());
        for (int i = 0; i < 16; i++) {
            table.add(i * 64L, 0, 0);
        }
        assertEquals(32, table.bucketCount());
        table.add(1L << 20, 0, 0);
        assertEquals(64, table.bucketCount());
        assertEquals(16, table.find(1L << 20));
        assertEquals(3, table.find(3 * 64L), "re-filed when the table grew");
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
