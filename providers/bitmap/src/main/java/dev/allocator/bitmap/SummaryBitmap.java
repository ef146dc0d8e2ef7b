package dev.allocator.bitmap;

import java.util.Arrays;

/*
 * A bitmap of free (1) and used (0) bits, with three 64-ary word indexes for single bits and a run tree for runs:
 *
 *   wordsWithFree   [bit w: word w has a free bit]  ..summary levels..   lowest free bit: one read per level
 *   wordsWithUsed   [bit w: word w has a used bit]  ..                   next used bit, for walks and reset
 *   staleWords      [bit w: word w changed, the tree has not seen it]
 *   words           [64 bits] [64 bits] [64 bits] ...                    the bitmap itself
 *   tree            RunTree: 8-ary, pre/suf/longest/aligned summaries    runs of free bits
 *
 * Single bits (count 1: one page, one ID) change the word and the two indexes, O(levels of 64) and O(1) mostly,
 * and mark the word stale instead of recomputing the word's record and its ~log8(words) ancestors. Anything that
 * reads or changes the tree first catches it up (flush): one stale word along its path, as a run update would;
 * many stale words level by level, each ancestor recomputed once and only while it changes. So a stretch of
 * single-bit operations costs the tree nothing until the next run operation, which pays O(stale words + their
 * changed ancestors) once; a run operation after a single one costs what it would have with the tree kept current.
 *
 * Invariants:
 *   - bit w of wordsWithFree is set exactly when words[w] != 0; bit w of wordsWithUsed exactly when word w has a
 *     used bit below size();
 *   - every tree record above level 0 equals what its children's records give; a word's level-0 record equals
 *     what the word gives unless the word is in staleWords (RunTree's invariants, once flushed);
 *   - bits at or past size() are 0 and never set.
 * Metadata: one bit per bit, the tree's about 2.5 bits per bit, the indexes about 3/63 of a bit. Not thread safe.
 */

/** A bitmap of free and used bits, fast for single bits, that finds runs through a summary tree; see above. */
final class SummaryBitmap {
    /** Largest number of bits one bitmap holds (node summaries are ints). */
    static final long MAX_BITS = Integer.MAX_VALUE;

    private static final int WORD_BITS = 64;
    private static final int WORD_SHIFT = 6;

    private final long size;
    private final long[] words;
    /** The free bits of the last word when all its bits below size() are free. */
    private final long lastWordFull;
    private final RunTree tree;
    private final HierarchicalBits wordsWithFree;
    private final HierarchicalBits wordsWithUsed;
    private final HierarchicalBits staleWords;
    /** Words in staleWords. */
    private int staleCount;
    private long usedBits;

    /**
     * Creates a bitmap with every bit free.
     *
     * @param size number of bits, 1 to {@link #MAX_BITS}
     */
    SummaryBitmap(long size) {
        if (size < 1 || size > MAX_BITS) {
            throw new IllegalArgumentException("bitmap size " + size + " is not in [1, " + MAX_BITS + "]");
        }
        this.size = size;
        int wordCount = (int) ((size + WORD_BITS - 1) >>> WORD_SHIFT);
        words = new long[wordCount];
        int lastBits = (int) (size & (WORD_BITS - 1));
        lastWordFull = lastBits == 0 ? -1L : (1L << lastBits) - 1;
        tree = new RunTree(words);
        wordsWithFree = new HierarchicalBits(wordCount);
        wordsWithUsed = new HierarchicalBits(wordCount);
        staleWords = new HierarchicalBits(wordCount);
        freeAll();
    }

    /**
     * Returns the number of bits.
     *
     * @return the size given at construction
     */
    long size() {
        return size;
    }

    /**
     * Returns the number of used bits: O(1).
     *
     * @return 0 to {@link #size()}
     */
    long usedBits() {
        return usedBits;
    }

    /**
     * Returns the number of 64-bit words.
     *
     * @return {@code ceil(size() / 64)}
     */
    int wordCount() {
        return words.length;
    }

    /**
     * Returns the run tree, for tests that compare its records with the bits (after {@link #flush()}).
     *
     * @return the tree
     */
    RunTree tree() {
        return tree;
    }

    /**
     * Returns the bytes of metadata this bitmap holds in arrays (words, tree and indexes).
     *
     * @return bytes of array payload, headers not counted
     */
    long metadataBytes() {
        return (long) words.length * Long.BYTES + tree.metadataBytes() + wordsWithFree.metadataBytes()
                + wordsWithUsed.metadataBytes() + staleWords.metadataBytes();
    }

