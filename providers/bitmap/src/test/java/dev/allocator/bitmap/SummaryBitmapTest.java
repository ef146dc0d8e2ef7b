package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SummaryBitmapTest {
    private static final long SEED = 0x5eed_b17_0001L;

    @Test
    void longestRunOfAWordCountsItsLongestRunOfOnes() {
        assertEquals(0, SummaryBitmap.longestRun(0));
        assertEquals(64, SummaryBitmap.longestRun(-1L));
        assertEquals(1, SummaryBitmap.longestRun(0x5555_5555_5555_5555L));
        assertEquals(63, SummaryBitmap.longestRun(Long.MAX_VALUE));
        assertEquals(63, SummaryBitmap.longestRun(-2L));
        assertEquals(5, SummaryBitmap.longestRun(0b1111_0111_1100_0111L));
        assertEquals(8, SummaryBitmap.longestRun(0xFF00_0000_0000_0F01L));
    }

    @Test
    void aNewBitmapIsAllFreeUpToItsSize() {
        SummaryBitmap bitmap = new SummaryBitmap(1000);
        assertEquals(1000, bitmap.largestFreeRun());
        assertTrue(bitmap.isRunFree(0, 1000));
        assertEquals(0, bitmap.find(0, 1000, 1, 0));
        assertEquals(-1, bitmap.find(0, 1001, 1, 0));
        assertEquals(1000, bitmap.nextUsed(0));
        assertEquals(999, bitmap.nextFree(999));
        assertEquals(1000, bitmap.nextFree(1000));
    }

    @Test
    void aRunCanSpanManyWordsAndLevels() {
        SummaryBitmap bitmap = new SummaryBitmap(1 << 20);
        bitmap.setUsed(100, 5000);
        bitmap.setUsed(200_000, 1);
        assertEquals(0, bitmap.find(0, 100, 1, 0));
        assertEquals(5100, bitmap.find(0, 101, 1, 0));
        assertEquals(200_001, bitmap.find(0, 200_000 - 5100 + 1, 1, 0));
        assertEquals((1 << 20) - 200_001, bitmap.largestFreeRun());
        assertEquals(100, bitmap.nextUsed(0));
        assertEquals(5100, bitmap.nextFree(100));
        assertEquals(200_000, bitmap.nextUsed(5100));
        assertTrue(bitmap.isRunUsed(100, 5000));
        assertFalse(bitmap.isRunUsed(99, 2));
        bitmap.setFree(100, 5000);
        bitmap.setFree(200_000, 1);
        assertEquals(1 << 20, bitmap.largestFreeRun());
    }

    @Test
    void alignmentIsOfTheStartPlusPhase() {
        SummaryBitmap bitmap = new SummaryBitmap(4096);
        assertEquals(0, bitmap.find(0, 1, 1024, 0));
        assertEquals(1023, bitmap.find(0, 1, 1024, 1));
        assertEquals(1, bitmap.find(0, 3, 4, 3));
        bitmap.setUsed(0, 1);
        assertEquals(1024, bitmap.find(0, 1, 1024, 0));
        assertEquals(-1, bitmap.find(0, 1, 8192, 1));
        assertEquals(-1, bitmap.find(0, 1, 1L << 62, Long.MAX_VALUE - 4096));
    }

    @Test
    void freeAllReturnsToTheInitialState() {
        SummaryBitmap bitmap = new SummaryBitmap(777);
        bitmap.setUsed(3, 700);
        bitmap.freeAll();
        assertEquals(777, bitmap.largestFreeRun());
        assertEquals(777, bitmap.nextUsed(0));
    }

    @Test
    void sizesOutsideOneToMaxBitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SummaryBitmap(0));
        assertThrows(IllegalArgumentException.class, () -> new SummaryBitmap(SummaryBitmap.MAX_BITS + 1));
    }

    @Test
    void metadataIsOneBitPerBitPlusTheTree() {
        SummaryBitmap bitmap = new SummaryBitmap(64 * 1024);
        long words = 1024;
        long treeInts = 0;
        for (int level = 1; level <= 10; level++) {
            treeInts += (words >> level) * (4 + Math.min(level, SummaryBitmap.BLOCK_LEVELS));
        }
        assertEquals(words * 8 + treeInts * 4, bitmap.metadataBytes());
    }

    @Test
    void aBlockAlignedRequestFindsTheFirstBlockWhosePrefixHoldsIt() {
        SummaryBitmap bitmap = new SummaryBitmap(64 * 1000 + 7);
        for (long block = 0; block < 64 * 1000; block += 256) {
            bitmap.setUsed(block, 1);
        }
        bitmap.setFree(256 * 200, 1);
        assertEquals(256 * 200, bitmap.find(0, 200, 256, 0));
        assertEquals(256 * 200, bitmap.find(0, 256, 256, 0));
        assertEquals(-1, bitmap.find(256 * 200 + 1, 256, 256, 0));
        assertEquals(1, bitmap.find(0, 200, 1, 0));
        assertEquals(64, bitmap.find(0, 64, 64, 0));
        for (long word = 0; word < 64 * 1000; word += 64) {
            bitmap.setUsed(word, 1);
        }
        assertEquals(64 * 1000, bitmap.find(0, 7, 64, 0));
        assertEquals(-1, bitmap.find(0, 8, 64, 0));
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
                bitmap.setUsed(from, count);
                used.set(from, from + count);
            } else {
                bitmap.setFree(from, count);
                used.clear(from, from + count);
            }
            for (int query = 0; query < 4; query++) {
                long align = 4L << random.nextInt(4);
                long want = 1 + random.nextInt((int) align);
                long start = random.nextInt(4) == 0 ? random.nextInt(size) : 0;
                long expected = -1;
                for (long s = (start + align - 1) & -align; s + want <= size && expected < 0; s += align) {
                    int next = used.nextSetBit((int) s);
                    expected = next < 0 || next >= s + want ? s : -1;
                }
                assertEquals(expected, bitmap.find(start, want, align, 0),
                        "step " + step + " find(" + start + ", " + want + ", " + align + ", 0)");
            }
        }
    }

    @Test
    void randomOperationsAgreeWithABitSetModel() {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] sizes = {1, 63, 64, 65, 127, 128, 200, 1000, 4096, 5000, 20_000};
        for (int size : sizes) {
            SummaryBitmap bitmap = new SummaryBitmap(size);
            BitSet used = new BitSet(size);
            for (int step = 0; step < 400; step++) {
                int from = random.nextInt(size);
                int count = 1 + random.nextInt(Math.min(size - from, random.nextBoolean() ? 8 : 300));
                if (random.nextBoolean()) {
                    bitmap.setUsed(from, count);
                    used.set(from, from + count);
                } else {
                    bitmap.setFree(from, count);
                    used.clear(from, from + count);
                }
                checkAgainstModel(bitmap, used, size, random, "seed " + SEED + " size " + size + " step " + step);
            }
        }
    }

    private static void checkAgainstModel(SummaryBitmap bitmap, BitSet used, int size, SplittableRandom random,
                                          String where) {
        int[] freeFrom = new int[size + 1];
        int longest = 0;
        for (int i = size - 1; i >= 0; i--) {
            freeFrom[i] = used.get(i) ? 0 : freeFrom[i + 1] + 1;
            longest = Math.max(longest, freeFrom[i]);
        }
        assertEquals(longest, bitmap.largestFreeRun(), where);
        for (int query = 0; query < 8; query++) {
            int from = random.nextInt(size);
            long count = 1 + random.nextInt(random.nextBoolean() ? 4 : size);
            long align = 1L << random.nextInt(random.nextBoolean() ? 3 : 14);
            long phase = random.nextBoolean() ? 0 : random.nextInt(5000);
            long expected = -1;
            for (int s = from; s + count <= size; s++) {
                if (((s + phase) & (align - 1)) == 0 && freeFrom[s] >= count) {
                    expected = s;
                    break;
                }
            }
            String what = where + " find(" + from + ", " + count + ", " + align + ", " + phase + ")";
            assertEquals(expected, bitmap.find(from, count, align, phase), what);
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
