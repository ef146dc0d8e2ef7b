package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Block records: physical links, sizes from the successor, the index of used blocks only, sentinels. */
class BlockTableTest {
    private final BlockTable table = new BlockTable(0);

    /** Three blocks [0, 64) [64, 192) [192, 1024) between the sentinels at 0 and 1024. */
    private int[] region() {
        assertTrue(table.ensureRoom(5));
        int head = table.addSentinel(0, NIL);
        int first = table.add(0);
        int second = table.add(64);
        int third = table.add(192);
        table.linkPhysical(head, first);
        table.linkPhysical(first, second);
        table.linkBetween(first, second, third); // the same link, set from the middle record
        int sentinel = table.addSentinel(1024, third);
        return new int[] {first, second, third, sentinel, head};
    }

    @Test
    void aBlocksSizeIsWhereItsSuccessorStarts() {
        int[] blocks = region();
        assertEquals(64, table.size(blocks[0]));
        assertEquals(128, table.size(blocks[1]));
        assertEquals(832, table.size(blocks[2]));
        assertEquals(1024, table.end(blocks[2]));
        assertEquals(blocks[4], table.physPrev(blocks[0]), "the head sentinel starts the region");
        assertEquals(NIL, table.physPrev(blocks[4]));
        assertFalse(table.isFree(blocks[4]));
        assertEquals(blocks[1], table.physNext(blocks[0]));
        assertEquals(blocks[2], table.physPrev(blocks[3]));
        assertEquals(blocks[1], table.physPrev(blocks[2]));
        assertEquals(NIL, table.physNext(blocks[3]), "the tail sentinel ends the region");
    }

    @Test
    void onlyUsedBlocksAreFoundByAddress() {
        int[] blocks = region();
        assertEquals(NIL, table.findUsed(64), "a block not marked used is not in the index");
        table.markUsed(blocks[1]);
        assertEquals(blocks[1], table.findUsed(64));
        assertFalse(table.isFree(blocks[1]));
        assertEquals(NIL, table.findUsed(1024), "nor is the sentinel");
        assertFalse(table.isFree(blocks[3]), "a sentinel is never free");
        table.unindex(blocks[1]);
        assertEquals(NIL, table.findUsed(64));
    }

    @Test
    void movingAFreeBlocksStartResizesItAndItsPredecessor() {
        int[] blocks = region();
        table.setStart(blocks[2], 128);
        assertEquals(64, table.size(blocks[1]));
        assertEquals(896, table.size(blocks[2]));
    }

    @Test
    void releasedRecordsAreReusedAndTheIndexSurvivesGrowth() {
        int[] blocks = region();
        table.markUsed(blocks[0]);
        table.release(blocks[1]);
        assertEquals(4, table.count());
        assertTrue(table.ensureRoom(5000));
        int reused = table.add(5000);
        assertEquals(blocks[1], reused, "the released record first");
        for (int i = 0; i < 4000; i++) {
            int record = table.add(10_000 + 16L * i);
            table.markUsed(record);
        }
        assertEquals(blocks[0], table.findUsed(0));
        assertEquals(NIL, table.findUsed(5000), "added but not used: not indexed");
        assertEquals(10_000 + 16L * 3999, table.start(table.findUsed(10_000 + 16L * 3999)));
        assertTrue(table.footprintBytes() >= 4004L * 3 * Long.BYTES);
    }
}
