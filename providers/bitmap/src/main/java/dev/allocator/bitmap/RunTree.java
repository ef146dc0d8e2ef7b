package dev.allocator.bitmap;

import java.util.Arrays;

/*
 * A binary summary tree over the 64-bit words of a bitmap (free = 1), for finding runs of free bits.
 *
 *   level 2              [pre suf longest small | aligned[0] aligned[1]]            one record per 4 words
 *                          /                                          \
 *   level 1   [pre suf longest small | aligned[0]]     [pre suf longest small | aligned[0]]   one per 2 words
 *               /            \                             /            \
 *   level 0  word 0         word 1                      word 2         word 3     64 bits each, the bitmap's own
 *            bits 0..63     bits 64..127                ...                       words; their values are computed
 *                                                                                 on the fly
 *
 * Every stored node (level h >= 1, index j) covers bits [j * 2^(h+6), (j+1) * 2^(h+6)) and holds a record of
 * 4 + min(h, BLOCK_LEVELS) ints, adjacent in one int[] per level:
 *   pre (prefix)  - free bits at the node's low end (== span when the node is entirely free),
 *   suf (suffix)  - free bits at its high end,
 *   longest       - its longest run of free bits,
 *   small         - the same as aligned[] below for the small blocks inside words, packed one byte per size:
 *                   byte i is the longest free prefix of any aligned block of 4 << i bits (4, 8, 16, 32) below,
 *   aligned[m]    - for each lower level m, the longest prefix of any of its level-m descendants: the longest
 *                   free run that starts at an aligned block of 64 * 2^m bits and stays inside it.
 * A word's own values come from numberOfTrailingZeros / numberOfLeadingZeros and, for longest and small, a
 * fixed number of shift-and steps (wordSummary).
 *
 * Invariants (after every refresh; the owner may let level 1 fall behind changed words and catch up with
 * refreshWord or recompute, see SummaryBitmap):
 *   - every record equals what its two children give: pre = left full ? left span + right pre : left pre (suf
 *     mirrored), longest = max(left longest, right longest, left suf + right pre), aligned[h-1] = max(left pre,
 *     right pre), aligned[m < h-1] = max of the children's aligned[m], small = byte-wise max of the children's;
 *   - bits at or past the size (the tail of the last word, and children past the last word) count as used and
 *     are never set, so no free run crosses the end;
 *   - level h has ceil(words / 2^h) nodes; the top level has one node, the root (the word itself when there is
 *     only one word).
 *
 * Search (find), every path from bit 0, returning the lowest fitting start:
 *   - no alignment: descend from the root; at each node take the left child if its longest run fits, else the
 *     run across the middle (left suf + right pre) if it fits, else the right child: one node per level;
 *   - a request aligned to a block of 64 * 2^m bits (m < BLOCK_LEVELS, phase 0) and no longer than the block fits
 *     at the start of the first level-m node whose prefix holds it: descend into the left child if its aligned[m]
 *     (or, at level m, its prefix) holds it, else the right one: one node per level;
 *   - likewise for a small block of 4 to 32 bits with the small bytes, then the first block start in the word
 *     whose next `count` bits are free;
 *   - anything else (a request longer than its alignment, an alignment out of phase or larger than the summaries)
 *     first tries the lowest free run long enough (the unaligned descent): if its first aligned start leaves
 *     room, that is the answer (no earlier run is long enough). Otherwise a left-to-right walk that carries the
 *     length of the free run ending just before the node it visits: a node whose carried run plus its prefix
 *     fits the request answers at once; a node whose longest run is shorter than the request, or that holds no
 *     aligned start after its prefix run, is passed in O(1) (the carry becomes its suffix, or grows by its span
 *     when it is all free); other nodes are entered. A run long enough but badly placed sends the walk on.
 *
 * Update (refresh): after the words of a run changed, recompute the ancestors of its words level by level; nodes
 * the run covers entirely get the all-used or all-free record without reading their children; a recompute says
 * which of its values changed, and the parent recomputes only the values that depend on those (longest needs the
 * children's longest, pre and suf; aligned[m] the children's aligned[m]; ...); stop at the first level where
 * nothing changed: O(words touched + height).
 *
 * Metadata: about 3 bits per bit of the bitmap (1.25 of them for level 1). Not thread safe. At most
 * Integer.MAX_VALUE bits because record values are ints.
 */

