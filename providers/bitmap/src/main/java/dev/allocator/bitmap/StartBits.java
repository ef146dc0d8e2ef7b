package dev.allocator.bitmap;

import java.util.Arrays;

/**
 * A plain bitmap marking the first unit of every live allocation, beside a {@link SummaryBitmap} that marks units
 * used. Together they tell where one allocation ends and the next begins: an allocation is a start bit followed by
 * used units up to the next start bit or free unit. One bit per unit; not thread safe.
 */
final class StartBits {
    private final long[] words;
    private long count;

    /**
     * Creates a bitmap with no start marked.
     *
     * @param size units, {@code >= 1}
     */
    StartBits(long size) {
        words = new long[(int) ((size + 63) >>> 6)];
    }

    /**
     * Marks or unmarks a start.
     *
     * @param index unit index
     * @param start true to mark
     */
    void set(long index, boolean start) {
        int word = (int) (index >>> 6);
        long before = words[word];
        long after = start ? before | (1L << index) : before & ~(1L << index);
        words[word] = after;
        if (after != before) {
            count += start ? 1 : -1;
        }
    }

    /**
     * Returns the number of starts marked: O(1).
     *
     * @return starts
     */
    long count() {
        return count;
    }

    /**
     * Tells whether a unit is a start.
     *
     * @param index unit index
     * @return true if marked
     */
    boolean get(long index) {
        return (words[(int) (index >>> 6)] & (1L << index)) != 0;
    }

    /**
     * Finds the first start in {@code [from, limit)}: O((limit - from) / 64).
     *
     * @param from  first index looked at
     * @param limit end of the search, at most the size
     * @return the index, or {@code limit} if there is none
     */
    long next(long from, long limit) {
        if (from >= limit) {
            return limit;
        }
        int word = (int) (from >>> 6);
        long bits = words[word] & (-1L << from);
        int lastWord = (int) ((limit - 1) >>> 6);
        while (bits == 0) {
            if (++word > lastWord) {
                return limit;
            }
            bits = words[word];
        }
        return Math.min(limit, ((long) word << 6) + Long.numberOfTrailingZeros(bits));
    }

    /**
     * Unmarks every start in {@code [from, from + length)}.
     *
     * @param from   first index
     * @param length units, {@code >= 1}
     */
    void clear(long from, long length) {
        long end = from + length;
        int first = (int) (from >>> 6);
        int last = (int) ((end - 1) >>> 6);
        for (int w = first; w <= last; w++) {
            long before = words[w];
            long after = before & ~SummaryBitmap.runMask(w, first, last, from, end);
            words[w] = after;
            count -= Long.bitCount(before) - Long.bitCount(after);
        }
    }

    /** Unmarks every start: O(size / 64). */
    void clearAll() {
        Arrays.fill(words, 0);
        count = 0;
    }

    /**
     * Returns the bytes of the words.
     *
     * @return array payload bytes
     */
    long metadataBytes() {
        return (long) words.length * Long.BYTES;
    }
}
