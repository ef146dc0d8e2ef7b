package dev.allocator.bitmap;

import java.util.Arrays;

/*
 * A bitmap of free (1) and used (0) bits with a binary summary tree over its 64-bit words.
 *
 *   level 2              [pre suf longest small | aligned[0] aligned[1]]            one record per 4 words
 *                          /                                          \
 *   level 1   [pre suf longest small | aligned[0]]     [pre suf longest small | aligned[0]]   one per 2 words
 *               /            \                             /            \
 *   level 0  word 0         word 1                      word 2         word 3     64 bits each; their values
 *            bits 0..63     bits 64..127                ...                       are computed on the fly
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
 * Invariants:
 *   - every record equals what its two children give: pre = left full ? left span + right pre : left pre (suf
 *     mirrored), longest = max(left longest, right longest, left suf + right pre), aligned[h-1] = max(left pre,
 *     right pre), aligned[m < h-1] = max of the children's aligned[m], small = byte-wise max of the children's;
 *   - bits at or past size() (the tail of the last word, and children past the last word) count as used and are
 *     never set, so no free run crosses the end;
 *   - level h has ceil(words / 2^h) nodes; the top level has one node, the root (the word itself when there is
 *     only one word).
 * Metadata: one bit per managed bit plus about 3 bits of records per bit (1.25 of them for level 1), nothing fixed
 * at compile time.
 *
 * Search (find):
 *   - A request aligned to a block of 64 * 2^m bits (m < BLOCK_LEVELS, offset 0) and no longer than the block
 *     fits exactly at the start of a level-m node whose prefix holds it. The search descends only into nodes
 *     whose aligned[m] is long enough: O(height) whatever the fragmentation.
 *   - Likewise a request aligned to a small block of 4 to 32 bits (offset 0) and no longer than it descends
 *     only into nodes whose small byte for that size is long enough, then picks the first block start in the
 *     word whose next `count` bits are free: O(height).
 *   - Any other request is a left-to-right walk that carries the length of the free run ending just before the
 *     node it visits. A node whose carried run plus its prefix fits the request answers at once; a node whose
 *     longest run is shorter than the request, or that holds no aligned start after its prefix run (an
 *     alignment larger than the node), is skipped in O(1) (the carry becomes its suffix, or grows by its span
 *     when it is all free); only nodes that may hold a fitting run are entered. Without alignment the first node
 *     entered holds the answer: O(height). With a small alignment, a run long enough but badly placed sends the
 *     walk on to the next candidate run.
 *
 * Update (setUsed / setFree): change the words of the run, then recompute the ancestors of those words level by
 * level, stopping at the first level where no record changed: O(words touched + height).
 *
 * Not thread safe. One bitmap holds at most Integer.MAX_VALUE bits because record values are ints.
 */

/** A bitmap of free and used bits that finds runs of free bits through a summary tree; see the comment above. */
final class SummaryBitmap {
    /** Largest number of bits one bitmap holds (node summaries are ints). */
    static final long MAX_BITS = Integer.MAX_VALUE;

    private static final int WORD_BITS = 64;
    private static final int WORD_SHIFT = 6;
    private static final long NO_START = Long.MAX_VALUE;
    private static final int PREFIX = 0;
    private static final int SUFFIX = 1;
    private static final int LONGEST = 2;
    private static final int SMALL_BLOCKS = 3;
    private static final int ALIGNED = 4;
    /** Block levels with an aligned[] summary: blocks of 64 to 64 * 2^(BLOCK_LEVELS - 1) bits. */
    static final int BLOCK_LEVELS = 6;
    /** Blocks inside a word with a packed summary: 4, 8, 16 and 32 bits, one byte each, smallest lowest. */
    private static final int SMALL_BLOCK_SIZES = 4;
    private static final int SMALL_BLOCK_SHIFT = 2;
    /** Per small block size, a bit at the start of every block of that size in a word. */
    private static final long[] SMALL_BLOCK_STARTS = {
        0x1111_1111_1111_1111L, 0x0101_0101_0101_0101L, 0x0001_0001_0001_0001L, 0x0000_0001_0000_0001L};
    /** The packed small-block prefixes of an all-free word. */
    private static final int SMALL_BLOCKS_FREE = 0x2010_0804;
    private static final int BYTE_GUARDS = 0x8080_8080;

