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
        assertEquals(104, regions.firstUsed(100, 10) + 2);
        assertEquals(3, regions.used());
    }

    @Test
    void freeRequiresEveryUnitUsed() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(0, 64);
        regions.alloc(4, 1);
        assertFalse(regions.free(2, 3));
        assertEquals(4, regions.used());
        assertTrue(regions.free(1, 2));
        assertTrue(regions.isUsed(0));
        assertFalse(regions.isUsed(1));
        assertFalse(regions.isUsed(64));
        assertTrue(regions.isUsed(3, 1));
        assertFalse(regions.free(100, 1));
    }

    @Test
    void liveBlocksStayBetweenUsedRunsAndUsedUnits() {
        BitmapRegions regions = new BitmapRegions();
        regions.add(0, 64);
        regions.alloc(10, 1);
        for (long unit = 0; unit < 5; unit++) {
            regions.free(unit, 1);
        }
        assertEquals(1, regions.stats().liveBlocks());
        regions.free(5, 5);
        assertEquals(0, regions.stats().liveBlocks());
        regions.alloc(1, 1);
        assertEquals(1, regions.stats().liveBlocks());
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
}
