package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The metadata figure counts what each region's bitmaps hold: at least a used bit and a start bit per page. */
class MetadataBytesTest {
    private static final long PAGE = 4096;

    private static long metadataOf(long... regionPages) {
        BitmapPageAllocator allocator = new BitmapPageAllocator();
        long start = 0;
        for (long pages : regionPages) {
            allocator.addMemory(start, pages * PAGE);
            start += 2 * pages * PAGE; // apart
        }
        return allocator.metadataBytes();
    }

    @Test
    void eachRegionCostsAtLeastTwoBitsPerPage() {
        long pages = 1 << 16;
        long bytes = metadataOf(pages);
        assertTrue(bytes >= 2 * pages / 8, "a used bit and a start bit per page: " + bytes + " bytes");
        assertTrue(bytes < pages, "and less than a byte per page: " + bytes + " bytes");
    }

    @Test
    void aRegionCostsWhatItsUsedBitsAndItsStartBitsHold() {
        int pages = 1 << 16;
        assertEquals(new SummaryBitmap(pages).metadataBytes() + new StartBits(pages).metadataBytes(),
                metadataOf(pages));
    }

    @Test
    void theFigureIsTheSumOverTheRegions() {
        assertEquals(0, new BitmapPageAllocator().metadataBytes());
        assertEquals(metadataOf(4096) + metadataOf(640), metadataOf(4096, 640));
        assertTrue(metadataOf(4096, 640) > metadataOf(4096));
    }
}