    private final long size;
    private final long[] words;
    private final int height;
    /** Per level, one record of {@code 4 + min(level, BLOCK_LEVELS)} ints per node: PREFIX, SUFFIX, LONGEST,
     * SMALL_BLOCKS, ALIGNED + m. */
    private final int[][] tree;
    private final int[] nodeCounts;
    private final int[] strides;

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
        tree = new int[height + 1][];
        nodeCounts = new int[height + 1];
        strides = new int[height + 1];
        nodeCounts[0] = wordCount;
        for (int level = 1; level <= height; level++) {
            nodeCounts[level] = nodesAt(wordCount, level);
            strides[level] = ALIGNED + blockLevelsBelow(level);
            tree[level] = new int[nodeCounts[level] * strides[level]];
        }
        freeAll();
    }

    /** How many aligned[] entries a node of {@code level} has. */
    private static int blockLevelsBelow(int level) {
        return Math.min(level, BLOCK_LEVELS);
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
            bytes += (long) tree[level].length * Integer.BYTES;
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
            int[] records = tree[level];
            records[PREFIX] = full;
            records[SUFFIX] = full;
            records[LONGEST] = full;
            records[SMALL_BLOCKS] = SMALL_BLOCKS_FREE;
            for (int below = 0; below < blockLevelsBelow(level); below++) {
                records[ALIGNED + below] = 1 << (below + WORD_SHIFT);
            }
            int stride = strides[level];
            for (int filled = stride; filled < records.length; filled <<= 1) {
                System.arraycopy(records, 0, records, filled, Math.min(filled, records.length - filled));
            }
            recompute(level, nodeCounts[level] - 1);
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
            boolean changed = false;
            for (int node = first >>> level; node <= lastNode; node++) {
                changed |= recompute(level, node);
            }
            if (!changed) {
                break; // the levels above summarise unchanged nodes
            }
        }
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
     * Recomputes a stored node from its two children (a missing right child counts as all used).
     *
     * @return true if any of its values changed
     */
    private boolean recompute(int level, int node) {
        return level == 1 ? recomputeFromWords(node) : recomputeFromRecords(level, node);
    }

    /** {@link #recompute} for a level-1 node, whose children are words summarised on the fly. */
    private boolean recomputeFromWords(int node) {
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
        int[] records = tree[1];
        int at = node * (ALIGNED + 1);
        return store(records, at, leftPrefix == WORD_BITS ? WORD_BITS + rightPrefix : leftPrefix,
                rightSuffix == WORD_BITS ? WORD_BITS + leftSuffix : rightSuffix,
                Math.max(Math.max(leftLongest, rightLongest), leftSuffix + rightPrefix), byteMax(leftSmall, rightSmall))
                | store(records, at + ALIGNED, Math.max(leftPrefix, rightPrefix));
    }

    /** {@link #recompute} for a node of level 2 or more, from its children's records. */
    private boolean recomputeFromRecords(int level, int node) {
        int below = level - 1;
        long childSpan = 1L << (below + WORD_SHIFT);
        int[] children = tree[below];
        int childStride = strides[below];
        int leftAt = (node << 1) * childStride;
        int rightAt = leftAt + childStride;
        int inherited = blockLevelsBelow(below);
        int[] records = tree[level];
        int at = node * strides[level];
        int leftPrefix = children[leftAt + PREFIX];
        int leftSuffix = children[leftAt + SUFFIX];
        int leftLongest = children[leftAt + LONGEST];
        int leftSmall = children[leftAt + SMALL_BLOCKS];
        boolean changed;
        if (rightAt < children.length) {
            int rightPrefix = children[rightAt + PREFIX];
            int rightSuffix = children[rightAt + SUFFIX];
            changed = store(records, at, (int) (leftPrefix == childSpan ? childSpan + rightPrefix : leftPrefix),
                    (int) (rightSuffix == childSpan ? childSpan + leftSuffix : rightSuffix),
                    Math.max(Math.max(leftLongest, children[rightAt + LONGEST]), leftSuffix + rightPrefix),
                    byteMax(leftSmall, children[rightAt + SMALL_BLOCKS]));
            if (below < BLOCK_LEVELS) {
                changed |= store(records, at + ALIGNED + below, Math.max(leftPrefix, rightPrefix));
            }
            // The best prefix of the level-m blocks below, for the lower levels m, from the children's records.
            for (int m = 0; m < inherited; m++) {
                changed |= store(records, at + ALIGNED + m,
                        Math.max(children[leftAt + ALIGNED + m], children[rightAt + ALIGNED + m]));
            }
        } else {
            changed = store(records, at, leftPrefix, 0, leftLongest, leftSmall);
            if (below < BLOCK_LEVELS) {
                changed |= store(records, at + ALIGNED + below, leftPrefix);
            }
            for (int m = 0; m < inherited; m++) {
                changed |= store(records, at + ALIGNED + m, children[leftAt + ALIGNED + m]);
            }
        }
        return changed;
    }

    /** Stores pre, suf, longest and small at {@code at}; true if any of them changed. */
    private static boolean store(int[] records, int at, int prefix, int suffix, int longest, int small) {
        int differences = (prefix ^ records[at + PREFIX]) | (suffix ^ records[at + SUFFIX])
                | (longest ^ records[at + LONGEST]) | (small ^ records[at + SMALL_BLOCKS]);
        records[at + PREFIX] = prefix;
        records[at + SUFFIX] = suffix;
        records[at + LONGEST] = longest;
        records[at + SMALL_BLOCKS] = small;
        return differences != 0;
    }

    /** Stores one value; true if it changed. */
    private static boolean store(int[] records, int at, int value) {
        boolean changed = records[at] != value;
        records[at] = value;
        return changed;
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
    private static long runStarts(long word, long count) {
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
     * @return 0 to {@code size()}
     */
    long largestFreeRun() {
        return height == 0 ? longestRun(words[0]) : tree[height][LONGEST];
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
        if (align >= WORD_BITS && count <= align && (phase & alignMask) == 0) {
            int blockLevel = Long.numberOfTrailingZeros(align) - WORD_SHIFT;
            if (blockLevel < BLOCK_LEVELS && blockLevel < height) {
                return searchAlignedBlock(height, 0, blockLevel);
            }
        } else if (align >= 1 << SMALL_BLOCK_SHIFT && count <= align && (phase & alignMask) == 0 && height > 0) {
            return searchSmallBlock(height, 0, Long.numberOfTrailingZeros(align) - SMALL_BLOCK_SHIFT);
        }
        return search(height, 0);
    }

    /**
     * Finds the first node of {@code blockLevel} at or after {@code searchFrom} whose free prefix holds the
     * request. Exact pruning: a node is entered only if its best prefix at {@code blockLevel} is long enough, so
     * this touches O(height) nodes.
     */
    private long searchAlignedBlock(int level, int node, int blockLevel) {
        long low = (long) node << (level + WORD_SHIFT);
        if (low + (1L << (level + WORD_SHIFT)) <= searchFrom) {
            return -1;
        }
        if (level == blockLevel) {
            long blockPrefix = level == 0 ? Long.numberOfTrailingZeros(~words[node])
                    : tree[level][node * strides[level] + PREFIX];
            return low >= searchFrom && blockPrefix >= runLength ? low : -1;
        }
        if (tree[level][node * strides[level] + ALIGNED + blockLevel] < runLength) {
            return -1;
        }
        int left = node << 1;
        long found = searchAlignedBlock(level - 1, left, blockLevel);
        if (found < 0 && left + 1 < nodeCount(level - 1)) {
            found = searchAlignedBlock(level - 1, left + 1, blockLevel);
        }
        return found;
    }

    /**
     * Finds the first aligned block of {@code 4 << sizeIndex} bits at or after {@code searchFrom} whose free
     * prefix holds the request, entering only nodes whose packed small-block record says one lies below: O(height).
     */
    private long searchSmallBlock(int level, int node, int sizeIndex) {
        long low = (long) node << (level + WORD_SHIFT);
        if (low + (1L << (level + WORD_SHIFT)) <= searchFrom) {
            return -1;
        }
        if (level == 0) {
            long fits = runStarts(words[node], runLength) & SMALL_BLOCK_STARTS[sizeIndex];
            if (low < searchFrom) {
                fits &= -1L << searchFrom;
            }
            return fits == 0 ? -1 : low + Long.numberOfTrailingZeros(fits);
        }
        int best = (tree[level][node * strides[level] + SMALL_BLOCKS] >>> (sizeIndex * Byte.SIZE)) & 0xFF;
        if (best < runLength) {
            return -1;
        }
        int left = node << 1;
        long found = searchSmallBlock(level - 1, left, sizeIndex);
        if (found < 0 && left + 1 < nodeCount(level - 1)) {
            found = searchSmallBlock(level - 1, left + 1, sizeIndex);
        }
        return found;
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
            int[] records = tree[level];
            int at = node * strides[level];
            long nodePrefix = records[at + PREFIX];
            long fit = fitIn(low - carry, low + nodePrefix);
            if (fit >= 0) {
                return fit;
            }
            if (nodePrefix == span) {
                carry += span;
                return -1;
            }
            if (records[at + LONGEST] < runLength || alignedStart(low + nodePrefix + 1) >= low + span) {
                // No run inside is long enough, or no aligned start lies after the prefix run (an alignment
                // larger than the node): the node only passes its suffix on.
                carry = records[at + SUFFIX];
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
        return nodeCounts[level];
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
        if (low + span <= searchFrom || (low >= searchFrom && tree[level][node * strides[level] + PREFIX] == span)) {
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