/** The summary tree over a bitmap's words that finds runs of free bits; see the comment above. */
final class RunTree {
    /** Block levels with an aligned[] summary: blocks of 64 to 64 * 2^(BLOCK_LEVELS - 1) bits. */
    static final int BLOCK_LEVELS = 6;

    private static final int WORD_BITS = 64;
    private static final int WORD_SHIFT = 6;
    private static final long NO_START = Long.MAX_VALUE;
    private static final int PREFIX = 0;
    private static final int SUFFIX = 1;
    private static final int LONGEST = 2;
    private static final int SMALL_BLOCKS = 3;
    private static final int ALIGNED = 4;
    /** Smallest block with a small-block summary: 4 bits; then 8, 16 and 32, one byte each, smallest lowest. */
    private static final int SMALL_BLOCK_SHIFT = 2;
    /** Per small block size, a bit at the start of every block of that size in a word. */
    private static final long[] SMALL_BLOCK_STARTS = {
        0x1111_1111_1111_1111L, 0x0101_0101_0101_0101L, 0x0001_0001_0001_0001L, 0x0000_0001_0000_0001L};
    /** The packed small-block prefixes of an all-free word. */
    private static final int SMALL_BLOCKS_FREE = 0x2010_0804;
    private static final int BYTE_GUARDS = 0x8080_8080;
    /** Change flags a recompute returns and its parent's recompute takes: which values of a node changed. */
    private static final int PREFIX_CHANGED = 1;
    private static final int SUFFIX_CHANGED = 2;
    private static final int LONGEST_CHANGED = 4;
    private static final int SMALL_CHANGED = 8;
    /** aligned[m] changed: bit ALIGNED_CHANGED_SHIFT + m. */
    private static final int ALIGNED_CHANGED_SHIFT = 4;
    /** Every value may have changed. */
    static final int ALL_CHANGED = (1 << (ALIGNED_CHANGED_SHIFT + BLOCK_LEVELS)) - 1;

    private final long[] words;
    private final int height;
    /** Per level h >= 1, one record of {@code strides[h]} ints per node: PREFIX, SUFFIX, LONGEST, SMALL_BLOCKS,
     * ALIGNED + m. */
    private final int[][] records;
    private final int[] nodeCounts;
    private final int[] strides;
    /** Per level, the record of a node whose bits are all free (a node whose bits are all used is all zeros). */
    private final int[][] freeRecords;
    /** Nodes the general search has visited since the tree was made (see {@link #walkSteps()}). */
    private long walkSteps;

    /**
     * Creates the tree over {@code words}, which the caller owns and changes; call {@link #freeAll()} once the
     * words are set.
     *
     * @param words the bitmap's words, at least one
     */
    RunTree(long[] words) {
        this.words = words;
        int wordCount = words.length;
        int levels = 0;
        while (nodesAt(wordCount, levels) > 1) {
            levels++;
        }
        height = levels;
        records = new int[height + 1][];
        nodeCounts = new int[height + 1];
        strides = new int[height + 1];
        freeRecords = new int[height + 1][];
        nodeCounts[0] = wordCount;
        for (int level = 1; level <= height; level++) {
            nodeCounts[level] = nodesAt(wordCount, level);
            strides[level] = ALIGNED + blockLevelsBelow(level);
            records[level] = new int[nodeCounts[level] * strides[level]];
            int span = (int) Math.min(1L << (level + WORD_SHIFT), Integer.MAX_VALUE);
            int[] free = new int[strides[level]];
            free[PREFIX] = span;
            free[SUFFIX] = span;
            free[LONGEST] = span;
            free[SMALL_BLOCKS] = SMALL_BLOCKS_FREE;
            for (int below = 0; below < blockLevelsBelow(level); below++) {
                free[ALIGNED + below] = 1 << (below + WORD_SHIFT);
            }
            freeRecords[level] = free;
        }
    }

    /** How many aligned[] entries a node of {@code level} has. */
    static int blockLevelsBelow(int level) {
        return Math.min(level, BLOCK_LEVELS);
    }

