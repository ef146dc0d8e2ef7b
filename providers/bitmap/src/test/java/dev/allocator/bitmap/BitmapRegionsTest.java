package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitmapRegionsTest {
    @Test
    void rangesAreSearchedInUnitOrderWhateverTheOrderTheyWereAdded() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(1000, 10);
        regions.add(0, 10);
        regions.add(500, 0);
        assertEquals(20, regions.total());
        assertEquals(0, regions.alloc(10, 1));
        assertEquals(1000, regions.alloc(1, 1));
        assertEquals(-1, regions.alloc(10, 1));
        assertEquals(11, regions.used());
    }

    @Test
    void allocAtSaysWhetherItTookOrWhyNot() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(100, 10);
        assertEquals(BitmapRegions.TAKEN, regions.allocAt(102, 3));
        assertEquals(BitmapRegions.BUSY, regions.allocAt(104, 2));
        assertEquals(BitmapRegions.OUTSIDE, regions.allocAt(108, 3));
        assertEquals(BitmapRegions.OUTSIDE, regions.allocAt(99, 1));
        assertEquals(102, regions.firstUsed(100, 10));
        assertEquals(3, regions.used());
    }

    @Test
    void freeTakesExactlyOneLiveAllocation() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(0, 200);
        regions.alloc(4, 1);
        regions.alloc(70, 1);
        regions.alloc(1, 1);
        assertFalse(regions.free(0, 3), "part of an allocation");
        assertFalse(regions.free(1, 3), "not where an allocation starts");
        assertFalse(regions.free(0, 5), "more than an allocation");
        assertFalse(regions.free(0, 74), "two allocations at once");
        assertFalse(regions.free(4, 69), "an allocation minus its last unit");
        assertFalse(regions.free(75, 1), "a free unit");
        assertFalse(regions.free(300, 1), "outside the ranges");
        assertEquals(75, regions.used());
        assertTrue(regions.isAllocation(4, 70));
        assertTrue(regions.free(4, 70));
        assertTrue(regions.free(74, 1));
        assertTrue(regions.isUsed(0));
        assertFalse(regions.isUsed(4));
        assertFalse(regions.isUsed(200));
        assertEquals(1, regions.stats().liveBlocks());
    }

    @Test
    void theWalkReportsEachAllocationOnItsOwn() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(0, 100);
        regions.alloc(2, 1);
        regions.alloc(3, 1);
        regions.allocAt(5, 64);
        List<String> runs = new ArrayList<>();
        regions.forEachRun((start, size, used) -> runs.add(start + "+" + size + (used ? "u" : "f")));
        assertEquals(List.of("0+2u", "2+3u", "5+64u", "69+31f"), runs);
    }

    @Test
    void resizeGrowsOnlyInsideTheRange() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(0, 8);
        regions.alloc(2, 1);
        assertTrue(regions.resize(0, 2, 8));
        assertFalse(regions.resize(0, 8, 9));
        assertTrue(regions.resize(0, 8, 3));
        assertEquals(3, regions.used());
    }

    @Test
    void resetFreesEveryRun() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(0, 300);
        for (int i = 0; i < 20; i++) {
            regions.alloc(1 + i, 4);
        }
        regions.reset();
        List<String> runs = new ArrayList<>();
        regions.forEachRun((start, size, used) -> runs.add(start + "+" + size + used));
        assertEquals(List.of("0+300false"), runs);
        assertEquals(0, regions.used());
    }

    @Test
    void resetOfAFullRangeClearsItWholeAndAgreesWithRunByRun() {
        BitmapRegions whole = new BitmapRegions();
        BitmapRegions byRuns = new BitmapRegions();
        for (BitmapRegions regions : new BitmapRegions[] {whole, byRuns}) {
            regions.add(0, 64 * 64);
            regions.add(10_000, 100_000);
        }
        for (int i = 0; i < 64 * 64; i++) {
            whole.alloc(1, 1); // thousands of single-unit allocations: cheaper to clear the range whole
        }
        byRuns.alloc(5, 1);
        byRuns.allocAt(50_000, 3);
        whole.allocAt(50_000, 3);
        whole.reset();
        byRuns.reset();
        for (BitmapRegions regions : new BitmapRegions[] {whole, byRuns}) {
            List<String> runs = new ArrayList<>();
            regions.forEachRun((start, size, used) -> runs.add(start + "+" + size + (used ? "u" : "f")));
            assertEquals(List.of("0+4096f", "10000+100000f"), runs);
            assertEquals(0, regions.used());
            assertEquals(0, regions.stats().liveBlocks());
            assertEquals(0, regions.alloc(4096, 1));
            assertEquals(10_000, regions.alloc(1, 1));
        }
    }
}
