package dev.allocator.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import org.junit.jupiter.api.Test;

class RegionsTest {
    private static void assertKind(AllocError kind, String mentioned, Runnable call) {
        AllocException e = assertThrows(AllocException.class, call::run);
        assertEquals(kind, e.error());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void regionsAreKeptInAddressOrder() {
        Regions regions = new Regions();
        regions.add(1000, 100);
        regions.add(0, 100);
        regions.add(500, 100);
        regions.add(100, 0);
        assertEquals(3, regions.count());
        assertEquals(0, regions.start(0));
        assertEquals(600, regions.end(1));
        assertEquals(1000, regions.start(2));
        assertEquals(300, regions.totalSize());
    }

    @Test
    void regionsInsertedBeforeOthersMoveThemWithTheirEnds() {
        Regions regions = new Regions();
        for (int i = 9; i >= 0; i--) { // each insert shifts every region above it, past the first growth too
            regions.add(i * 1000L, 100 + i);
        }
        assertEquals(10, regions.count());
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 1000L, regions.start(i), "start of region " + i);
            assertEquals(i * 1000L + 100 + i, regions.end(i), "end of region " + i);
            assertEquals(i, regions.indexOf(i * 1000L + 99 + i), "last address of region " + i);
        }
        assertEquals(10 * 100 + 45, regions.totalSize());
    }

    @Test
    void addReturnsTheIndexInAddressOrderOrMinusOneForSizeZero() {
        Regions regions = new Regions();
        assertEquals(0, regions.add(100, 100));
        assertEquals(0, regions.add(0, 100), "a region ending where the next begins is accepted");
        assertEquals(2, regions.add(200, 50), "a region beginning where the last ends is accepted");
        assertEquals(-1, regions.add(300, 0));
        assertEquals(3, regions.count());
        assertEquals(0, regions.indexOf(0));
        assertTrue(regions.containsRange(0, 100));
        assertFalse(regions.containsRange(0, 101));
    }

    @Test
    void adjacentRegionsAreAcceptedAndStaySeparate() {
        Regions regions = new Regions();
        regions.add(0, 100);
        regions.add(100, 100);
        assertEquals(2, regions.count());
        assertFalse(regions.containsRange(50, 100));
        assertTrue(regions.containsRange(100, 100));
    }

    @Test
    void overlapIsMemoryOverlapNamingBothAndChangesNothing() {
        Regions regions = new Regions();
        regions.add(100, 100);
        assertKind(AllocError.MEMORY_OVERLAP, "[100, 200)", () -> regions.add(150, 10));
        assertKind(AllocError.MEMORY_OVERLAP, "[50, 101)", () -> regions.add(50, 51));
        assertKind(AllocError.MEMORY_OVERLAP, "[0, 1000)", () -> regions.add(0, 1000));
        assertEquals(1, regions.count());
        assertEquals(100, regions.totalSize());
    }

    @Test
    void badRangesAreInvalidParam() {
        Regions regions = new Regions();
        assertKind(AllocError.INVALID_PARAM, "-1", () -> regions.add(-1, 10));
        assertKind(AllocError.INVALID_PARAM, "-10", () -> regions.add(0, -10));
        assertKind(AllocError.INVALID_PARAM, "Long.MAX_VALUE", () -> regions.add(Long.MAX_VALUE - 5, 6));
        regions.add(Long.MAX_VALUE - 5, 5);
        assertEquals(Long.MAX_VALUE, regions.end(0));
        assertEquals(0, regions.indexOf(Long.MAX_VALUE - 1));
        assertEquals(-1, regions.indexOf(Long.MAX_VALUE));
    }

    @Test
    void indexOfFindsTheHoldingRegion() {
        Regions regions = new Regions();
        for (int i = 0; i < 10; i++) {
            regions.add(i * 1000L, 500);
        }
        assertEquals(3, regions.indexOf(3000));
        assertEquals(3, regions.indexOf(3499));
        assertEquals(-1, regions.indexOf(3500));
        assertEquals(-1, regions.indexOf(-1));
        regions.clear();
        assertEquals(0, regions.count());
        assertEquals(-1, regions.indexOf(0));
    }
}