    private static int nodesAt(int wordCount, int level) {
        return (int) (((long) wordCount + (1L << level) - 1) >>> level);
    }

    /**
     * Returns the number of stored levels above the words (0 for a single word).
     *
     * @return the root's level
     */
    int height() {
        return height;
    }

    /**
     * Returns the number of nodes on a level.
     *
     * @param level 0 (words) to {@link #height()}
     * @return nodes
     */
    int nodeCount(int level) {
        return nodeCounts[level];
    }

    /**
     * Returns how many nodes (words included) the general search, a left-to-right walk, has visited since the tree
     * was made. For tests: the descents answer most requests in one node per level, and only what they cannot
     * answer may walk, so a descent that gives up too early shows here, not in the answers.
     *
     * @return nodes visited by walks
     */
    long walkSteps() {
        return walkSteps;
    }

    /**
     * Returns a copy of a stored record, for tests: pre, suf, longest, small, then aligned[0..].
     *
     * @param level 1 to {@link #height()}
     * @param node  0 to {@code nodeCount(level) - 1}
     * @return the record's values
     */
    int[] record(int level, int node) {
        int at = node * strides[level];
        return Arrays.copyOfRange(records[level], at, at + strides[level]);
    }

    /**
     * Returns the bytes of the records.
     *
     * @return array payload bytes
     */
    long metadataBytes() {
        long bytes = 0;
        for (int level = 1; level <= height; level++) {
            bytes += (long) records[level].length * Integer.BYTES;
        }
        return bytes;
    }

    /** Sets every record for all-free words (the caller has set them): O(nodes). */
    void freeAll() {
        for (int level = 1; level <= height; level++) {
            int[] levelRecords = records[level];
            int stride = strides[level];
            System.arraycopy(freeRecords[level], 0, levelRecords, 0, stride);
            for (int filled = stride; filled < levelRecords.length; filled <<= 1) {
                System.arraycopy(levelRecords, 0, levelRecords, filled, Math.min(filled, levelRecords.length - filled));
            }
            // Only the last node of a level can reach past the last bit.
            recompute(level, nodeCounts[level] - 1, ALL_CHANGED);
        }
    }

    /**
     * Brings the ancestors of the words of {@code [from, end)} up to date after those bits all changed to
     * {@code free}: O(words + height).
     *
     * @param from first bit that changed
     * @param end  end of the run, exclusive, {@code > from}
     * @param free the bits' new state
     */
    void refresh(long from, long end, boolean free) {
        int firstWord = (int) (from >>> WORD_SHIFT);
        int lastWord = (int) ((end - 1) >>> WORD_SHIFT);
        int childChanges = ALL_CHANGED; // the words changed
        for (int level = 1; level <= height; level++) {
            int shift = level + WORD_SHIFT;
            int lastNode = lastWord >>> level;
            // Nodes in [coveredFrom, coveredEnd) lie entirely inside the run: their records are constants.
            long coveredFrom = (from + (1L << shift) - 1) >>> shift;
            long coveredEnd = end >>> shift;
            int changes = 0;
            for (int node = firstWord >>> level; node <= lastNode; node++) {
                if (node >= coveredFrom && node < coveredEnd) {
                    int coveredLast = (int) Math.min(coveredEnd - 1, lastNode);
                    setConstant(level, node, coveredLast, free);
                    node = coveredLast;
                    changes = ALL_CHANGED;
                } else {
                    changes |= recompute(level, node, childChanges);
                }
            }
            if (changes == 0) {
                return; // the levels above summarise unchanged nodes
            }
            childChanges = changes;
        }
    }

    /**
     * Brings the ancestors of one word up to date after some of its bits changed: O(height), stopping at the
     * first level where nothing changed.
     *
     * @param word index of the word
     */
    void refreshWord(int word) {
        int changes = ALL_CHANGED;
        for (int level = 1; level <= height && changes != 0; level++) {
            changes = recompute(level, word >>> level, changes);
        }
    }

