package dev.allocator.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockTableTest {
    @Test
    void findsBlocksByStartWithTheirAttributes() {
        BlockTable table = new BlockTable();
        int node = table.add(4096, 12, 3, true);
        assertEquals(node, table.find(4096));
        assertEquals(4096, table.start(node));
        assertEquals(12, table.order(node));
        assertEquals(3, table.region(node));
        assertTrue(table.isUsed(node));
        assertEquals(BlockTable.NONE, table.find(0));
        table.setOrder(node, 11);
        table.setUsed(node, false);
        assertEquals(11, table.order(node));
        assertFalse(table.isUsed(node));
    }

    @Test
    void aBuddyCanMergeOnlyIfFreeOfTheSameOrderAndRegion() {
        BlockTable table = new BlockTable();
        int node = table.add(64, 6, BlockTable.MAX_REGIONS - 1, false);
        assertEquals(BlockTable.MAX_REGIONS - 1, table.region(node));
        assertTrue(table.isFree(node, 6, BlockTable.MAX_REGIONS - 1));
        assertFalse(table.isFree(node, 5, BlockTable.MAX_REGIONS - 1));
        assertFalse(table.isFree(node, 6, 0));
        table.setUsed(node, true);
        assertFalse(table.isFree(node, 6, BlockTable.MAX_REGIONS - 1));
        assertEquals(6, table.order(node));
        table.setOrder(node, 61);
        assertEquals(61, table.order(node));
        assertTrue(table.isUsed(node));
        assertEquals(BlockTable.MAX_REGIONS - 1, table.region(node));
    }

    @Test
    void removedNodesAreReusedSoStorageFollowsLiveBlocks() {
        BlockTable table = new BlockTable();
        int first = table.add(0, 4, 0, false);
        table.remove(first);
        assertEquals(BlockTable.NONE, table.find(0));
        int second = table.add(16, 4, 0, false);
        assertEquals(first, second);
        assertEquals(1, table.size());
    }

    @Test
    void holdsManyBlocksAndClears() {
        BlockTable table = new BlockTable();
        for (int i = 0; i < 10_000; i++) {
            table.add(i * 16L, 4, 0, i % 2 == 0);
        }
        assertEquals(10_000, table.size());
        assertEquals(9_999 * 16L, table.start(table.find(9_999 * 16L)));
        table.clear();
        assertEquals(0, table.size());
        assertEquals(BlockTable.NONE, table.find(0));
    }
}
