package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChunkTableTest {
    @Test
    void findsChunksByStartWithClassAndOccupancy() {
        ChunkTable table = new ChunkTable();
        int chunk = table.add(8192, 2, 0xFFL);
        assertEquals(chunk, table.find(8192));
        assertEquals(ChunkTable.NONE, table.find(8193));
        assertEquals(8192, table.start(chunk));
        assertEquals(2, table.sizeClass(chunk));
        assertEquals(0xFFL, table.freeSlots(chunk));
        table.setFreeSlots(chunk, 0xFEL);
        assertEquals(0xFEL, table.freeSlots(chunk));
        assertEquals(1, table.size());
    }

    @Test
    void removedChunkIdsAreReused() {
        ChunkTable table = new ChunkTable();
        int first = table.add(0, 0, -1L);
        table.remove(first);
        assertEquals(ChunkTable.NONE, table.find(0));
        assertEquals(first, table.add(4096, 1, -1L));
    }

    @Test
    void holdsManyChunksAndClears() {
        ChunkTable table = new ChunkTable();
        for (int i = 0; i < 1000; i++) {
            table.add(i * 4096L, i % 7, -1L);
        }
        assertEquals(999 % 7, table.sizeClass(table.find(999 * 4096L)));
        table.clear();
        assertEquals(0, table.size());
        assertEquals(ChunkTable.NONE, table.find(0));
    }
}