    /** Gives the nodes {@code first..last} of a level the all-free or all-used record. */
    private void setConstant(int level, int first, int last, boolean free) {
        int[] levelRecords = records[level];
        int stride = strides[level];
        if (!free) {
            Arrays.fill(levelRecords, first * stride, (last + 1) * stride, 0);
            return;
        }
        int[] template = freeRecords[level];
        for (int node = first; node <= last; node++) {
            System.arraycopy(template, 0, levelRecords, node * stride, stride);
        }
    }

    /**
     * Recomputes a stored node from its two children (a missing right child counts as all used).
     *
     * @param level        1 to {@link #height()}
     * @param node         a node of that level
     * @param childChanges which values of its children may have changed ({@link #ALL_CHANGED} when unknown):
     *                     only the values that depend on them are recomputed (ignored on level 1)
     * @return which of its values changed, 0 if none
     */
    int recompute(int level, int node, int childChanges) {
        return level == 1 ? recomputeFromWords(node) : recomputeFromRecords(level, node, childChanges);
    }

    /** {@link #recompute} for a level-1 node, whose children are words summarised on the fly. */
    private int recomputeFromWords(int node) {
        int left = node << 1;
        int right = left + 1;
        long word = words[left];
        int leftPrefix = Long.numberOfTrailingZeros(~word);
        int leftSuffix = Long.numberOfLeadingZeros(~word);
        long summary = wordSummary(word);
        int leftLongest = (int) (summary >>> Integer.SIZE);
        int leftSmall = (int) summary;
        int rightPrefix = 0;
        int rightSuffix = 0;
        int rightLongest = 0;
        int rightSmall = 0;
        if (right < words.length) {
            word = words[right];
            rightPrefix = Long.numberOfTrailingZeros(~word);
            rightSuffix = Long.numberOfLeadingZeros(~word);
            summary = wordSummary(word);
            rightLongest = (int) (summary >>> Integer.SIZE);
            rightSmall = (int) summary;
        }
        int[] out = records[1];
        int at = node * (ALIGNED + 1);
        return store(out, at + PREFIX, leftPrefix == WORD_BITS ? WORD_BITS + rightPrefix : leftPrefix, PREFIX_CHANGED)
                | store(out, at + SUFFIX, rightSuffix == WORD_BITS ? WORD_BITS + leftSuffix : rightSuffix,
                        SUFFIX_CHANGED)
                | store(out, at + LONGEST, Math.max(Math.max(leftLongest, rightLongest), leftSuffix + rightPrefix),
                        LONGEST_CHANGED)
                | store(out, at + SMALL_BLOCKS, byteMax(leftSmall, rightSmall), SMALL_CHANGED)
                | store(out, at + ALIGNED, Math.max(leftPrefix, rightPrefix), 1 << ALIGNED_CHANGED_SHIFT);
    }