    /** Makes every bit free: O(bits / 64). */
    void freeAll() {
        Arrays.fill(words, -1L);
        words[words.length - 1] = lastWordFull;
        tree.freeAll();
        wordsWithFree.setAll();
        wordsWithUsed.clearAll();
        staleWords.clearAll();
        staleCount = 0;
        usedBits = 0;
    }

    /** The free bits of word {@code w} when none of its bits below size() is used. */
    private long fullWord(int w) {
        return w == words.length - 1 ? lastWordFull : -1L;
    }

    /**
     * Tells whether a bit is free.
     *
     * @param index 0 to {@code size() - 1}
     * @return true if free
     */
    boolean isFree(long index) {
        return (words[(int) (index >>> WORD_SHIFT)] & (1L << index)) != 0;
    }

    /**
     * Tells whether every bit of a run is free: O(count / 64).
     *
     * @param from  first bit, the run within {@code [0, size())}
     * @param count bits, {@code >= 1}
     * @return true if all are free
     */
    boolean isRunFree(long from, long count) {
        return runMatches(from, count, true);
    }

    /**
     * Tells whether every bit of a run is used: O(count / 64).
     *
     * @param from  first bit, the run within {@code [0, size())}
     * @param count bits, {@code >= 1}
     * @return true if all are used
     */
    boolean isRunUsed(long from, long count) {
        return runMatches(from, count, false);
    }

