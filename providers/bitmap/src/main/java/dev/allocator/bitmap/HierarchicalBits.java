package dev.allocator.bitmap;

import java.util.Arrays;

/*
 * A set of bit indexes [0, size) with a 64-ary summary above it, so that the lowest set bit at or after any index
 * is found by reading one word per level:
 *
 *   level 2            [ bit j: word j of level 1 is not 0 ]                      one word
 *   level 1   [ bit j: word j of level 0 is not 0 ] ...                           size / 4096 words
 *   level 0   [ bits 0..63 ] [ bits 64..127 ] ...                                 size / 64 words: the set itself
 *
 * Invariant: bit j of a word at level l + 1 is set exactly when word j of level l is not 0. The top level is one
 * word. Levels: ceil(log64(size)), at least 1 (2^18 bits: 3 levels; 2^31: 6).
 * set and clear walk up only while a word turns from 0 to not 0 or back: O(1) mostly, O(levels) at worst.
 */

/** A set of small non-negative ints in a bitmap with a 64-ary summary; see the comment above. Not thread safe. */
final class HierarchicalBits {
    private static final int SHIFT = 6;

    private final int size;
    /** levels[0] holds the bits themselves; levels[levels.length - 1] is one word. */
    private final long[][] levels;

    /**
     * Creates an empty set.
     *
     * @param size number of bit indexes, {@code >= 1}
     */
    HierarchicalBits(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size " + size + " is not positive");
        }
        this.size = size;
        int count = 1;
        for (long bits = size; bits > Long.SIZE; bits = (bits + Long.SIZE - 1) >>> SHIFT) {
            count++;
        }
        levels = new long[count][];
        long bits = size;
        for (int level = 0; level < count; level++) {
            levels[level] = new long[(int) ((bits + Long.SIZE - 1) >>> SHIFT)];
            bits = levels[level].length;
        }
    }

    /**
     * Adds an index.
     *
     * @param index 0 to the size given at construction, exclusive
     * @return true if it was not in the set
     */
    boolean set(int index) {
        long[] bits = levels[0];
        int word = index >>> SHIFT;
        long before = bits[word];
        long after = before | (1L << index);
        if (after == before) {
            return false;
        }
        bits[word] = after;
        for (int level = 1; before == 0 && level < levels.length; level++) {
            // the word was empty: the level above must now record it
            int above = word >>> SHIFT;
            before = levels[level][above];
            levels[level][above] = before | (1L << word);
            word = above;
        }
        return true;
    }

    /**
     * Removes an index.
     *
     * @param index 0 to the size given at construction, exclusive
     */
    void clear(int index) {
        int bit = index;
        for (long[] words : levels) {
            int word = bit >>> SHIFT;
            long after = words[word] & ~(1L << bit);
            words[word] = after;
            if (after != 0) {
                return; // the word is still not empty: nothing changes above
            }
            bit = word;
        }
    }

    /**
     * Tells whether an index is in the set.
     *
     * @param index 0 to the size given at construction, exclusive
     * @return true if set
     */
    boolean get(int index) {
        return (levels[0][index >>> SHIFT] & (1L << index)) != 0;
    }

    /**
     * Tells whether the set is empty: O(1).
     *
     * @return true if no index is set
     */
    boolean isEmpty() {
        return levels[levels.length - 1][0] == 0;
    }

    /**
     * Returns the lowest index in the set: one word read per level.
     *
     * @return the index, or -1 if the set is empty
     */
    int first() {
        int top = levels.length - 1;
        long word = levels[top][0];
        if (word == 0) {
            return -1;
        }
        int index = Long.numberOfTrailingZeros(word);
        for (int level = top - 1; level >= 0; level--) {
            index = (index << SHIFT) + Long.numberOfTrailingZeros(levels[level][index]);
        }
        return index;
    }

    /**
     * Returns the lowest index in the set at or after {@code from}: O(levels).
     *
     * @param from any index {@code >= 0}
     * @return the index, or -1 if there is none
     */
    int next(int from) {
        if (from >= size) {
            return -1;
        }
        int level = 0;
        int index = from;
        long bits;
        // Up: find the lowest level whose word, from the current position on, has a bit set.
        while (true) {
            long[] words = levels[level];
            int word = index >>> SHIFT;
            bits = words[word] & (-1L << index);
            if (bits != 0) {
                index = (word << SHIFT) + Long.numberOfTrailingZeros(bits);
                break;
            }
            if (word + 1 >= words.length) { // also at the top, which is one word
                return -1;
            }
            level++;
            index = word + 1;
        }
        // Down: the lowest set bit below each summary bit found.
        while (level > 0) {
            level--;
            index = (index << SHIFT) + Long.numberOfTrailingZeros(levels[level][index]);
        }
        return index;
    }

    /**
     * Removes every index in {@code [from, to)}: O((indexes removed + 1) * levels).
     *
     * @param from first index
     * @param to   end, exclusive
     */
    void clearRange(int from, long to) {
        for (int index = next(from); index >= 0 && index < to; index = next(index + 1)) {
            clear(index);
        }
    }

    /** Removes every index: O(words that are not 0, over all levels). */
    void clearAll() {
        clearBelow(levels.length - 1, 0);
    }

    private void clearBelow(int level, int word) {
        long bits = levels[level][word];
        if (level > 0) {
            while (bits != 0) {
                clearBelow(level - 1, (word << SHIFT) + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
        levels[level][word] = 0;
    }

    /** Adds every index below the size given at construction: O(size / 64). */
    void setAll() {
        long bits = size;
        for (long[] words : levels) {
            Arrays.fill(words, -1L);
            int tail = (int) (bits & (Long.SIZE - 1));
            if (tail != 0) {
                words[words.length - 1] = (1L << tail) - 1;
            }
            bits = words.length;
        }
    }

    /**
     * Returns the bytes of the words on every level.
     *
     * @return array payload bytes
     */
    long metadataBytes() {
        long bytes = 0;
        for (long[] words : levels) {
            bytes += (long) words.length * Long.BYTES;
        }
        return bytes;
    }
}