    /**
     * {@link #recompute} for a node of level 2 or more, from its children's records: pre from the children's pre
     * (and whether the left one is full), suf likewise, longest from their longest, suf and pre, small from their
     * small, aligned[level - 1] from their pre, the lower aligned[m] from theirs.
     */
    private int recomputeFromRecords(int level, int node, int childChanges) {
        int below = level - 1;
        int[] children = records[below];
        int childStride = strides[below];
        int leftAt = (node << 1) * childStride;
        int rightAt = leftAt + childStride;
        boolean hasRight = rightAt < children.length;
        int[] out = records[level];
        int at = node * strides[level];
        int changes = 0;
        int edgesChanged = childChanges & (PREFIX_CHANGED | SUFFIX_CHANGED);
        if (edgesChanged != 0) {
            long childSpan = 1L << (below + WORD_SHIFT);
            int leftPrefix = children[leftAt + PREFIX];
            int rightPrefix = hasRight ? children[rightAt + PREFIX] : 0;
            int rightSuffix = hasRight ? children[rightAt + SUFFIX] : 0;
            changes |= store(out, at + PREFIX, (int) (leftPrefix == childSpan ? childSpan + rightPrefix : leftPrefix),
                    PREFIX_CHANGED);
            changes |= store(out, at + SUFFIX,
                    (int) (rightSuffix == childSpan ? childSpan + children[leftAt + SUFFIX] : rightSuffix),
                    SUFFIX_CHANGED);
            if (below < BLOCK_LEVELS) {
                changes |= store(out, at + ALIGNED + below, Math.max(leftPrefix, rightPrefix),
                        1 << (ALIGNED_CHANGED_SHIFT + below));
            }
        }
        if ((childChanges & (PREFIX_CHANGED | SUFFIX_CHANGED | LONGEST_CHANGED)) != 0) {
            int longest = children[leftAt + LONGEST];
            if (hasRight) {
                longest = Math.max(Math.max(longest, children[rightAt + LONGEST]),
                        children[leftAt + SUFFIX] + children[rightAt + PREFIX]);
            }
            changes |= store(out, at + LONGEST, longest, LONGEST_CHANGED);
        }
        if ((childChanges & SMALL_CHANGED) != 0) {
            int small = children[leftAt + SMALL_BLOCKS];
            if (hasRight) {
                small = byteMax(small, children[rightAt + SMALL_BLOCKS]);
            }
            changes |= store(out, at + SMALL_BLOCKS, small, SMALL_CHANGED);
        }
        // The best prefix of the level-m blocks below, for the lower levels m whose values changed.
        int alignedChanged = (childChanges >>> ALIGNED_CHANGED_SHIFT) & ((1 << blockLevelsBelow(below)) - 1);
        while (alignedChanged != 0) {
            int m = Integer.numberOfTrailingZeros(alignedChanged);
            alignedChanged &= alignedChanged - 1;
            int best = children[leftAt + ALIGNED + m];
            if (hasRight) {
                best = Math.max(best, children[rightAt + ALIGNED + m]);
            }
            changes |= store(out, at + ALIGNED + m, best, 1 << (ALIGNED_CHANGED_SHIFT + m));
        }
        return changes;
    }

    /** Stores one value; returns {@code flag} if it changed, else 0. */
    private static int store(int[] out, int at, int value, int flag) {
        int before = out[at];
        out[at] = value;
        return before == value ? 0 : flag;
    }

    /**
     * Returns the longest run of one bits in a word.
     *
     * @param word any word
     * @return 0 to 64
     */
    static int longestRun(long word) {
        return (int) (wordSummary(word) >>> Integer.SIZE);
    }

    /**
     * Returns a word's longest run of one bits (high half) and, for each small block size 4 << i (i = 0 to 3) in
     * byte i of the low half, the longest free prefix of its aligned blocks of that size. Fixed steps whatever
     * the number of runs: starts(k), the word whose bit i is set when bits i..i+k-1 are all ones, comes from
     * starts(2k) = starts(k) & (starts(k) >>> k) for k = 1, 2, 4, .., 32; see {@link #longestRunFrom}.
     */
    static long wordSummary(long word) {
        if (word == 0) {
            return 0;
        }
        if (word == -1L) {
            return ((long) WORD_BITS << Integer.SIZE) | SMALL_BLOCKS_FREE;
        }
        long starts1 = word;
        long starts2 = starts1 & (starts1 >>> 1);
        long starts4 = starts2 & (starts2 >>> 2);
        long starts8 = starts4 & (starts4 >>> 4);
        long starts16 = starts8 & (starts8 >>> 8);
        long starts32 = starts16 & (starts16 >>> 16);
        long longest = longestRunFrom(-1L, starts1, starts2, starts4, starts8, starts16, starts32);
        // A block's prefix stops at its end: a full block is found with starts(block size), and otherwise only
        // the smaller steps are tried (longestRunFrom with the larger starts() zero skips them).
        long blocks4 = SMALL_BLOCK_STARTS[0];
        long blocks8 = SMALL_BLOCK_STARTS[1];
        long blocks16 = SMALL_BLOCK_STARTS[2];
        long blocks32 = SMALL_BLOCK_STARTS[3];
        int small4 = (starts4 & blocks4) != 0 ? 4 : longestRunFrom(blocks4, starts1, starts2, 0, 0, 0, 0);
        int small8 = (starts8 & blocks8) != 0 ? 8 : longestRunFrom(blocks8, starts1, starts2, starts4, 0, 0, 0);
        int small16 = (starts16 & blocks16) != 0 ? 16
                : longestRunFrom(blocks16, starts1, starts2, starts4, starts8, 0, 0);
        int small32 = (starts32 & blocks32) != 0 ? 32
                : longestRunFrom(blocks32, starts1, starts2, starts4, starts8, starts16, 0);
        int small = small4 | small8 << Byte.SIZE | small16 << (2 * Byte.SIZE) | small32 << (3 * Byte.SIZE);
        return (longest << Integer.SIZE) | small;
    }

