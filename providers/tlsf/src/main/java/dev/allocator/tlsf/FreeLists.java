package dev.allocator.tlsf;

import dev.allocator.records.RecordLists;
import dev.allocator.records.RecordStore;
import java.util.Arrays;

/**
 * TLSF's segregated free lists and their two-level bitmaps.
 *
 * <p>One doubly linked list of free block records per {@link SizeClasses} list, threaded through the records
 * ({@link RecordLists}). Bit {@code f} of {@code firstLevelBitmap} is set when any list of first level {@code f} is
 * non-empty; bit {@code s} of {@code secondLevelBitmaps[f]} when list {@code f << secondLevelBits | s} is.
 * {@link #findNonEmpty(int)} answers "the first non-empty list at or above this one" with two
 * {@link Long#numberOfTrailingZeros(long)}, whatever the number of blocks. Not thread safe.
 */
final class FreeLists {
    private final SizeClasses classes;
    private final int secondLevelBits;
    private final int secondLevelMask;
    private final RecordLists lists;
    private final long[] secondLevelBitmaps = new long[SizeClasses.FIRST_LEVELS];
    private long firstLevelBitmap;

    FreeLists(SizeClasses classes, RecordStore records, int linkField) {
        this.classes = classes;
        this.secondLevelBits = classes.secondLevelBits();
        this.secondLevelMask = (1 << secondLevelBits) - 1;
        this.lists = new RecordLists(records, linkField, classes.listCount());
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
        long sameLevel = secondLevelBitmaps[firstLevel] & (-1L << (list & secondLevelMask));
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
        return lists.head(list);
    }

    /** The record after {@code record} in its list, or {@link BlockTable#NIL}. */
    int next(int record) {
        return lists.next(record);
    }

    /** Files a free block of {@code size} bytes at the front of its list. */
    void push(int record, long size) {
        pushTo(classes.listOf(size), record);
    }

    /** Files a free block at the front of {@code list}, the list of its size. */
    void pushTo(int list, int record) {
        if (lists.push(list, record)) {
            secondLevelBitmaps[list >>> secondLevelBits] |= 1L << (list & secondLevelMask);
            firstLevelBitmap |= 1L << (list >>> secondLevelBits);
        }
    }

    /** Takes a free block out of its list; {@code size} must be the size it was filed with. */
    void unlink(int record, long size) {
        unlinkFrom(classes.listOf(size), record);
    }

    /** Takes a free block out of {@code list}, the list it is in. */
    void unlinkFrom(int list, int record) {
        if (lists.unlink(list, record)) {
            int firstLevel = list >>> secondLevelBits;
            long remaining = secondLevelBitmaps[firstLevel] & ~(1L << (list & secondLevelMask));
            secondLevelBitmaps[firstLevel] = remaining;
            if (remaining == 0) {
                firstLevelBitmap &= ~(1L << firstLevel);
            }
        }
    }

    /** Empties every list. The records are the caller's business. */
    void clear() {
        lists.clear();
        Arrays.fill(secondLevelBitmaps, 0);
        firstLevelBitmap = 0;
    }
}
