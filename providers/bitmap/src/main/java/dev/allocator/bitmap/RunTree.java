package dev.allocator.bitmap;

/*
 * An 8-ary summary tree over the 64-bit words of a bitmap (free = 1), for finding runs of free bits.
 *
 *   level 2   block of node 0: [pre x8 | suf x8 | longest x8 | small x8 | aligned[0] x8 .. aligned[5] x8]
 *                               the records of level-2 nodes 0..7, field by field: one block per level-3 node
 *   level 1   block of node 0: [pre x8 | suf x8 | longest x8 | small x8 | aligned[0..2] x8]   (nodes 0..7)
 *             block of node 1: [...] (nodes 8..15)  ...
 *   level 0   block of node 0: [pre x8 | suf x8 | longest x8 | small x8]  the records of words 0..7
 *             block of node 1: [...] (words 8..15)  ...
 *   words     [64 bits] [64 bits] ...  the bitmap itself, owned by the caller
 *
 * A node of level h covers 8^h words, bits [j * 64 * 8^h, (j+1) * 64 * 8^h) for node j; level 0 is one record per
 * word. The records of the 8 children of a node are side by side in one block of their level's int[] (block j of
 * level h - 1 holds the children of node j of level h), field by field, so a parent reads its children's values of
 * one kind from 32 consecutive bytes, and all of them from one block (128 to 320 bytes). A record holds:
 *   pre (prefix)  - free bits at the node's low end (== span when the node is entirely free),
 *   suf (suffix)  - free bits at its high end,
 *   longest       - its longest run of free bits,
 *   small         - for the small blocks inside words, packed one byte per size: byte i is the longest free prefix
 *                   of any aligned block of 4 << i bits (4, 8, 16, 32) inside the node,
 *   aligned[m]    - for each block size 64 * 2^m bits smaller than the node (m < min(6, 3h)), the longest free
 *                   prefix of any aligned block of that size inside the node: the longest free run that starts at
 *                   such a block and stays inside it.
 * Words' records come from numberOfTrailingZeros / numberOfLeadingZeros and, for longest and small, a fixed
 * number of shift-and steps (wordSummary), when the word changes.
 *
 * Invariants (after every refresh; the owner may let level 0 fall behind changed words and catch up with
 * refreshWord or recompute, see SummaryBitmap):
 *   - every record above level 0 equals what its children give: scanning them left to right with the free run
 *     that ends at each child's start (carry: the previous child's suf, or carry + span if it is all free),
 *     pre is the carry plus the prefix of the first child that is not all free, suf the carry after the last,
 *     longest the maximum of the children's longest and of carry + pre at every child; aligned[m] is the maximum
 *     of the children's aligned[m] for blocks smaller than a child, and of the prefixes of groups of 1, 2 or 4
 *     children for blocks of one, two or four children; small is the byte-wise maximum of the children's;
 *   - bits at or past the size (the tail of the last word, words and nodes past the last) count as used and are
 *     never set; records past the last node of a level are zero, so a parent reads 8 children whatever its place;
 *   - level h has ceil(words / 8^h) nodes; the top level has one node, the root.
 *
 * Search (find), every path from bit 0, returning the lowest fitting start:
 *   - no alignment: descend from the root; at each node scan its children with the carry: a child whose carry
 *     plus prefix holds the request answers (the run started before it); else the first child whose longest run
 *     holds it is entered: one node per level, up to 8 children read in one block;
 *   - a request aligned to a block of 64 * 2^m bits (m < 6, phase 0) and no longer than the block fits at the
 *     start of the first such block whose prefix holds it: enter the first child whose aligned[m] holds it, and
 *     on the level where blocks are 1, 2 or 4 children, answer the first group of children whose prefix holds it;
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
 * Update (refresh): after the words of a run changed, recompute their records and their ancestors level by level;
 * nodes the run covers entirely get the all-used or all-free record without reading their children; a recompute
 * says which of its values changed, and the parent recomputes only the values that depend on those (longest
 * needs the children's longest, pre and suf; aligned[m] the children's aligned[m] or pre; ...); stop at the first
 * level where nothing changed: O(words touched + levels), and a level is a third of a binary tree's levels (5
 * levels above the words for 2^20 bits instead of 14).
 *
 * Metadata: about 2.5 bits per bit of the bitmap (2 of them for level 0, the words' own records; a binary tree
 * with words summarised on the fly took 3). Not thread safe. At most Integer.MAX_VALUE bits because record values
 * are ints.
 */