    /**
     * Returns the longest run of one bits that starts at one of the bits set in {@code from}, given starts(k) of
     * the word for k = 1 to 32 (see {@link #wordSummary}): since starts(a + b) = starts(a) & (starts(b) >>> a),
     * the length is built greedily from 32 down to 1, like the binary digits of a number.
     *
     * @return 0 to 63 (a run of 64 is reported as 63)
     */
    private static int longestRunFrom(long from, long starts1, long starts2, long starts4, long starts8,
            long starts16, long starts32) {
        int length = 0;
        long starts = from; // the bits of `from` where a run of `length` ones starts
        long longer = starts & starts32;
        if (longer != 0) {
            starts = longer;
            length = 32;
        }
        longer = starts & (starts16 >>> length);
        if (longer != 0) {
            starts = longer;
            length += 16;
        }
        longer = starts & (starts8 >>> length);
        if (longer != 0) {
            starts = longer;
            length += 8;
        }
        longer = starts & (starts4 >>> length);
        if (longer != 0) {
            starts = longer;
            length += 4;
        }
        longer = starts & (starts2 >>> length);
        if (longer != 0) {
            starts = longer;
            length += 2;
        }
        longer = starts & (starts1 >>> length);
        return longer != 0 ? length + 1 : length;
    }

    /**
     * Returns the word whose bit i is set when bits i..i+count-1 of {@code word} are all ones (see
     * {@link #longestRunFrom}), for count 1 to 64.
     */
    static long runStarts(long word, long count) {
        long starts = -1L;
        int length = 0;
        long power = word; // starts(2^k)
        for (int k = 0; (count >>> k) != 0; k++) {
            if ((count & (1L << k)) != 0) {
                starts &= power >>> length;
                length += 1 << k;
            }
            power &= power >>> (1 << k);
        }
        return starts;
    }

    /** The byte-wise maximum of two packed small-block records (bytes below 128). */
    private static int byteMax(int a, int b) {
        int aAtLeastB = ((a | BYTE_GUARDS) - b) & BYTE_GUARDS; // the guard bit of each byte survives if a >= b
        int mask = (aAtLeastB >>> 7) * 0xFF;
        return (a & mask) | (b & ~mask);
    }

    /**
     * Returns the length of the longest run of free bits: O(1).
     *
     * @return 0 to the number of bits
     */
    long largestFreeRun() {
        return height == 0 ? longestRun(words[0]) : records[height][LONGEST];
    }

    /**
     * Finds the lowest start {@code s} such that bits {@code [s, s + count)} are free and {@code s + phase} is a
     * multiple of {@code align}.
     *
     * @param count bits wanted, {@code >= 1}
     * @param align a power of two {@code >= 1}
     * @param phase added to {@code s} before the alignment test, {@code >= 0}, with {@code phase} plus the number
     *              of bits not past {@link Long#MAX_VALUE}
     * @return the start, or -1 if no run fits
     */
    long find(long count, long align, long phase) {
        if (count > largestFreeRun()) {
            return -1;
        }
        long alignMask = align - 1;
        if (height > 0) {
            if (align == 1) {
                return firstFit((int) count);
            }
            if ((phase & alignMask) == 0 && count <= align) {
                if (align >= WORD_BITS) {
                    int blockLevel = Long.numberOfTrailingZeros(align) - WORD_SHIFT;
                    if (blockLevel < BLOCK_LEVELS && blockLevel < height) {
                        return firstAlignedBlock(blockLevel, (int) count);
                    }
                } else if (align >= 1 << SMALL_BLOCK_SHIFT) {
                    return firstSmallBlock(Long.numberOfTrailingZeros(align) - SMALL_BLOCK_SHIFT, (int) count);
                }
            }
        }
        if (height > 0 && alignMask < WORD_BITS * WORD_BITS) {
            // Most often the lowest run long enough also holds an aligned start with room after it: try that
            // run first (a descent, one node per level), and walk only if it is too short for its alignment.
            long runStart = firstFit((int) count); // found: the root's longest run holds count
            long aligned = alignedStart(runStart, alignMask, phase);
            if (aligned != NO_START && (aligned == runStart || isFree(runStart + count, aligned - runStart))) {
                return aligned;
            }
        }
        return walk(count, alignMask, phase);
    }

