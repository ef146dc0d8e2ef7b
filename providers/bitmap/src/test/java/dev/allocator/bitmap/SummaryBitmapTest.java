package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SummaryBitmapTest {
    private static final long SEED = 0x5eed_b17_0001L;

    @Test
    void longestRunOfAWordCountsItsLongestRunOfOnes() {
        assertEquals(0, RunTree.longestRun(0));
        assertEquals(64, RunTree.longestRun(-1L));
        assertEquals(1, RunTree.longestRun(0x5555_5555_5555_5555L));
        assertEquals(63, RunTree.longestRun(Long.MAX_VALUE));
        assertEquals(63, RunTree.longestRun(-2L));
        assertEquals(5, RunTree.longestRun(0b1111_0111_1100_0111L));
        assertEquals(8, RunTree.longestRun(0xFF00_0000_0000_0F01L));
    }

    @Test
    void aNewBitmapIsAllFreeUpToItsSize() {
        SummaryBitmap bitmap = new SummaryBitmap(1000);
        assertEquals(1000, bitmap.largestFreeRun());
        assertTrue(bitmap.isRunFree(0, 1000));
        assertEquals(0, bitmap.find(1000, 1, 0));
        assertEquals(-1, bitmap.find(1001, 1, 0));
        assertEquals(1000, bitmap.nextUsed(0));
        assertEquals(999, bitmap.nextFree(999));
        assertEquals(1000, bitmap.nextFree(1000));
        assertEquals(0, bitmap.usedBits());
    }

    @Test
    void aRunCanSpanManyWordsAndLevels() {
        SummaryBitmap bitmap = new SummaryBitmap(1 << 20);
        bitmap.setUsed(100, 5000);
        bitmap.setUsed(200_000, 1);
        assertEquals(0, bitmap.find(100, 1, 0));
        assertEquals(5100, bitmap.find(101, 1, 0));
        assertEquals(200_001, bitmap.find(200_000 - 5100 + 1, 1, 0));
        assertEquals((1 << 20) - 200_001, bitmap.largestFreeRun());
        assertEquals(100, bitmap.nextUsed(0));
        assertEquals(5100, bitmap.nextFree(100));
        assertEquals(200_000, bitmap.nextUsed(5100));
        assertTrue(bitmap.isRunUsed(100, 5000));
        assertFalse(bitmap.isRunUsed(99, 2));
        assertEquals(5001, bitmap.usedBits());
        bitmap.setFree(100, 5000);
        bitmap.setFree(200_000, 1);
        assertEquals(1 << 20, bitmap.largestFreeRun());
    }

    @Test
    void alignmentIsOfTheStartPlusPhase() {
        SummaryBitmap bitmap = new SummaryBitmap(4096);
        assertEquals(0, bitmap.find(1, 1024, 0));
        assertEquals(1023, bitmap.find(1, 1024, 1));
        assertEquals(1, bitmap.find(3, 4, 3));
        bitmap.setUsed(0, 1);
        assertEquals(1024, bitmap.find(1, 1024, 0));
        assertEquals(-1, bitmap.find(1, 8192, 1));
        assertEquals(-1, bitmap.find(1, 1L << 62, Long.MAX_VALUE - 4096));
    }

    @Test
    void freeAllReturnsToTheInitialState() {
        SummaryBitmap bitmap = new SummaryBitmap(777);
        bitmap.setUsed(3, 700);
        bitmap.setUsed(750, 1);
        bitmap.freeAll();
        assertEquals(777, bitmap.largestFreeRun());
        assertEquals(777, bitmap.nextUsed(0));
        assertEquals(0, bitmap.takeLowest());
        assertEquals(1, bitmap.usedBits());
    }

    @Test
    void sizesOutsideOneToMaxBitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SummaryBitmap(0));
        assertThrows(IllegalArgumentException.class, () -> new SummaryBitmap(SummaryBitmap.MAX_BITS + 1));
    }

    @Test
    void metadataIsOneBitPerBitPlusTheTreeAndTheWordIndexes() {
        SummaryBitmap bitmap = new SummaryBitmap(64 * 1024);
        long words = 1024;
        long treeInts = 0;
        for (int level = 0; level <= 4; level++) {
            // 1024, 128, 16, 2 and 1 nodes, in blocks of 8 records of 4 + min(3 * level, 6) ints
            long blocks = Math.max(1, (words >> (3 * level)) / 8);
            treeInts += blocks * 8 * (4 + Math.min(3 * level, RunTree.BLOCK_LEVELS));
        }
        long indexWords = 3 * (16 + 1); // three indexes over 1024 words: 16 words and a summary word each
        assertEquals(words * 8 + treeInts * 4 + indexWords * 8, bitmap.metadataBytes());
    }

    @Test
    void takeLowestTakesTheLowestFreeBitUntilNoneIsLeft() {
        SummaryBitmap bitmap = new SummaryBitmap(200);
        bitmap.setUsed(0, 70);
        bitmap.setUsed(71, 129);
        assertEquals(70, bitmap.takeLowest());
        assertEquals(-1, bitmap.takeLowest(), "all 200 bits used");
        assertEquals(200, bitmap.usedBits());
        bitmap.setFree(150, 1);
        bitmap.setFree(3, 1);
        assertEquals(3, bitmap.takeLowest());
        assertEquals(150, bitmap.takeLowest());
        assertEquals(0, bitmap.largestFreeRun());
    }

    @Test
    void singleBitChangesReachTheTreeBeforeAnyRunSearch() {
        SummaryBitmap bitmap = new SummaryBitmap(64 * 64);
        for (int i = 0; i < 64 * 32; i++) {
            assertEquals(i, bitmap.takeLowest());
        }
        assertEquals(64 * 32, bitmap.find(64 * 32, 1, 0), "the upper half is the only run of that length");
        assertEquals(-1, bitmap.find(64 * 32 + 1, 1, 0));
        bitmap.setFree(100, 1);
        bitmap.setFree(101, 1);
        assertEquals(100, bitmap.find(2, 2, 0));
        assertEquals(100, bitmap.find(2, 4, 0));
        assertEquals(64 * 32, bitmap.find(2, 8, 0), "100 is not a multiple of 8");
        assertEquals(64 * 32, bitmap.largestFreeRun());
    }

    @Test
    void aBlockAlignedRequestFindsTheFirstBlockWhosePrefixHoldsIt() {
        SummaryBitmap bitmap = new SummaryBitmap(64 * 1000 + 7);
        for (long block = 0; block < 64 * 1000; block += 256) {
            bitmap.setUsed(block, 1);
        }
        bitmap.setFree(256 * 200, 1);
        assertEquals(256 * 200, bitmap.find(200, 256, 0));
        assertEquals(256 * 200, bitmap.find(256, 256, 0));
        assertEquals(1, bitmap.find(200, 1, 0));
        assertEquals(64, bitmap.find(64, 64, 0));
        for (long word = 0; word < 64 * 1000; word += 64) {
            bitmap.setUsed(word, 1);
        }
        assertEquals(64 * 1000, bitmap.find(7, 64, 0));
        assertEquals(-1, bitmap.find(8, 64, 0));
    }

    @Test
    void smallBlockAlignedRequestsAgreeWithAScanOfAFragmentedBitmap() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int size = 64 * 300 + 5;
        SummaryBitmap bitmap = new SummaryBitmap(size);
        BitSet used = new BitSet(size);
        for (int step = 0; step < 3000; step++) {
            int from = random.nextInt(size);
            int count = 1 + random.nextInt(Math.min(size - from, 40));
            if (random.nextInt(3) != 0) {
                setUsed(bitmap, used, from, count);
            } else {
                setFree(bitmap, used, from, count);
            }
            for (int query = 0; query < 4; query++) {
                long align = 4L << random.nextInt(4);
                long want = 1 + random.nextInt((int) align);
                long expected = -1;
                for (long s = 0; s + want <= size && expected < 0; s += align) {
                    int next = used.nextSetBit((int) s);
                    expected = next < 0 || next >= s + want ? s : -1;
                }
                assertEquals(expected, bitmap.find(want, align, 0),
                        "step " + step + " find(" + want + ", " + align + ", 0)");
            }
        }
    }

    @Test
    void aRunInTheLastWordOfAnOddWordCountIsFoundByEveryDescent() {
        // With an odd number of words the last level-1 node has no right word: the descents must stop at the left.
        for (int size : new int[] {192, 330, 5000}) {
            int lastWord = (size - 1) / 64 * 64;
            for (int freeFromBit = lastWord; freeFromBit < size; freeFromBit += 7) {
                SummaryBitmap bitmap = new SummaryBitmap(size);
                BitSet used = new BitSet(size);
                setUsed(bitmap, used, 0, freeFromBit);
                long[] freeFrom = freeRunsFrom(used, size, size);
                long longest = size - freeFromBit;
                for (long count = 1; count <= longest + 1; count++) {
                    for (long align = 1; align <= 128; align <<= 1) {
                        checkFind(bitmap, freeFrom, longest, count, align, 0, "size " + size + " free from "
                                + freeFromBit);
                    }
                }
            }
        }
    }

    @Test
    void aWalkPassesNodesWithoutAnAllFreeBlockOfTheAlignmentWhenTheRequestCoversOne() {
        // Free runs of 126 bits from 1 past each multiple of 128 (and likewise for the other periods) hold no
        // all-free aligned block of 64 bits (half the period); 65 bits aligned to 64 fit only in the free tail, and
        // the walk passes the trapped part without entering it: a few nodes, not a thousand words.
        int trapped = 64 * 1024;
        for (int period : new int[] {128, 256, 1024, 8, 32}) {
            SummaryBitmap bitmap = new SummaryBitmap(trapped + 1024);
            for (long at = 0; at < trapped; at += period) {
                bitmap.setUsed(at, 1);
                bitmap.setUsed(at + period - 1, 1);
            }
            long align = period / 2;
            long before = bitmap.tree().walkSteps();
            assertEquals(trapped, bitmap.find(align + 1, align, 0), "period " + period);
            long steps = bitmap.tree().walkSteps() - before;
            assertTrue(steps > 0 && steps < 16, "period " + period + ": " + steps + " nodes walked");
            // Out of phase no block summary applies: the walk enters the nodes (and still finds the lowest fit).
            assertEquals(trapped + align - 1, bitmap.find(align + 1, align, 1), "period " + period + ", phase 1");
            assertTrue(bitmap.tree().walkSteps() - before - steps > 16, "period " + period + ", phase 1");
        }
    }

    @Test
    void nextFreeAndNextUsedFromTheSizeOnAnswerTheSize() {
        SummaryBitmap bitmap = new SummaryBitmap(100);
        bitmap.setUsed(10, 5);
        assertEquals(100, bitmap.nextUsed(100));
        assertEquals(100, bitmap.nextUsed(150));
        assertEquals(100, bitmap.nextFree(100));
        assertEquals(100, bitmap.nextUsed(15));
        assertEquals(10, bitmap.nextUsed(0));
        SummaryBitmap wholeWords = new SummaryBitmap(128); // the size is the first bit past the last word
        wholeWords.setUsed(0, 1);
        assertEquals(128, wholeWords.nextFree(128));
        assertEquals(128, wholeWords.nextUsed(128));
    }

    @Test
    void randomOperationsAgreeWithABitSetModel() {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] sizes = {1, 63, 64, 65, 127, 128, 200, 1000, 4096, 5000, 20_000};
        for (int size : sizes) {
            SummaryBitmap bitmap = new SummaryBitmap(size);
            BitSet used = new BitSet(size);
            for (int step = 0; step < 400; step++) {
                randomChange(bitmap, used, size, random);
                checkAgainstModel(bitmap, used, size, random, "seed " + SEED + " size " + size + " step " + step);
            }
        }
    }

    @Test
    void everySummaryEqualsOneRecomputedFromItsBitsAfterRandomOperations() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        int[] sizes = {65, 128, 129, 1000, 4096 + 3, 64 * 200, 64 * 1024 + 17};
        for (int size : sizes) {
            SummaryBitmap bitmap = new SummaryBitmap(size);
            BitSet used = new BitSet(size);
            int steps = size > 10_000 ? 100 : 300;
            for (int step = 0; step < steps; step++) {
                int changes = 1 + random.nextInt(20); // several changes, so a flush catches up many stale words
                for (int change = 0; change < changes; change++) {
                    randomChange(bitmap, used, size, random);
                }
                bitmap.flush();
                checkEverySummary(bitmap.tree(), used, size, "seed " + (SEED + 2) + " size " + size + " step "
                        + step);
            }
        }
    }

    /** Changes a random run (a single bit half the time, through the lazy path) in the bitmap and the model. */
    private static void randomChange(SummaryBitmap bitmap, BitSet used, int size, SplittableRandom random) {
        if (random.nextBoolean()) {
            if (random.nextInt(3) == 0) {
                long taken = bitmap.takeLowest();
                assertEquals(used.nextClearBit(0) < size ? used.nextClearBit(0) : -1, taken, "takeLowest");
                if (taken >= 0) {
                    used.set((int) taken);
                }
                return;
            }
            int bit = random.nextInt(size);
            if (used.get(bit)) {
                setFree(bitmap, used, bit, 1);
            } else {
                setUsed(bitmap, used, bit, 1);
            }
            return;
        }
        int from = random.nextInt(size);
        int count = 1 + random.nextInt(Math.min(size - from, random.nextBoolean() ? 8 : 300));
        if (random.nextBoolean()) {
            setUsed(bitmap, used, from, count);
        } else {
            setFree(bitmap, used, from, count);
        }
    }

    /** Marks the free bits of a run used, one maximal free piece at a time (the bitmap wants all-free runs). */
    private static void setUsed(SummaryBitmap bitmap, BitSet used, int from, int count) {
        int end = from + count;
        for (int piece = used.nextClearBit(from); piece < end; piece = used.nextClearBit(piece)) {
            int pieceEnd = Math.min(end, nextSetOr(used, piece, end));
            bitmap.setUsed(piece, pieceEnd - piece);
            used.set(piece, pieceEnd);
            piece = pieceEnd;
        }
    }

    /** Marks the used bits of a run free, one maximal used piece at a time. */
    private static void setFree(SummaryBitmap bitmap, BitSet used, int from, int count) {
        int end = from + count;
        for (int piece = nextSetOr(used, from, end); piece < end; piece = nextSetOr(used, piece, end)) {
            int pieceEnd = Math.min(end, used.nextClearBit(piece));
            bitmap.setFree(piece, pieceEnd - piece);
            used.clear(piece, pieceEnd);
            piece = pieceEnd;
        }
    }

    private static int nextSetOr(BitSet used, int from, int otherwise) {
        int next = used.nextSetBit(from);
        return next < 0 ? otherwise : next;
    }

    /** Compares every stored record with pre, suf, longest, small and aligned[] computed from the model's bits. */
    private static void checkEverySummary(RunTree tree, BitSet used, int size, String where) {
        long[] freeFrom = freeRunsFrom(used, size, 64L << RunTree.wordShift(tree.height()));
        long words = (size + 63) / 64;
        for (int level = 0; level <= tree.height(); level++) {
            int wordShift = RunTree.wordShift(level);
            long span = 64L << wordShift;
            assertEquals((words + (1L << wordShift) - 1) >>> wordShift, tree.nodeCount(level),
                    where + ": level " + level);
            for (int node = 0; node < tree.nodeCount(level); node++) {
                long low = node * span;
                long high = low + span;
                int[] expected = new int[4 + RunTree.blockLevelsBelow(level)];
                expected[0] = (int) Math.min(freeFrom[(int) low], span);
                long suffixStart = high;
                while (suffixStart > low && freeFrom[(int) suffixStart - 1] > 0) {
                    suffixStart--;
                }
                expected[1] = (int) (high - suffixStart);
                long longest = 0;
                for (long bit = low; bit < high; bit++) {
                    longest = Math.max(longest, Math.min(freeFrom[(int) bit], high - bit));
                }
                expected[2] = (int) longest;
                for (int sizeIndex = 0; sizeIndex < 4; sizeIndex++) {
                    expected[3] |= (int) bestBlockPrefix(freeFrom, low, span, 4L << sizeIndex) << (8 * sizeIndex);
                }
                for (int blockLevel = 0; blockLevel < RunTree.blockLevelsBelow(level); blockLevel++) {
                    expected[4 + blockLevel] = (int) bestBlockPrefix(freeFrom, low, span, 64L << blockLevel);
                }
                assertArrayEquals(expected, tree.record(level, node), where + ": level " + level + " node " + node);
            }
        }
    }

    /** For every bit below {@code length}, the free bits from it on (bits at or past size count as used). */
    private static long[] freeRunsFrom(BitSet used, int size, long length) {
        long[] freeFrom = new long[(int) length + 1];
        for (int bit = (int) length - 1; bit >= 0; bit--) {
            freeFrom[bit] = bit < size && !used.get(bit) ? freeFrom[bit + 1] + 1 : 0;
        }
        return freeFrom;
    }

    /** The longest free prefix of any aligned block of {@code block} bits inside {@code [low, low + span)}. */
    private static long bestBlockPrefix(long[] freeFrom, long low, long span, long block) {
        long best = 0;
        for (long start = low; start < low + span; start += block) {
            best = Math.max(best, Math.min(freeFrom[(int) start], block));
        }
        return best;
    }

    /** {@code find} gives the lowest fitting start, and walks only when no descent can answer. */
    private static void checkFind(SummaryBitmap bitmap, long[] freeFrom, long longest, long count, long align,
                                  long phase, String where) {
        long expected = -1;
        for (int s = 0; s + count < freeFrom.length; s++) {
            if (((s + phase) & (align - 1)) == 0 && freeFrom[s] >= count) {
                expected = s;
                break;
            }
        }
        String what = where + " find(" + count + ", " + align + ", " + phase + ")";
        long walkedBefore = bitmap.tree().walkSteps();
        assertEquals(expected, bitmap.find(count, align, phase), what);
        boolean walked = bitmap.tree().walkSteps() != walkedBefore;
        assertEquals(needsAWalk(bitmap.tree().height(), freeFrom, longest, count, align, phase), walked,
                what + " walked");
    }

    /**
     * Whether {@code find} must fall back to the general walk: only when no descent answers, that is for a request
     * that fits somewhere, on a tree with levels, that is neither unaligned, nor a block-aligned (blocks smaller than
     * the root) or small-block request in phase and no longer than its alignment, nor placed at an aligned start of
     * the lowest free run long enough (for alignments up to 4,096 bits). Descents answer the rest in one node per
     * level.
     */
    private static boolean needsAWalk(int height, long[] freeFrom, long longest, long count, long align, long phase) {
        if (count > longest) {
            return false;
        }
        if (height == 0) {
            return true;
        }
        if (align == 1) {
            return false;
        }
        int alignShift = Long.numberOfTrailingZeros(align);
        if (((phase & (align - 1)) == 0) && count <= align
                && (alignShift >= 2 && alignShift < 6
                        || alignShift >= 6 && alignShift - 6 < RunTree.blockLevelsBelow(height))) {
            return false;
        }
        if (align > 4096) {
            return true;
        }
        int runStart = 0;
        while (freeFrom[runStart] < count) {
            runStart++;
        }
        long aligned = runStart + ((align - (runStart + phase) % align) % align);
        return aligned + count > runStart + freeFrom[runStart];
    }

    private static void checkAgainstModel(SummaryBitmap bitmap, BitSet used, int size, SplittableRandom random,
                                          String where) {
        long[] freeFrom = freeRunsFrom(used, size, size);
        long longest = Arrays.stream(freeFrom).max().getAsLong();
        assertEquals(longest, bitmap.largestFreeRun(), where);
        assertEquals(used.cardinality(), bitmap.usedBits(), where + " usedBits");
        for (int query = 0; query < 8; query++) {
            int from = random.nextInt(size);
            long count = 1 + random.nextInt(random.nextBoolean() ? 4 : size);
            long align = 1L << random.nextInt(random.nextBoolean() ? 3 : 14);
            long phase = random.nextBoolean() ? 0 : random.nextInt(5000);
            checkFind(bitmap, freeFrom, longest, count, align, phase, where);
            int nextFree = used.nextClearBit(from);
            assertEquals(Math.min(nextFree, size), bitmap.nextFree(from), where + " nextFree " + from);
            int nextUsed = used.nextSetBit(from);
            assertEquals(nextUsed < 0 ? size : nextUsed, bitmap.nextUsed(from), where + " nextUsed " + from);
            int runCount = 1 + random.nextInt(size - from);
            boolean allFree = used.nextSetBit(from) < 0 || used.nextSetBit(from) >= from + runCount;
            boolean allUsed = used.nextClearBit(from) >= from + runCount;
            assertEquals(allFree, bitmap.isRunFree(from, runCount), where + " isRunFree");
            assertEquals(allUsed, bitmap.isRunUsed(from, runCount), where + " isRunUsed");
            assertEquals(!used.get(from), bitmap.isFree(from), where + " isFree");
        }
    }
}
