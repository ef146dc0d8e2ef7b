package dev.allocator.tlsf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The size-to-list mapping: exact small classes, 2^s steps per power of two, rounding down to file, up to search. */
class SizeClassesTest {
    private final SizeClasses classes = new SizeClasses(4, 5);

    @Test
    void smallSizesHaveExactLists() {
        for (long granules = 1; granules < 32; granules++) {
            assertEquals(granules, classes.listOf(granules * 16));
            assertEquals(granules, classes.searchListOf(granules * 16));
            assertEquals(granules * 16, classes.lowerBound((int) granules));
        }
    }

    @Test
    void eachPowerOfTwoIsSplitIntoSecondLevelSteps() {
        assertEquals(32, classes.listOf(32 * 16), "first list of first level 1");
        assertEquals(1 << 5, classes.listOf(512));
        assertEquals(64, classes.listOf(64 * 16), "first level 2 starts at 64 granules");
        assertEquals(64, classes.listOf(65 * 16), "steps of two granules there");
        assertEquals(65, classes.listOf(66 * 16));
        assertEquals(65, classes.searchListOf(65 * 16), "a search rounds up to the next step");
    }

    @Test
    void everySizeLiesBetweenItsListBoundsAndSearchesFindOnlyLargeEnoughLists() {
        SplittableRandom random = new SplittableRandom(7);
        for (int bits = 0; bits <= SizeClasses.MAX_SECOND_LEVEL_BITS; bits++) {
            SizeClasses mapping = new SizeClasses(4, bits);
            for (int i = 0; i < 20_000; i++) {
                long size = (random.nextLong(1L << random.nextInt(1, 58)) + 1) << 4;
                int list = mapping.listOf(size);
                assertTrue(mapping.lowerBound(list) <= size && size < mapping.lowerBound(list + 1),
                        "size " + size + " list " + list + " bits " + bits);
                int search = mapping.searchListOf(size);
                assertTrue(mapping.lowerBound(search) >= size, "search list too small for " + size);
                assertTrue(search == list || search == list + 1, "search at most one list up for " + size);
                assertTrue(list < mapping.listCount());
            }
        }
    }

    @Test
    void theLargestSizesStillMapAndSearchesBeyondThemGiveUp() {
        long largest = Long.MAX_VALUE & ~15L;
        assertEquals((58 - 5 + 1) << 5 | 31, classes.listOf(largest), "2^59 - 1 granules: level 54, last step");
        assertEquals(-1, classes.searchListOf(largest), "rounding up would pass 2^63");
        assertEquals(Long.MAX_VALUE, classes.lowerBound(classes.listCount() - 1 + 1));
    }

    @Test
    void lowerBoundsReachTheTopOfTheLongRangeAndStopThere() {
        assertEquals(63L << 57, classes.lowerBound(54 << 5 | 31), "the highest bound that fits: 63 x 2^57");
        assertEquals(Long.MAX_VALUE, classes.lowerBound(55 << 5), "2^63 does not fit");
        assertEquals(Long.MAX_VALUE, classes.lowerBound(55 << 5 | 31));
    }

    @Test
    void granularityOneAndZeroSecondLevelBitsWork() {
        SizeClasses powersOfTwo = new SizeClasses(0, 0);
        assertEquals(1, powersOfTwo.listOf(1));
        assertEquals(2, powersOfTwo.listOf(2));
        assertEquals(2, powersOfTwo.listOf(3));
        assertEquals(3, powersOfTwo.searchListOf(3));
        assertEquals(4, powersOfTwo.lowerBound(3));
        assertEquals(63, powersOfTwo.listOf(Long.MAX_VALUE));
    }
}