    /** Tells whether the bits {@code [from, from + length)} are free, stopping at the first used one. */
    private boolean isFree(long from, long length) {
        long end = from + length;
        if (end > (long) words.length << WORD_SHIFT) {
            return false;
        }
        for (long bit = from; bit < end; bit = (bit | (WORD_BITS - 1)) + 1) {
            long wanted = -1L << bit;
            if (end - (bit & -WORD_BITS) < WORD_BITS) {
                wanted &= (1L << end) - 1;
            }
            if ((words[(int) (bit >>> WORD_SHIFT)] & wanted) != wanted) {
                return false;
            }
        }
        return true;
    }

    /** The lowest run of {@code count} free bits; the root's longest run holds it. One node per level. */
    private long firstFit(int count) {
        int node = 0;
        for (int level = height; level > 1; level--) {
            int[] children = records[level - 1];
            int stride = strides[level - 1];
            int left = node << 1;
            int leftAt = left * stride;
            if (children[leftAt + LONGEST] >= count) {
                node = left;
                continue;
            }
            int leftSuffix = children[leftAt + SUFFIX];
            if (leftSuffix + children[leftAt + stride + PREFIX] >= count) {
                return ((long) (left + 1) << (level - 1 + WORD_SHIFT)) - leftSuffix;
            }
            node = left + 1;
        }
        int left = node << 1;
        long base = (long) left << WORD_SHIFT;
        long leftWord = words[left];
        long rightWord = left + 1 < words.length ? words[left + 1] : 0;
        if (count <= WORD_BITS) {
            long fits = runStarts(leftWord, count);
            if (fits != 0) {
                return base + Long.numberOfTrailingZeros(fits);
            }
        }
        int leftSuffix = Long.numberOfLeadingZeros(~leftWord);
        if (leftSuffix + Long.numberOfTrailingZeros(~rightWord) >= count) {
            return base + WORD_BITS - leftSuffix;
        }
        long fits = count <= WORD_BITS ? runStarts(rightWord, count) : 0;
        return foundIn(fits, base + WORD_BITS);
    }

    /**
     * The first block of 64 * 2^blockLevel bits whose free prefix holds {@code count <= block} bits: descend where
     * aligned[blockLevel] (or, on that level, the prefix) is long enough. One node per level.
     */
    private long firstAlignedBlock(int blockLevel, int count) {
        if (records[height][ALIGNED + blockLevel] < count) {
            return -1;
        }
        int node = 0;
        for (int level = height; level > blockLevel + 1; level--) {
            int[] children = records[level - 1];
            int stride = strides[level - 1];
            int left = node << 1;
            node = children[left * stride + ALIGNED + blockLevel] >= count ? left : left + 1;
        }
        int left = node << 1;
        int block = prefix(blockLevel, left) >= count ? left : left + 1;
        if (block >= nodeCounts[blockLevel] || prefix(blockLevel, block) < count) {
            throw outOfStep(count);
        }
        return (long) block << (blockLevel + WORD_SHIFT);
    }

    /** The free prefix of a node (a word on level 0). */
    private int prefix(int level, int node) {
        return level == 0 ? Long.numberOfTrailingZeros(~words[node]) : records[level][node * strides[level] + PREFIX];
    }

