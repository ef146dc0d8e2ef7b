package dev.allocator.bitmap;

import java.util.Arrays;

/*
 * A bitmap of free (1) and used (0) bits with a binary summary tree over its 64-bit words.
 *
 *   level 2            [pre suf longest]                         one node per 4 words
 *                     /                 \
 *   level 1   [pre suf longest]     [pre suf longest]            one node per 2 words
 *               /        \             /        \
 *   level 0  word 0    word 1       word 2    word 3            64 bits each, summaries computed on the fly
 *            bits 0..63 ...
 *
 * Every stored node (level h >= 1, index j) covers bits [j * 2^(h+6), (j+1) * 2^(h+6)) and holds three ints:
 *   prefix  - free bits at the node's low end (== span when the node is entirely free),
 *   suffix  - free bits at its high end,
 *   longest - its longest run of free bits.
 * A word's three values come from numberOfTrailingZeros / numberOfLeadingZeros and a short loop over its runs.
 *
 * Invariants:
 *   - every node's values equal what its two children give: prefix = left full ? left span + right prefix :
 *     left prefix (suffix mirrored), longest = max(left longest, right longest, left suffix + right prefix);
 *   - bits at or past size() (the tail of the last word, and children past the last word) count as used and
 *     are never set, so no free run ever crosses the end;
 *   - level h has ceil(words / 2^h) nodes; the top level has exactly one node, the root (the word itself when
 *     there is only one word). Metadata: one bit per managed bit plus 12 bytes per word, no fixed maximum.
 *
 * Search (find): a left-to-right walk that carries the length of the free run ending just before the node it
 * visits. A node whose carried run plus its prefix fits the request answers at once; a node whose longest run
 * is shorter than the request is skipped in O(1) (the carry becomes its suffix, or grows by its span when it is
 * all free); only nodes that may hold a fitting run are entered. Without alignment the first node entered holds
 * the answer, so a search touches O(height) nodes; with alignment a run long enough but badly placed makes the
 * walk go on to the next candidate run.
 *
 * Update (setUsed / setFree): change the words of the run, then recompute the ancestors of those words, level
 * by level: O(words touched + height).
 *
 * Not thread safe. Sizes are limited to Integer.MAX_VALUE bits because node values are ints.
 */

/** A bitmap of free and used bits that finds runs of free bits through a summary tree; see the comment above. */
final class SummaryBitmap {
    /** Largest number of bits one bitmap holds (node summaries are ints). */
    static final long MAX_BITS = Integer.MAX_VALUE;

    private static final int WORD_BITS = 64;
    private static final int WORD_SHIFT = 6;
    private static final long NO_START = Long.MAX_VALUE;

    private final long size;
    private final long[] words;
    private final int height;
    private final int[][] prefix;
    private final int[][] suffix;
    private final int[][] longest;