/** The summary tree over a bitmap's words that finds runs of free bits; see the comment above. */
final class RunTree {
    /** Block sizes with an aligned[] summary: blocks of 64 to 64 * 2^(BLOCK_LEVELS - 1) bits. */
    static final int BLOCK_LEVELS = 6;
    /** log2 of the children per node. */
    static final int LEVEL_BITS = 3;

    private static final int FANOUT = 1 << LEVEL_BITS;
    private static final int LAST_CHILD = FANOUT - 1;
    private static final int WORD_BITS = 64;
    private static final int WORD_SHIFT = 6;
    private static final long NO_START = Long.MAX_VALUE;
    /** Where each field of a block starts: a field holds one int per child, FANOUT of them. */
    private static final int SUFFIX_AT = FANOUT;
    private static final int LONGEST_AT = 2 * FANOUT;
    private static final int SMALL_AT = 3 * FANOUT;
    private static final int ALIGNED_AT = 4 * FANOUT;
    /** Fields every record has: prefix (at offset 0), suffix, longest, small; then aligned[m]. */
    private static final int BASE_FIELDS = 4;
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
    /** Per level h >= 0, blocks of {@code blockInts[h]} ints, one per node of level h + 1; see the comment above. */
    private final int[][] records;
    private final int[] nodeCounts;
    private final int[] blockInts;
    /** Per level, a node's span in bits, capped at Integer.MAX_VALUE (only the root can be larger). */
    private final int[] spans;
    /** Per level, a block whose eight records are all free (a record whose bits are all used is all zeros). */
    private final int[][] freeBlocks;
    /** Scratch for {@link #recomputeGroupBlocks}: the prefixes of the groups of children of one size. */
    private final int[] groupPrefixes = new int[FANOUT];
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
        blockInts = new int[height + 1];
        spans = new int[height + 1];
        freeBlocks = new int[height + 1][];
        for (int level = 0; level <= height; level++) {
            nodeCounts[level] = nodesAt(wordCount, level);
            blockInts[level] = (BASE_FIELDS + blockLevelsBelow(level)) * FANOUT;
            records[level] = new int[((nodeCounts[level] + LAST_CHILD) >>> LEVEL_BITS) * blockInts[level]];
            int span = (int) Math.min(1L << (wordShift(level) + WORD_SHIFT), Integer.MAX_VALUE);
            spans[level] = span;
            int[] free = new int[blockInts[level]];
            for (int child = 0; child < FANOUT; child++) {
                free[child] = span;
                free[SUFFIX_AT + child] = span;
                free[LONGEST_AT + child] = span;
                free[SMALL_AT + child] = SMALL_BLOCKS_FREE;
                for (int below = 0; below < blockLevelsBelow(level); below++) {
                    free[ALIGNED_AT + below * FANOUT + child] = 1 << (below + WORD_SHIFT);
                }
            }
            freeBlocks[level] = free;
        }
    }

    /**
     * Returns how many aligned[] entries a node of {@code level} has: one per block size of 64 to 2048 bits
     * smaller than the node.
     *
     * @param level 0 (words) or more
     * @return 0 to {@link #BLOCK_LEVELS}
     */
    static int blockLevelsBelow(int level) {
        return Math.min(LEVEL_BITS * level, BLOCK_LEVELS);
    }

    /**
     * Returns log2 of the number of words a node of {@code level} covers: node {@code j} of that level covers the
     * words {@code j << wordShift(level)} on.
     *
     * @param level 0 (words) or more
     * @return {@code 3 * level}
     */
    static int wordShift(int level) {
        return LEVEL_BITS * level;
    }

    private static int nodesAt(int wordCount, int level) {
        return (int) (((long) wordCount + (1L << wordShift(level)) - 1) >>> wordShift(level));
    }

    /** Where a node's record starts in its level's array: field f lies at this plus f * FANOUT. */
    private int recordAt(int level, int node) {
        return (node >>> LEVEL_BITS) * blockInts[level] + (node & LAST_CHILD);
    }

    /**
     * Returns the number of stored levels above the words' level 0 (0 for a single word).
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
     * @param level 0 (words) to {@link #height()}
     * @param node  0 to {@code nodeCount(level) - 1}
     * @return the record's values
     */
    int[] record(int level, int node) {
        int[] values = new int[blockInts[level] / FANOUT];
        int at = recordAt(level, node);
        for (int field = 0; field < values.length; field++) {
            values[field] = records[level][at + field * FANOUT];
        }
        return values;
    }

    /**
     * Returns the bytes of the records.
     *
     * @return array payload bytes
     */
    long metadataBytes() {
        long bytes = 0;
        for (int level = 0; level <= height; level++) {
            bytes += (long) records[level].length * Integer.BYTES;
        }
        return bytes;
    }

    /** Sets every record for all-free words (the caller has set them): O(nodes). */
    void freeAll() {
        for (int level = 0; level <= height; level++) {
            int[] levelRecords = records[level];
            int block = blockInts[level];
            System.arraycopy(freeBlocks[level], 0, levelRecords, 0, block);
            for (int filled = block; filled < levelRecords.length; filled <<= 1) {
                System.arraycopy(levelRecords, 0, levelRecords, filled, Math.min(filled, levelRecords.length - filled));
            }
            // The last block may hold records past the last node: they stay all used.
            int lastNode = nodeCounts[level] - 1;
            setConstant(level, lastNode + 1, (lastNode | LAST_CHILD), false);
            // Only the last node of a level can reach past the last bit.
            recompute(level, lastNode, ALL_CHANGED);
        }
    }

    /**
     * Brings the records of the words of {@code [from, end)} and their ancestors up to date after those bits all
     * changed to {@code free}: O(words + levels).
     *
     * @param from first bit that changed
     * @param end  end of the run, exclusive, {@code > from}
     * @param free the bits' new state
     */
    void refresh(long from, long end, boolean free) {
        int firstWord = (int) (from >>> WORD_SHIFT);
        int lastWord = (int) ((end - 1) >>> WORD_SHIFT);
        int childChanges = ALL_CHANGED; // the words changed
        for (int level = 0; level <= height; level++) {
            int nodeShift = wordShift(level);
            int shift = nodeShift + WORD_SHIFT;
            int lastNode = lastWord >>> nodeShift;
            // Nodes in [coveredFrom, coveredEnd) lie entirely inside the run: their records are constants.
            long coveredFrom = (from + (1L << shift) - 1) >>> shift;
            long coveredEnd = end >>> shift;
            int changes = 0;
            for (int node = firstWord >>> nodeShift; node <= lastNode; node++) {
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
     * Brings the record of one word and its ancestors up to date after some of its bits changed: O(levels),
     * stopping at the first level where nothing changed.
     *
     * @param word index of the word
     */
    void refreshWord(int word) {
        int changes = ALL_CHANGED;
        for (int level = 0; level <= height && changes != 0; level++) {
            changes = recompute(level, word >>> wordShift(level), changes);
        }
    }

    /** Gives the nodes {@code first..last} of a level the all-free or all-used record. */
    private void setConstant(int level, int first, int last, boolean free) {
        int[] levelRecords = records[level];
        int[] template = freeBlocks[level];
        int fieldsEnd = blockInts[level];
        for (int node = first; node <= last; node++) {
            int at = recordAt(level, node);
            for (int field = 0; field < fieldsEnd; field += FANOUT) {
                levelRecords[at + field] = free ? template[field] : 0;
            }
        }
    }

    /**
     * Recomputes a node's record: a word's from its bits, a higher node's from its eight children.
     *
     * @param level        0 (words) to {@link #height()}
     * @param node         a node of that level
     * @param childChanges which values of its children may have changed ({@link #ALL_CHANGED} when unknown):
     *                     only the values that depend on them are recomputed (ignored on level 0)
     * @return which of its values changed, 0 if none
     */
    int recompute(int level, int node, int childChanges) {
        return level == 0 ? recomputeWord(node) : recomputeFromChildren(level, node, childChanges);
    }

    /** {@link #recompute} for a word's record. */
    private int recomputeWord(int word) {
        long bits = words[word];
        long summary = wordSummary(bits);
        int[] out = records[0];
        int at = recordAt(0, word);
        return store(out, at, Long.numberOfTrailingZeros(~bits), PREFIX_CHANGED)
                | store(out, at + SUFFIX_AT, Long.numberOfLeadingZeros(~bits), SUFFIX_CHANGED)
                | store(out, at + LONGEST_AT, (int) (summary >>> Integer.SIZE), LONGEST_CHANGED)
                | store(out, at + SMALL_AT, (int) summary, SMALL_CHANGED);
    }

    /**
     * {@link #recompute} for a node of level 1 or more, from its children's block: pre, suf and longest from one
     * scan of their pre, suf and longest with the carry; small from their small; aligned[m] from their aligned[m]
     * (blocks smaller than a child) or from their prefixes (blocks of 1, 2 or 4 children).
     */
    private int recomputeFromChildren(int level, int node, int childChanges) {
        int below = level - 1;
        int[] children = records[below];
        int base = node * blockInts[below];
        int[] out = records[level];
        int at = recordAt(level, node);
        int changes = 0;
        int lowerBlocks = blockLevelsBelow(below);
        if ((childChanges & (PREFIX_CHANGED | SUFFIX_CHANGED | LONGEST_CHANGED)) != 0) {
            int childSpan = spans[below];
            int carry = 0; // free bits ending at the start of the child scanned
            int prefix = 0;
            int longest = 0;
            boolean inPrefix = true; // every child before this one is all free
            for (int child = 0; child < FANOUT; child++) {
                int childPrefix = children[base + child];
                int run = carry + childPrefix;
                longest = Math.max(longest, Math.max(run, children[base + LONGEST_AT + child]));
                boolean full = childPrefix == childSpan;
                if (inPrefix) {
                    prefix = run;
                }
                inPrefix &= full;
                carry = full ? run : children[base + SUFFIX_AT + child];
            }
            changes = store(out, at, prefix, PREFIX_CHANGED)
                    | store(out, at + SUFFIX_AT, carry, SUFFIX_CHANGED)
                    | store(out, at + LONGEST_AT, longest, LONGEST_CHANGED);
            if ((childChanges & PREFIX_CHANGED) != 0 && lowerBlocks < blockLevelsBelow(level)) {
                changes |= recomputeGroupBlocks(children, base, childSpan, lowerBlocks, blockLevelsBelow(level), out,
                        at);
            }
        }
        if ((childChanges & SMALL_CHANGED) != 0) {
            int small = children[base + SMALL_AT];
            // Stop once every size has an all-free block: nothing can be larger.
            for (int child = 1; child < FANOUT && small != SMALL_BLOCKS_FREE; child++) {
                small = byteMax(small, children[base + SMALL_AT + child]);
            }
            changes |= store(out, at + SMALL_AT, small, SMALL_CHANGED);
        }
        // Blocks smaller than a child: the best of the children's, for the sizes whose values changed.
        int alignedChanged = (childChanges >>> ALIGNED_CHANGED_SHIFT) & ((1 << lowerBlocks) - 1);
        while (alignedChanged != 0) {
            int m = Integer.numberOfTrailingZeros(alignedChanged);
            alignedChanged &= alignedChanged - 1;
            int from = base + ALIGNED_AT + m * FANOUT;
            int best = children[from];
            for (int child = 1; child < FANOUT; child++) {
                best = Math.max(best, children[from + child]);
            }
            changes |= store(out, at + ALIGNED_AT + m * FANOUT, best, 1 << (ALIGNED_CHANGED_SHIFT + m));
        }
        return changes;
    }

    /**
     * Recomputes aligned[m] for the blocks of one child, then two, then four children ({@code m} from
     * {@code firstBlock} to below {@code endBlock}): the best prefix of the children, then of pairs of them (the
     * left one's prefix, plus the right one's when the left is all free), then of pairs of pairs.
     *
     * @return the change flags of those values
     */
    private int recomputeGroupBlocks(int[] children, int base, int childSpan, int firstBlock, int endBlock, int[] out,
                                     int at) {
        int[] groups = groupPrefixes;
        System.arraycopy(children, base, groups, 0, FANOUT);
        int groupSpan = childSpan;
        int groupCount = FANOUT;
        int changes = 0;
        for (int m = firstBlock; m < endBlock; m++) {
            if (m > firstBlock) {
                groupCount >>>= 1;
                for (int group = 0; group < groupCount; group++) {
                    int left = groups[2 * group];
                    groups[group] = left == groupSpan ? left + groups[2 * group + 1] : left;
                }
                groupSpan <<= 1;
            }
            int best = groups[0];
            for (int group = 1; group < groupCount; group++) {
                best = Math.max(best, groups[group]);
            }
            changes |= store(out, at + ALIGNED_AT + m * FANOUT, best, 1 << (ALIGNED_CHANGED_SHIFT + m));
        }
        return changes;
    }

    /** The free prefix of {@code group} adjacent children whose prefixes start at {@code prefixes[from]}. */
    private static int groupPrefix(int[] prefixes, int from, int group, int childSpan) {
        int prefix = 0;
        for (int child = from; child < from + group; child++) {
            int childPrefix = prefixes[child];
            prefix += childPrefix;
            if (childPrefix != childSpan) {
                break;
            }
        }
        return prefix;
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
        return records[height][LONGEST_AT]; // the root is the first record of its level
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
                    if (blockLevel < blockLevelsBelow(height)) {
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

    /**
     * The lowest run of {@code count} free bits; the root's longest run holds it. One node per level: among the
     * children, the first whose carried run plus prefix holds it answers, else the first whose longest does is
     * entered; in the word reached, the first start of {@code count} free bits.
     */
    private long firstFit(int count) {
        int node = 0;
        for (int level = height; level > 0; level--) {
            int below = level - 1;
            int[] children = records[below];
            int base = node * blockInts[below];
            int childSpan = spans[below];
            int firstChild = node << LEVEL_BITS;
            int carry = 0; // free bits ending at the start of the child scanned
            int entered = -1;
            for (int child = 0; child < FANOUT; child++) {
                int childPrefix = children[base + child];
                if (carry + childPrefix >= count) {
                    return ((long) (firstChild + child) << (wordShift(below) + WORD_SHIFT)) - carry;
                }
                if (children[base + LONGEST_AT + child] >= count) {
                    entered = child;
                    break;
                }
                carry = childPrefix == childSpan ? carry + childPrefix : children[base + SUFFIX_AT + child];
            }
            if (entered < 0) {
                throw outOfStep(count);
            }
            node = firstChild + entered;
        }
        // A word whose longest run holds count (so count <= 64).
        return foundIn(runStarts(words[node], count), (long) node << WORD_SHIFT);
    }

    /**
     * The first block of 64 * 2^blockLevel bits whose free prefix holds {@code count <= block} bits: enter the
     * first child whose aligned[blockLevel] holds it, down to the level whose children are blocks or halves or
     * quarters of blocks, where the first group of children whose prefix holds it answers. One node per level.
     */
    private long firstAlignedBlock(int blockLevel, int count) {
        if (records[height][ALIGNED_AT + blockLevel * FANOUT] < count) {
            return -1;
        }
        int node = 0;
        int below = height - 1;
        while (blockLevel < blockLevelsBelow(below)) {
            int from = node * blockInts[below] + ALIGNED_AT + blockLevel * FANOUT;
            node = (node << LEVEL_BITS) + firstHolding(records[below], from, count);
            below--;
        }
        int group = 1 << (blockLevel - wordShift(below));
        int base = node * blockInts[below];
        for (int first = 0; first < FANOUT; first += group) {
            if (groupPrefix(records[below], base + first, group, spans[below]) >= count) {
                return (long) ((node << LEVEL_BITS) + first) << (wordShift(below) + WORD_SHIFT);
            }
        }
        throw outOfStep(count);
    }

    /** The first of the eight values from {@code values[from]} that is at least {@code count}; one is. */
    private static int firstHolding(int[] values, int from, int count) {
        for (int child = 0; child < FANOUT; child++) {
            if (values[from + child] >= count) {
                return child;
            }
        }
        throw outOfStep(count);
    }

    /**
     * The first block of {@code 4 << sizeIndex} bits whose free prefix holds {@code count <= block} bits: enter
     * the first child whose small byte holds it, then the first such block start in the word. One node per level.
     */
    private long firstSmallBlock(int sizeIndex, int count) {
        int shift = sizeIndex * Byte.SIZE;
        if (((records[height][SMALL_AT] >>> shift) & 0xFF) < count) {
            return -1;
        }
        int node = 0;
        for (int level = height; level > 0; level--) {
            int[] children = records[level - 1];
            int from = node * blockInts[level - 1] + SMALL_AT;
            int entered = -1;
            for (int child = 0; child < FANOUT; child++) {
                if (((children[from + child] >>> shift) & 0xFF) >= count) {
                    entered = child;
                    break;
                }
            }
            if (entered < 0) {
                throw outOfStep(count);
            }
            node = (node << LEVEL_BITS) + entered;
        }
        long fits = runStarts(words[node], count) & SMALL_BLOCK_STARTS[sizeIndex];
        return foundIn(fits, (long) node << WORD_SHIFT);
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
        // A request at least as long as its alignment, in phase, covers a whole aligned block from its start: a
        // node with no all-free block of that size (aligned[m] or a small byte below the size) holds no fit that
        // starts after its prefix run. -1: no such summary for this request.
        long block = alignMask + 1;
        int blockField = -1;
        int blockLevel = 0;
        int smallShift = 0;
        int valueMask = -1;
        if ((phase & alignMask) == 0 && count >= block) {
            if (block >= WORD_BITS && block < (long) WORD_BITS << BLOCK_LEVELS) {
                blockLevel = Long.numberOfTrailingZeros(block) - WORD_SHIFT;
                blockField = ALIGNED_AT + blockLevel * FANOUT;
            } else if (block >= 1 << SMALL_BLOCK_SHIFT && block < WORD_BITS) {
                blockField = SMALL_AT;
                smallShift = (Long.numberOfTrailingZeros(block) - SMALL_BLOCK_SHIFT) * Byte.SIZE;
                valueMask = 0xFF;
            }
        }
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
                int at = recordAt(level, node);
                int shift = wordShift(level) + WORD_SHIFT;
                long span = 1L << shift;
                long low = (long) node << shift;
                long nodePrefix = levelRecords[at];
                long fit = fitIn(low - carry, low + nodePrefix, count, alignMask, phase);
                if (fit >= 0) {
                    return fit;
                }
                if (nodePrefix == span) {
                    carry += span;
                } else if (levelRecords[at + LONGEST_AT] < count
                        || alignedStart(low + nodePrefix + 1, alignMask, phase) >= low + span
                        || blockField >= 0 && blockLevel < blockLevelsBelow(level)
                                && ((levelRecords[at + blockField] >>> smallShift) & valueMask) < block) {
                    // No run inside is long enough, no aligned start lies after the prefix run (an alignment
                    // larger than the node), or no aligned block is all free: the node only passes its suffix on.
                    carry = levelRecords[at + SUFFIX_AT];
                } else {
                    enter = true;
                }
            }
            if (enter) {
                level--;
                node <<= LEVEL_BITS;
                continue;
            }
            // On to the next node in address order: up while this one is a last child, then its next sibling.
            while ((node & LAST_CHILD) == LAST_CHILD) {
                level++;
                node >>>= LEVEL_BITS;
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