    /**
     * The first block of {@code 4 << sizeIndex} bits whose free prefix holds {@code count <= block} bits: descend
     * where the small byte is long enough, then the first such block start in the word. One node per level.
     */
    private long firstSmallBlock(int sizeIndex, int count) {
        int shift = sizeIndex * Byte.SIZE;
        if (((records[height][SMALL_BLOCKS] >>> shift) & 0xFF) < count) {
            return -1;
        }
        int node = 0;
        for (int level = height; level > 1; level--) {
            int[] children = records[level - 1];
            int stride = strides[level - 1];
            int left = node << 1;
            node = ((children[left * stride + SMALL_BLOCKS] >>> shift) & 0xFF) >= count ? left : left + 1;
        }
        int left = node << 1;
        long blockStarts = SMALL_BLOCK_STARTS[sizeIndex];
        long fits = runStarts(words[left], count) & blockStarts;
        if (fits != 0) {
            return ((long) left << WORD_SHIFT) + Long.numberOfTrailingZeros(fits);
        }
        fits = left + 1 < words.length ? runStarts(words[left + 1], count) & blockStarts : 0;
        return foundIn(fits, (long) (left + 1) << WORD_SHIFT);
    }

    /** The lowest bit of {@code fits} as a bit index from {@code base}; the summaries promised one. */
    private static long foundIn(long fits, long base) {
        if (fits == 0) {
            throw outOfStep(-1);
        }
        return base + Long.numberOfTrailingZeros(fits);
    }

    private static IllegalStateException outOfStep(long count) {
        return new IllegalStateException("summary tree out of step with its bits (searching for " + count
                + " bits): a bug, please report it");
    }

    /**
     * The general search: nodes in address order, left to right, carrying the free run that ends just before the
     * node visited; a node that cannot hold a fitting start after its prefix is passed without being entered.
     */
    private long walk(long count, long alignMask, long phase) {
        long carry = 0; // free bits ending right before the node visited
        int level = height;
        int node = 0;
        while (true) {
            walkSteps++;
            boolean enter = false;
            if (level == 0) {
                long low = (long) node << WORD_SHIFT;
                long free = words[node];
                long carried = carry;
                carry = 0;
                while (free != 0) {
                    int start = Long.numberOfTrailingZeros(free);
                    int end = start + Long.numberOfTrailingZeros(~(free >>> start));
                    long runStart = start == 0 ? low - carried : low + start;
                    long fit = fitIn(runStart, low + end, count, alignMask, phase);
                    if (fit >= 0) {
                        return fit;
                    }
                    if (end == WORD_BITS) {
                        carry = low + WORD_BITS - runStart;
                        break;
                    }
                    free &= -1L << end;
                }
            } else {
                int[] levelRecords = records[level];
                int at = node * strides[level];
                long span = 1L << (level + WORD_SHIFT);
                long low = (long) node << (level + WORD_SHIFT);
                long nodePrefix = levelRecords[at + PREFIX];
                long fit = fitIn(low - carry, low + nodePrefix, count, alignMask, phase);
                if (fit >= 0) {
                    return fit;
                }
                if (nodePrefix == span) {
                    carry += span;
                } else if (levelRecords[at + LONGEST] < count
                        || alignedStart(low + nodePrefix + 1, alignMask, phase) >= low + span) {
                    // No run inside is long enough, or no aligned start lies after the prefix run (an alignment
                    // larger than the node): the node only passes its suffix on.
                    carry = levelRecords[at + SUFFIX];
                } else {
                    enter = true;
                }
            }
            if (enter) {
                level--;
                node <<= 1;
                continue;
            }
            // On to the next node in address order: up while this one is a right child, then its right sibling.
            while ((node & 1) == 1) {
                level++;
                node >>>= 1;
            }
            if (level == height || node + 1 >= nodeCounts[level]) {
                return -1; // nothing lies after this node
            }
            node++;
        }
    }

    /** The lowest start at or after {@code start} aligned as asked, or NO_START if past Long.MAX_VALUE. */
    private static long alignedStart(long start, long alignMask, long phase) {
        long value = start + phase;
        long misalignment = value & alignMask;
        if (misalignment == 0) {
            return start;
        }
        long padding = alignMask + 1 - misalignment;
        return padding > Long.MAX_VALUE - value ? NO_START : start + padding;
    }

    /** The request's first aligned start in the free run [start, end) if it fits there, else -1. */
    private static long fitIn(long start, long end, long count, long alignMask, long phase) {
        long aligned = alignedStart(start, alignMask, phase);
        return aligned != NO_START && aligned <= end - count ? aligned : -1;
    }
}
