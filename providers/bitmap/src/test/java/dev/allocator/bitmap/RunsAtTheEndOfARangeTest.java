package dev.allocator.bitmap;

import static dev.allocator.bitmap.Snapshot.assertRejectedUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import org.junit.jupiter.api.Test;

/** A run may reach the last unit of its range, and not one unit further: growing, taking at, and freeing there. */
class RunsAtTheEndOfARangeTest {
    private static final long PAGE = 4096;

    @Test
    void aRunGrowsExactlyToTheEndOfItsRangeAndNotPast() {
        BitmapPageAllocator pages = new BitmapPageAllocator();
        pages.init(0, 16 * PAGE);
        pages.addMemory(16 * PAGE, 16 * PAGE); // adjacent: a run still never crosses into it
        long run = pages.allocPages(2, PAGE);
        assertFalse(pages.tryResize(run, 2, 17), "one page into the next region");
        assertTrue(pages.tryResize(run, 2, 16));
        assertEquals(16, pages.usedPages());
        pages.deallocPages(run, 16);
        assertEquals(0, pages.usedPages());

        BitmapIdAllocator ids = new BitmapIdAllocator();
        ids.init(100, 10);
        long first = ids.allocId(3, 1);
        assertFalse(ids.tryResize(first, 3, 11));
        assertTrue(ids.tryResize(first, 3, 10));
        assertEquals(10, ids.used());
    }

    @Test
    void aRunIsTakenAtTheLastPagesOfARegionButNotOnePageLater() {
        BitmapPageAllocator pages = new BitmapPageAllocator();
        pages.init(0, 16 * PAGE);
        assertRejectedUnchanged(pages, AllocError.INVALID_PARAM, "does not lie inside one region",
                () -> pages.allocPagesAt(13 * PAGE, 4, PAGE));
        assertEquals(12 * PAGE, pages.allocPagesAt(12 * PAGE, 4, PAGE));
        assertEquals(4, pages.usedPages());
    }

    @Test
    void aRunEndingAtTheEndOfItsRangeIsFreedWhateverTheNextRangeHolds() {
        BitmapIdAllocator ids = new BitmapIdAllocator();
        ids.init(0, 64);
        ids.addMemory(64, 64);
        ids.allocFixedId(64); // the unit right after the first range is used, by another allocation
        for (long id = 0; id < 60; id += 4) {
            ids.allocId(4, 1);
        }
        assertEquals(60, ids.allocId(4, 1)); // [60, 64): the end of the first range
        assertRejectedUnchanged(ids, AllocError.NOT_ALLOCATED, "[60, 65)", () -> ids.deallocId(60, 5));
        assertRejectedUnchanged(ids, AllocError.NOT_ALLOCATED, "[60, 63)", () -> ids.deallocId(60, 3));
        ids.deallocId(60, 4);
        assertTrue(ids.isAllocated(64), "the next range's allocation stays");
        assertEquals(61, ids.used());
    }
}
