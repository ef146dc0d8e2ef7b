package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceModelTest {
    private final ReferenceModel pages = new ReferenceModel(4096);

    @Test
    void regionsCountUnitsAndStaySeparate() {
        pages.addRegion(0, 4096 * 4);
        pages.addRegion(4096 * 4, 4096 * 2);
        pages.addRegion(4096 * 10, 0);
        assertEquals(6, pages.regionUnits());
        assertEquals(2, pages.regions().size());
        assertTrue(pages.insideOneRegion(0, 4096 * 4));
        assertFalse(pages.insideOneRegion(4096 * 3, 4096 * 5));
        assertTrue(pages.coveredByRegions(4096 * 3, 4096 * 5));
        assertFalse(pages.coveredByRegions(4096 * 5, 4096 * 7));
        assertEquals(4096 * 4, pages.regionStartOf(4096 * 5));
        assertEquals(-1, pages.regionStartOf(4096 * 6));
        assertTrue(pages.overlapsRegion(4096 * 5, 4096 * 3));
        assertFalse(pages.overlapsRegion(4096 * 6, 4096));
    }

    @Test
    void blocksAreFoundByAddressAndByOverlap() {
        pages.addRegion(0, 4096 * 16);
        ReferenceModel.Block block = new ReferenceModel.Block(4096 * 2, 3, 4096, 3);
        pages.add(block);
        assertEquals(3, pages.usedUnits());
        assertSame(block, pages.liveAt(4096 * 2));
        assertNull(pages.liveAt(4096 * 3));
        assertSame(block, pages.overlapping(4096 * 4, 4096 * 6, null));
        assertNull(pages.overlapping(4096 * 5, 4096 * 6, null));
        assertNull(pages.overlapping(0, 4096 * 2, null));
        assertNull(pages.overlapping(4096 * 2, 4096 * 5, block));
        assertTrue(pages.allAllocated(4096 * 2, 4096 * 5));
        assertFalse(pages.allAllocated(4096 * 2, 4096 * 6));
        pages.resize(block, 5, 5);
        assertEquals(5, pages.usedUnits());
        pages.remove(block);
        assertEquals(0, pages.usedUnits());
        assertEquals(0, pages.liveCount());
    }

    @Test
    void lowestFitSkipsTakenAndMisalignedRanges() {
        ReferenceModel ids = new ReferenceModel(1);
        ids.addRegion(3, 20);
        ids.add(new ReferenceModel.Block(4, 1, 1, 1));
        assertEquals(3, ids.lowestFit(1, 1));
        assertEquals(5, ids.lowestFit(2, 1));
        assertEquals(8, ids.lowestFit(4, 8));
        assertEquals(16, ids.lowestFit(7, 16));
        assertEquals(-1, ids.lowestFit(8, 16));
        assertEquals(-1, ids.lowestFit(19, 1));
    }

    @Test
    void lowestFitDoesNotOverflowNearLongMaxValue() {
        ReferenceModel ids = new ReferenceModel(1);
        ids.addRegion(Long.MAX_VALUE - 10, 10);
        assertEquals(-1, ids.lowestFit(1, 1L << 62));
        assertEquals(Long.MAX_VALUE - 10, ids.lowestFit(10, 1));
    }
}