    // State of the search in progress, kept in fields so a search allocates nothing.
    private long searchFrom;
    private long runLength;
    private long alignMask;
    private long phase;
    private long carry;

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
        int levels = 0;
        while (nodesAt(wordCount, levels) > 1) {
            levels++;
        }
        height = levels;
        prefix = new int[height + 1][];
        suffix = new int[height + 1][];
        longest = new int[height + 1][];
        for (int level = 1; level <= height; level++) {
            int nodes = nodesAt(wordCount, level);
            prefix[level] = new int[nodes];
            suffix[level] = new int[nodes];
            longest[level] = new int[nodes];
        }
        freeAll();
    }

    private static int nodesAt(int wordCount, int level) {
        return (int) (((long) wordCount + (1L << level) - 1) >>> level);
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
     * Returns the bytes of metadata this bitmap holds in arrays (words and summaries).
     *
     * @return bytes of array payload, headers not counted
     */
    long metadataBytes() {
        long bytes = (long) words.length * Long.BYTES;
        for (int level = 1; level <= height; level++) {
            bytes += 3L * prefix[level].length * Integer.BYTES;
        }
        return bytes;
    }

    /** Makes every bit free: O(bits / 64). */
    void freeAll() {
        Arrays.fill(words, -1L);
        int lastBits = (int) (size & (WORD_BITS - 1));
        if (lastBits != 0) {
            words[words.length - 1] = (1L << lastBits) - 1;
        }
        for (int level = 1; level <= height; level++) {
            long span = 1L << (level + WORD_SHIFT);
            int full = (int) Math.min(span, Integer.MAX_VALUE);
            Arrays.fill(prefix[level], full);
            Arrays.fill(suffix[level], full);
            Arrays.fill(longest[level], full);
            recompute(level, prefix[level].length - 1);
        }
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
     * Marks a run used: O(count / 64 + height).
     *
     * @param from  first bit, the run within {@code [0, size())}
     * @param count bits, {@code >= 1}
     */
    void setUsed(long from, long count) {
        setRun(from, count, false);
    }

    /**
     * Marks a run free: O(count / 64 + height).
     *
     * @param from  first bit, the run within {@code [0, size())}
     * @param count bits, {@code >= 1}
     */
    void setFree(long from, long count) {
        setRun(from, count, true);
    }

    private void setRun(long from, long count, boolean free) {
        long end = from + count;
        int first = (int) (from >>> WORD_SHIFT);
        int last = (int) ((end - 1) >>> WORD_SHIFT);
        for (int w = first; w <= last; w++) {
            long mask = runMask(w, first, last, from, end);
            words[w] = free ? words[w] | mask : words[w] & ~mask;
        }
        for (int level = 1; level <= height; level++) {
            int lastNode = last >>> level;
            for (int node = first >>> level; node <= lastNode; node++) {
                recompute(level, node);
            }
        }
    }

    /** The bits of word {@code w} that lie in {@code [from, end)}, for {@code first <= w <= last}. */
    private static long runMask(int w, int first, int last, long from, long end) {
        long mask = -1L;
        if (w == first) {
            mask &= -1L << from;
        }
        if (w == last) {
            mask &= -1L >>> (WORD_BITS - 1 - ((end - 1) & (WORD_BITS - 1)));
        }
        return mask;
    }

    /** Recomputes a stored node from its two children (a missing right child counts as all used). */
    private void recompute(int level, int node) {
        long childSpan = 1L << (level - 1 + WORD_SHIFT);
        int left = node << 1;
        int right = left + 1;
        long leftPrefix;
        long leftSuffix;
        long leftLongest;
        long rightPrefix = 0;
        long rightSuffix = 0;
        long rightLongest = 0;
        if (level == 1) {
            long word = words[left];
            leftPrefix = Long.numberOfTrailingZeros(~word);
            leftSuffix = Long.numberOfLeadingZeros(~word);
            leftLongest = longestRun(word);
            if (right < words.length) {
                word = words[right];
                rightPrefix = Long.numberOfTrailingZeros(~word);
                rightSuffix = Long.numberOfLeadingZeros(~word);
                rightLongest = longestRun(word);
            }
        } else {
            int below = level - 1;
            leftPrefix = prefix[below][left];
            leftSuffix = suffix[below][left];
            leftLongest = longest[below][left];
            if (right < prefix[below].length) {
                rightPrefix = prefix[below][right];
                rightSuffix = suffix[below][right];
                rightLongest = longest[below][right];
            }
        }
        prefix[level][node] = (int) (leftPrefix == childSpan ? childSpan + rightPrefix : leftPrefix);
        suffix[level][node] = (int) (rightSuffix == childSpan ? childSpan + leftSuffix : rightSuffix);
        longest[level][node] = (int) Math.max(Math.max(leftLongest, rightLongest), leftSuffix + rightPrefix);
    }

    /**
     * Returns the longest run of one bits in a word: a loop over its runs, stopping once no later run can be
     * longer.
     *
     * @param word any word
     * @return 0 to 64
     */
    static int longestRun(long word) {
        if (word == -1L) {
            return WORD_BITS;
        }
        int best = 0;
        long rest = word;
        while (rest != 0) {
            int start = Long.numberOfTrailingZeros(rest);
            if (WORD_BITS - start <= best) {
                break;
            }
            int length = Long.numberOfTrailingZeros(~(rest >>> start));
            best = Math.max(best, length);
            int end = start + length;
            if (end >= WORD_BITS) {
                break;
            }
            rest &= -1L << end;
        }
        return best;
    }

    /**
     * Returns the length of the longest run of free bits: O(1).
     *
     * @return 0 to {@code size()}
     */
    long largestFreeRun() {
        return height == 0 ? longestRun(words[0]) : longest[height][0];
    }

    /**
     * Finds the lowest start {@code s >= from} such that bits {@code [s, s + count)} are free and
     * {@code s + phase} is a multiple of {@code align}.
     *
     * @param from  first bit that may be part of the run, {@code >= 0}
     * @param count bits wanted, {@code >= 1}
     * @param align a power of two {@code >= 1}
     * @param phase added to {@code s} before the alignment test, {@code >= 0}, with
     *              {@code phase + size()} not past {@link Long#MAX_VALUE}
     * @return the start, or -1 if no run fits
     */
    long find(long from, long count, long align, long phase) {
        if (count > size - from || count > largestFreeRun()) {
            return -1;
        }
        searchFrom = from;
        runLength = count;
        alignMask = align - 1;
        this.phase = phase;
        carry = 0;
        return search(height, 0);
    }

    /**
     * Returns the first free bit at or after {@code from}.
     *
     * @param from any bit index {@code >= 0}
     * @return its index, or {@code size()} if there is none
     */
    long nextFree(long from) {
        if (from >= size) {
            return size;
        }
        long found = find(from, 1, 1, 0);
        return found < 0 ? size : found;
    }

    /**
     * Returns the first used bit at or after {@code from}.
     *
     * @param from any bit index {@code >= 0}
     * @return its index, or {@code size()} if there is none
     */
    long nextUsed(long from) {
        if (from >= size) {
            return size;
        }
        searchFrom = from;
        long found = firstUsed(height, 0);
        return found < 0 ? size : Math.min(found, size);
    }

    /** The lowest start of the current request's alignment at or after {@code start}, or NO_START. */
    private long alignedStart(long start) {
        long value = start + phase;
        long misalignment = value & alignMask;
        if (misalignment == 0) {
            return start;
        }
        long padding = alignMask + 1 - misalignment;
        return padding > Long.MAX_VALUE - value ? NO_START : start + padding;
    }

    /** True if the request fits at its first aligned start in the free run [start, end). */
    private long fitIn(long start, long end) {
        long aligned = alignedStart(start);
        return aligned != NO_START && aligned <= end - runLength ? aligned : -1;
    }

    private long search(int level, int node) {
        if (level == 0) {
            return searchWord(node);
        }
        long span = 1L << (level + WORD_SHIFT);
        long low = (long) node << (level + WORD_SHIFT);
        if (low + span <= searchFrom) {
            return -1;
        }
        if (low >= searchFrom) {
            long nodePrefix = prefix[level][node];
            long fit = fitIn(low - carry, low + nodePrefix);
            if (fit >= 0) {
                return fit;
            }
            if (nodePrefix == span) {
                carry += span;
                return -1;
            }
            if (longest[level][node] < runLength) {
                carry = suffix[level][node];
                return -1;
            }
        }
        int left = node << 1;
        long found = search(level - 1, left);
        if (found >= 0) {
            return found;
        }
        if (left + 1 < nodeCount(level - 1)) {
            return search(level - 1, left + 1);
        }
        carry = 0;
        return -1;
    }

    private int nodeCount(int level) {
        return level == 0 ? words.length : prefix[level].length;
    }

    /** Looks for the request's start among the free runs of one word, continuing the carried run. */
    private long searchWord(int index) {
        long low = (long) index << WORD_SHIFT;
        if (low + WORD_BITS <= searchFrom) {
            return -1;
        }
        long free = words[index];
        if (low < searchFrom) {
            free &= -1L << searchFrom;
        }
        while (free != 0) {
            int start = Long.numberOfTrailingZeros(free);
            int end = free == -1L ? WORD_BITS : start + Long.numberOfTrailingZeros(~(free >>> start));
            long runStart = start == 0 ? low - carry : low + start;
            long fit = fitIn(runStart, low + end);
            if (fit >= 0) {
                return fit;
            }
            if (end == WORD_BITS) {
                carry = low + WORD_BITS - runStart;
                return -1;
            }
            free &= -1L << end;
        }
        carry = 0;
        return -1;
    }

    private long firstUsed(int level, int node) {
        if (level == 0) {
            long low = (long) node << WORD_SHIFT;
            if (low + WORD_BITS <= searchFrom) {
                return -1;
            }
            long used = ~words[node];
            if (low < searchFrom) {
                used &= -1L << searchFrom;
            }
            return used == 0 ? -1 : low + Long.numberOfTrailingZeros(used);
        }
        long span = 1L << (level + WORD_SHIFT);
        long low = (long) node << (level + WORD_SHIFT);
        if (low + span <= searchFrom || (low >= searchFrom && prefix[level][node] == span)) {
            return -1;
        }
        int left = node << 1;
        long found = firstUsed(level - 1, left);
        if (found < 0 && left + 1 < nodeCount(level - 1)) {
            found = firstUsed(level - 1, left + 1);
        }
        return found;
    }
}
