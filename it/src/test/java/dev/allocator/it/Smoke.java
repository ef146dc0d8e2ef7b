package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;

/** One round trip through an allocator of any kind: init, allocate, check the counters, free. */
final class Smoke {
    private Smoke() {
    }

    static void roundTrip(BaseAllocator allocator) {
        if (allocator instanceof ByteAllocator) {
            roundTrip((ByteAllocator) allocator);
        } else if (allocator instanceof PageAllocator) {
            roundTrip((PageAllocator) allocator);
        } else if (allocator instanceof IdAllocator) {
            roundTrip((IdAllocator) allocator);
        } else {
            throw new AssertionError("not an allocator of a known kind: " + allocator.getClass());
        }
    }

    static void roundTrip(ByteAllocator heap) {
        heap.init(0, 1L << 20);
        assertEquals(1L << 20, heap.totalBytes(), "total after init(0, 1 MiB)");
        long small = heap.alloc(24, 8);
        long page = heap.alloc(4096, 4096);
        assertTrue(small % 8 == 0 && page % 4096 == 0, "aligned addresses: " + small + ", " + page);
        assertTrue(small + 24 <= page || page + 4096 <= small, "disjoint blocks: " + small + ", " + page);
        assertEquals(heap.usableSize(24, 8) + heap.usableSize(4096, 4096), heap.usedBytes(), "used bytes");
        assertEquals(heap.totalBytes(), heap.usedBytes() + heap.availableBytes(), "used + available == total");
        heap.dealloc(page, 4096, 4096);
        heap.dealloc(small, 24, 8);
        assertEquals(0, heap.usedBytes(), "used after freeing everything");
    }

    static void roundTrip(PageAllocator pages) {
        long pageSize = pages.pageSize();
        pages.init(0, 64 * pageSize);
        assertEquals(64, pages.totalPages(), "total pages after init of 64 pages");
        long run = pages.allocPages(4, pageSize);
        assertTrue(run % pageSize == 0, "page-aligned run: " + run);
        assertEquals(pages.usableSize(4, pageSize), pages.usedPages(), "used pages");
        pages.deallocPages(run, 4);
        assertEquals(0, pages.usedPages(), "used pages after freeing");
    }

    static void roundTrip(IdAllocator ids) {
        ids.init(0, 1024);
        assertEquals(1024, ids.size(), "IDs after init(0, 1024)");
        long first = ids.allocId(8, 8);
        assertTrue(first % 8 == 0 && ids.isAllocated(first) && ids.isAllocated(first + 7), "range from " + first);
        ids.deallocId(first, 8);
        assertFalse(ids.isAllocated(first), "freed ID " + first);
        assertEquals(0, ids.used(), "used IDs after freeing");
    }
}
