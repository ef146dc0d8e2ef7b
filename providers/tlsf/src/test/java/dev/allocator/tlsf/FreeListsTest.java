package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        lists = new FreeLists(classes);
        table = new BlockTable(16, lists);
        lists.attach(table);
    }

    private int freeBlock(long start, long size) {
        int record = table.insert(start, size);
        lists.push(record);
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
    void aListIsLastInFirstOutAndDoublyLinked() {
        int first = freeBlock(0, 48);
        int second = freeBlock(1000, 48);
        int third = freeBlock(2000, 48);
        assertEquals(third, lists.head(3));
        assertEquals(second, table.freeNext(third));
        assertEquals(third, table.freePrev(second));
        lists.unlink(second);
        assertFalse(table.isFree(second));
        assertEquals(first, table.freeNext(third));
        assertEquals(third, table.freePrev(first));
        lists.unlink(third);
        assertEquals(first, lists.head(3));
        assertEquals(NIL, table.freePrev(first));
        lists.unlink(first);
        assertEquals(NIL, lists.head(3));
        assertEquals(-1, lists.findNonEmpty(0), "bits cleared when the last block leaves");
    }

    @Test
    void unlinkingTheLastBlockOfALevelClearsTheFirstLevelBitToo() {
        int a = freeBlock(0, 64 * 16);
        int b = freeBlock(4096, 66 * 16);
        lists.unlink(a);
        assertEquals(classes.listOf(66 * 16), lists.findNonEmpty(0));
        lists.unlink(b);
        assertEquals(-1, lists.highestNonEmpty());
    }

    @Test
    void headMovesAreFollowed() {
        int record = freeBlock(0, 48);
        lists.headMoved(48, 9);
        assertEquals(9, lists.head(3));
        assertTrue(record != 9);
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
