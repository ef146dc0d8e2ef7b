package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;

import java.util.Arrays;

/**
 * TLSF's segregated free lists and their two-level bitmaps.
 *
 * <p>One doubly linked list of free records per {@link SizeClasses} list; the links live in the
 * {@link BlockTable} records, the heads here. Bit {@code f} of {@code firstLevelBitmap} is set when any list of
 * first level {@code f} is non-empty; bit {@code s} of {@code secondLevelBitmaps[f]} when list
 * {@code f << secondLevelBits | s} is. {@link #findNonEmpty(int)} answers "the first non-empty list at or above
 * this one" with two {@link Long#numberOfTrailingZeros(long)}, whatever the number of blocks. Not thread safe.
 */
final class FreeLists implements BlockTable.ListHeads {
    private final SizeClasses classes;
    private final int secondLevelBits;
    private final int secondLevelMask;
    private final int[] heads;
    private final long[] secondLevelBitmaps = new long[SizeClasses.FIRST_LEVELS];
    private long firstLevelBitmap;
    private BlockTable table;

    FreeLists(SizeClasses classes) {
        this.classes = classes;
        this.secondLevelBits = classes.secondLevelBits();
        this.secondLevelMask = (1 << secondLevelBits) - 1;
        this.heads = new int[classes.listCount()];
        Arrays.fill(heads, NIL);
    }

    /** Connects the table whose records these lists link (the table needs this object first, for its heads). */
    void attach(BlockTable records) {
        this.table = records;
    }

    /**
     * The first non-empty list at or above {@code list}.
     *
     * @param list a list number, or -1
     * @return a non-empty list, or -1 if there is none (or {@code list} is -1)
     */
    int findNonEmpty(int list) {
        if (list < 0) {
            return -1;
        }
        int firstLevel = list >>> secondLevelBits;
        int secondLevel = list & secondLevelMask;
        long sameLevel = secondLevelBitmaps[firstLevel] & (-1L << secondLevel);
        if (sameLevel != 0) {
            return (firstLevel << secondLevelBits) | Long.numberOfTrailingZeros(sameLevel);
        }
        long higherLevels = firstLevelBitmap & (-2L << firstLevel);
        if (higherLevels == 0) {
            return -1;
        }
        firstLevel = Long.numberOfTrailingZeros(higherLevels);
        return (firstLevel << secondLevelBits) | Long.numberOfTrailingZeros(secondLevelBitmaps[firstLevel]);
    }

    /** The highest non-empty list, or -1 if every list is empty. */
    int highestNonEmpty() {
        if (firstLevelBitmap == 0) {
            return -1;
        }
        int firstLevel = 63 - Long.numberOfLeadingZeros(firstLevelBitmap);
        return (firstLevel << secondLevelBits) | (63 - Long.numberOfLeadingZeros(secondLevelBitmaps[firstLevel]));
    }

    /** The first record of {@code list}, or {@link BlockTable#NIL}. */
    int head(int list) {
        return heads[list];
    }

    /** Files a free block at the front of its list and marks the record free. */
    void push(int record) {
        int list = classes.listOf(table.size(record));
        int first = heads[list];
        table.setFreeLinks(record, NIL, first);
        if (first != NIL) {
            table.setFreePrev(first, record);
        } else {
            secondLevelBitmaps[list >>> secondLevelBits] |= 1L << (list & secondLevelMask);
            firstLevelBitmap |= 1L << (list >>> secondLevelBits);
        }
        heads[list] = record;
    }

    /**
     * Takes a free block out of its list (its size must still be the one it was filed with) and marks it used.
     */
    void unlink(int record) {
        int prev = table.freePrev(record);
        int next = table.freeNext(record);
        if (next != NIL) {
            table.setFreePrev(next, prev);
        }
        if (prev != NIL) {
            table.setFreeNext(prev, next);
        } else {
            int list = classes.listOf(table.size(record));
            heads[list] = next;
            if (next == NIL) {
                int firstLevel = list >>> secondLevelBits;
                long remaining = secondLevelBitmaps[firstLevel] & ~(1L << (list & secondLevelMask));
                secondLevelBitmaps[firstLevel] = remaining;
                if (remaining == 0) {
                    firstLevelBitmap &= ~(1L << firstLevel);
                }
            }
        }
        table.markUsed(record);
    }

    @Override
    public void headMoved(long size, int index) {
        heads[classes.listOf(size)] = index;
    }

    /** Empties every list. Costs O(non-empty lists); the records are the caller's business. */
    void clear() {
        long firstLevels = firstLevelBitmap;
        while (firstLevels != 0) {
            int firstLevel = Long.numberOfTrailingZeros(firstLevels);
            firstLevels &= firstLevels - 1;
            long secondLevels = secondLevelBitmaps[firstLevel];
            while (secondLevels != 0) {
                heads[(firstLevel << secondLevelBits) | Long.numberOfTrailingZeros(secondLevels)] = NIL;
                secondLevels &= secondLevels - 1;
            }
            secondLevelBitmaps[firstLevel] = 0;
        }
        firstLevelBitmap = 0;
    }
}
