package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Free lists and their bitmaps: push, unlink, search across levels, clear. */
class FreeListsTest {
    private SizeClasses classes;
    private FreeLists lists;
    private BlockTable table;

    @BeforeEach
    void setUp() {
        classes = new SizeClasses(4, 5);
        table = new BlockTable(16);
        lists = new FreeLists(classes, table.records(), BlockTable.LINKS);
    }

    private int freeBlock(long start, long size) {
        int record = table.add(start);
        lists.push(record, size);
        return record;
    }

    @Test
    void emptyListsFindNothing() {
        assertEquals(-1, lists.findNonEmpty(0));
        assertEquals(-1, lists.highestNonEmpty());
        assertEquals(-1, lists.findNonEmpty(-1));
    }

    @Test
    void searchFindsTheFirstNonEmptyListAtOrAboveInTheSameOrAHigherLevel() {
        int small = freeBlock(0, 48);
        int large = freeBlock(4096, 1 << 20);
        assertEquals(3, lists.findNonEmpty(1));
        assertEquals(3, lists.findNonEmpty(3));
        assertEquals(classes.listOf(1 << 20), lists.findNonEmpty(4));
        assertEquals(-1, lists.findNonEmpty(classes.listOf(1 << 20) + 1));
        assertEquals(classes.listOf(1 << 20), lists.highestNonEmpty());
        assertEquals(small, lists.head(3));
        assertEquals(large, lists.head(classes.listOf(1 << 20)));
    }

    @Test
    void aListIsLastInFirstOutAndMarksItsRecordsFree() {
        int first = freeBlock(0, 48);
        int second = freeBlock(1000, 48);
        int third = freeBlock(2000, 48);
        assertEquals(third, lists.head(3));
        assertEquals(second, lists.next(third));
        assertEquals(first, lists.next(second));
        assertEquals(true, table.isFree(second));
        lists.unlink(second, 48);
        assertEquals(first, lists.next(third));
        lists.unlinkFrom(3, third);
        assertEquals(first, lists.head(3));
        lists.unlink(first, 48);
        assertEquals(NIL, lists.head(3));
        assertEquals(-1, lists.findNonEmpty(0), "bits cleared when the last block leaves");
    }

    @Test
    void unlinkingTheLastBlockOfALevelClearsTheFirstLevelBitToo() {
        int a = freeBlock(0, 64 * 16);
        int b = freeBlock(4096, 66 * 16);
        lists.unlink(a, 64 * 16);
        assertEquals(classes.listOf(66 * 16), lists.findNonEmpty(0));
        lists.unlink(b, 66 * 16);
        assertEquals(-1, lists.highestNonEmpty());
    }

    @Test
    void clearEmptiesEveryList() {
        freeBlock(0, 48);
        freeBlock(4096, 1 << 20);
        lists.clear();
        assertEquals(-1, lists.findNonEmpty(0));
        assertEquals(NIL, lists.head(3));
        assertEquals(NIL, lists.head(classes.listOf(1 << 20)));
    }
}
