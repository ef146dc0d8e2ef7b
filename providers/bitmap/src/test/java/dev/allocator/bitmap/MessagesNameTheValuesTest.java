package dev.allocator.bitmap;

import static dev.allocator.bitmap.Snapshot.assertRejectedUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.allocator.api.AllocError;
import org.junit.jupiter.api.Test;

/** Rejections say which values are wrong, with the figures they were judged by; toString shows the counts. */
class MessagesNameTheValuesTest {
    private static final long PAGE = 4096;

    @Test
    void aRegionOverTheCapacityIsNamedWithItsEndAndTheTotalItWouldBring() {
        BitmapPageAllocator allocator = new BitmapPageAllocator(PAGE, 20 * PAGE);
        allocator.init(0, 16 * PAGE);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM,
                "region [131072, 163840) of 8 pages would bring the total to 24 pages, over the capacity of 20 pages",
                () -> allocator.addMemory(32 * PAGE, 8 * PAGE));
    }

    @Test
    void aBusyRunAtABaseNamesItsFirstAllocatedPageInARegionAwayFromZero() {
        BitmapPageAllocator allocator = new BitmapPageAllocator();
        allocator.init(64 * PAGE, 32 * PAGE);
        allocator.allocPagesAt(70 * PAGE, 2, PAGE);
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "the page at " + 70 * PAGE + " is allocated",
                () -> allocator.allocPagesAt(66 * PAGE, 8, PAGE));
    }

    @Test
    void aNegativeOrOverflowingBaseIsInvalidParamNamingIt() {
        BitmapPageAllocator allocator = new BitmapPageAllocator();
        allocator.init(0, 16 * PAGE);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "base address -4096 is negative",
                () -> allocator.allocPagesAt(-PAGE, 1, PAGE));
        long lastPage = Long.MAX_VALUE & -PAGE;
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "from base address " + lastPage
                + " ends past Long.MAX_VALUE", () -> allocator.allocPagesAt(lastPage, 2, PAGE));
    }

    @Test
    void toStringShowsTheSizesAndWhatIsUsed() {
        BitmapPageAllocator pages = new BitmapPageAllocator();
        pages.init(0, 16 * PAGE);
        pages.allocPages(2, PAGE);
        assertEquals("BitmapPageAllocator[pageSize=4096, totalPages=16, usedPages=2]", pages.toString());
        BitmapIdAllocator ids = new BitmapIdAllocator();
        ids.init(10, 100);
        ids.allocId(3, 1);
        assertEquals("BitmapIdAllocator[size=100, used=3]", ids.toString());
    }
}