    private boolean runMatches(long from, long count, boolean free) {
        long end = from + count;
        int first = (int) (from >>> WORD_SHIFT);
        int last = (int) ((end - 1) >>> WORD_SHIFT);
        for (int w = first; w <= last; w++) {
            long mask = runMask(w, first, last, from, end);
            long bits = free ? ~words[w] : words[w];
            if ((bits & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the lowest free bit: O(levels of 64), the tree left for the next run operation.
     *
     * @return its index, or -1 if no bit is free (then nothing changed)
     */
    long takeLowest() {
        int w = wordsWithFree.first();
        if (w < 0) {
            return -1;
        }
        long word = words[w];
        takeBit(w, word, word & (word - 1));
        return ((long) w << WORD_SHIFT) + Long.numberOfTrailingZeros(word);
    }

    /**
     * Marks a run used: O(count / 64 + height); a single bit O(levels of 64).
     *
     * @param from  first bit, the run within {@code [0, size())}, all free
     * @param count bits, {@code >= 1}
     */
    void setUsed(long from, long count) {
        if (count == 1) {
            int w = (int) (from >>> WORD_SHIFT);
            long word = words[w];
            takeBit(w, word, word & ~(1L << from));
        } else {
            setRun(from, count, false);
        }
    }

    /** Stores {@code after}, {@code before} with one bit taken, as word {@code w}, leaving the tree stale. */
    private void takeBit(int w, long before, long after) {
        storeTaken(w, before, after);
        markStale(w);
        usedBits++;
    }

    private void markStale(int w) {
        if (staleWords.set(w)) {
            staleCount++;
        }
    }

    /**
     * Marks a run free: O(count / 64 + height); a single bit O(levels of 64).
     *
     * @param from  first bit, the run within {@code [0, size())}, all used
     * @param count bits, {@code >= 1}
     */
    void setFree(long from, long count) {
        if (count == 1) {
            int w = (int) (from >>> WORD_SHIFT);
            long before = words[w];
            storeFreed(w, before, before | (1L << from));
            markStale(w);
            usedBits--;
        } else {
            setRun(from, count, true);
        }
    }

    /** Stores word {@code w} after bits were taken from it ({@code before} was its value), keeping the indexes. */
    private void storeTaken(int w, long before, long after) {
        words[w] = after;
        if (after == 0) {
            wordsWithFree.clear(w);
        }
        if (before == fullWord(w)) {
            wordsWithUsed.set(w);
        }
    }

    /** Stores word {@code w} after bits were freed in it ({@code before} was its value), keeping the indexes. */
    private void storeFreed(int w, long before, long after) {
        words[w] = after;
        if (before == 0) {
            wordsWithFree.set(w);
        }
        if (after == fullWord(w)) {
            wordsWithUsed.clear(w);
        }
    }

    private void setRun(long from, long count, boolean free) {
        flush();
        long end = from + count;
        int first = (int) (from >>> WORD_SHIFT);
        int last = (int) ((end - 1) >>> WORD_SHIFT);
        for (int w = first; w <= last; w++) {
            long mask = runMask(w, first, last, from, end);
            long before = words[w];
            if (free) {
                storeFreed(w, before, before | mask);
            } else {
                storeTaken(w, before, before & ~mask);
            }
        }
        tree.refresh(from, end, free);
        usedBits += free ? -count : count;
    }

    /**
     * Brings the tree up to date with the words single-bit operations changed: each stale word's record and its
     * ancestors, level by level, each recomputed once, going up only from nodes that changed. O(1) when nothing is
     * stale.
     */
    void flush() {
        if (staleCount == 0) {
            return;
        }
        if (staleCount == 1) {
            // One word (the common case between run operations): its ancestors, as a run update would.
            int w = staleWords.first();
            staleWords.clear(w);
            staleCount = 0;
            tree.refreshWord(w);
            return;
        }
        for (int level = 0; level <= tree.height(); level++) {
            int w = staleWords.first();
            if (w < 0) {
                break; // every stale word's ancestors stopped changing below this level
            }
            int shift = RunTree.wordShift(level);
            while (w >= 0) {
                int node = w >>> shift;
                long nextNodeWord = ((long) node + 1) << shift;
                if (tree.recompute(level, node, RunTree.ALL_CHANGED) == 0) {
                    staleWords.clearRange(w, nextNodeWord); // nothing changes above this node for these words
                }
                w = nextNodeWord >= words.length ? -1 : staleWords.next((int) nextNodeWord);
            }
        }
        staleWords.clearAll();
        staleCount = 0;
    }

    /** The bits of word {@code w} that lie in {@code [from, end)}, for {@code first <= w <= last}. */
    static long runMask(int w, int first, int last, long from, long end) {
        long mask = -1L;
        if (w == first) {
            mask &= -1L << from;
        }
        if (w == last) {
            mask &= -1L >>> (WORD_BITS - 1 - ((end - 1) & (WORD_BITS - 1)));
        }
        return mask;
    }

    /**
     * Returns the length of the longest run of free bits: O(1) after the catch-up of {@link #flush()}.
     *
     * @return 0 to {@code size()}
     */
    long largestFreeRun() {
        flush();
        return tree.largestFreeRun();
    }

    /**
     * Finds the lowest start {@code s} such that bits {@code [s, s + count)} are free and {@code s + phase} is a
     * multiple of {@code align}; see {@link RunTree#find}.
     *
     * @param count bits wanted, {@code >= 1}
     * @param align a power of two {@code >= 1}
     * @param phase added to {@code s} before the alignment test, {@code >= 0}, with {@code phase + size()} not
     *              past {@link Long#MAX_VALUE}
     * @return the start, or -1 if no run fits
     */
    long find(long count, long align, long phase) {
        if (count > size) {
            return -1;
        }
        flush();
        return tree.find(count, align, phase);
    }

    /**
     * Returns the first free bit at or after {@code from}: O(levels of 64).
     *
     * @param from any bit index {@code >= 0}
     * @return its index, or {@code size()} if there is none
     */
    long nextFree(long from) {
        if (from >= size) {
            return size;
        }
        int w = (int) (from >>> WORD_SHIFT);
        long free = words[w] & (-1L << from);
        if (free == 0) {
            w = wordsWithFree.next(w + 1);
            if (w < 0) {
                return size;
            }
            free = words[w];
        }
        return ((long) w << WORD_SHIFT) + Long.numberOfTrailingZeros(free);
    }

    /**
     * Returns the first used bit at or after {@code from}: O(levels of 64).
     *
     * @param from any bit index {@code >= 0}
     * @return its index, or {@code size()} if there is none
     */
    long nextUsed(long from) {
        if (from >= size) {
            return size;
        }
        int w = (int) (from >>> WORD_SHIFT);
        long used = ~words[w] & fullWord(w) & (-1L << from);
        if (used == 0) {
            w = wordsWithUsed.next(w + 1);
            if (w < 0) {
                return size;
            }
            used = ~words[w] & fullWord(w);
        }
        return ((long) w << WORD_SHIFT) + Long.numberOfTrailingZeros(used);
    }
}
