package dev.allocator.tlsf;

import static dev.allocator.api.AllocError.INVALID_PARAM;
import static dev.allocator.api.AllocError.MEMORY_OVERLAP;
import static dev.allocator.api.AllocError.NOT_ALLOCATED;
import static dev.allocator.api.AllocError.NO_MEMORY;
import static dev.allocator.tlsf.Heap.assertRejectedUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.allocator.api.ByteAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the error table: the right kind, a message naming the value, and nothing changed. */
class TlsfErrorsTest {
    private TlsfByteAllocator allocator;
    private long small;
    private long aligned;
    private long gapStart;

    /** A heap with used blocks, a free alignment gap and a free tail, so "unchanged" means something. */
    @BeforeEach
    void heapWithBlocksAndHoles() {
        allocator = new TlsfByteAllocator();
        allocator.init(4096, 64 * 1024);
        allocator.addMemory(1L << 32, 4096);
        small = allocator.alloc(100, 8);
        aligned = allocator.alloc(300, 1024);
        gapStart = small + 112;
        allocator.alloc(50, 1);
    }

    @Test
    void negativeSizeIsInvalid() {
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-1", () -> allocator.alloc(-1, 8));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-5", () -> allocator.tryAlloc(-5, 8));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-7", () -> allocator.usableSize(-7, 8));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-3", () -> allocator.dealloc(small, -3, 8));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-9", () -> allocator.tryResize(small, 100, -9, 8));
    }

    @Test
    void alignmentThatIsNotAPowerOfTwoIsInvalid() {
        for (long align : new long[] {0, 3, 24, -8, Long.MIN_VALUE}) {
            assertRejectedUnchanged(allocator, INVALID_PARAM, "alignment " + align, () -> allocator.alloc(8, align));
            assertRejectedUnchanged(allocator, INVALID_PARAM, "alignment " + align,
                    () -> allocator.tryAlloc(8, align));
            assertRejectedUnchanged(allocator, INVALID_PARAM, "alignment " + align,
                    () -> allocator.dealloc(small, 100, align));
        }
    }

    @Test
    void sizeAndAlignmentOverflowingALongAreInvalid() {
        assertRejectedUnchanged(allocator, INVALID_PARAM, "overflows", () -> allocator.alloc(Long.MAX_VALUE, 2));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "overflows",
                () -> allocator.alloc(Long.MAX_VALUE - 3, 1));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "overflows",
                () -> allocator.usableSize(Long.MAX_VALUE - 100, 1L << 62));
    }

    @Test
    void aRequestLargerThanAnyFreeBlockIsNoMemoryAndSaysWhatIsLeft() {
        long available = allocator.availableBytes();
        var e = assertRejectedUnchanged(allocator, NO_MEMORY, "no memory for 1000000 bytes aligned to 64: "
                + available + " bytes available, largest free block ", () -> allocator.alloc(1_000_000, 64));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(1_000_000, 64));
        assertEquals(NO_MEMORY, e.error());
        assertRejectedUnchanged(allocator, NO_MEMORY, "largest free block", () -> allocator.alloc(1000, 1L << 20));
    }

    @Test
    void tryAllocOnExhaustionReturnsNoBlockAndChangesNothing() {
        Heap.Snapshot before = Heap.snapshot(allocator);
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(1L << 40, 8));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(Long.MAX_VALUE - (1L << 40), 1L << 39));
        assertEquals(before, Heap.snapshot(allocator));
    }

    @Test
    void allocBeforeInitIsNoMemory() {
        TlsfByteAllocator empty = new TlsfByteAllocator();
        assertRejectedUnchanged(empty, NO_MEMORY, "no region", () -> empty.alloc(16, 16));
        assertEquals(ByteAllocator.NO_BLOCK, empty.tryAlloc(16, 16));
        assertRejectedUnchanged(empty, NOT_ALLOCATED, "16", () -> empty.dealloc(16, 16, 16));
    }

    @Test
    void initTwiceIsMemoryOverlap() {
        assertRejectedUnchanged(allocator, MEMORY_OVERLAP, "already initialised", () -> allocator.init(1L << 40, 64));
        TlsfByteAllocator fresh = new TlsfByteAllocator();
        fresh.addMemory(0, 4096);
        assertRejectedUnchanged(fresh, MEMORY_OVERLAP, "already initialised", () -> fresh.init(8192, 64));
    }

    @Test
    void overlappingRegionsAreMemoryOverlap() {
        assertRejectedUnchanged(allocator, MEMORY_OVERLAP, "overlaps", () -> allocator.addMemory(5000, 10));
        assertRejectedUnchanged(allocator, MEMORY_OVERLAP, "overlaps",
                () -> allocator.addMemory((1L << 32) - 16, 32));
    }

    @Test
    void badRangesAreInvalid() {
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-4", () -> allocator.addMemory(-4, 10));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "-10", () -> allocator.addMemory(1L << 40, -10));
        assertRejectedUnchanged(allocator, INVALID_PARAM, "Long.MAX_VALUE",
                () -> allocator.addMemory(Long.MAX_VALUE - 10, 11));
        TlsfByteAllocator fresh = new TlsfByteAllocator();
        assertRejectedUnchanged(fresh, INVALID_PARAM, "-1", () -> fresh.init(-1, 10));
    }

    @Test
    void doubleFreeIsRejectedAndChangesNothing() {
        allocator.dealloc(small, 100, 8);
        assertRejectedUnchanged(allocator, NOT_ALLOCATED, "double free", () -> allocator.dealloc(small, 100, 8));
    }

    @Test
    void freeingTheAlignmentGapIsRejected() {
        assertRejectedUnchanged(allocator, NOT_ALLOCATED, Long.toString(gapStart),
                () -> allocator.dealloc(gapStart, aligned - gapStart, 1));
    }

    @Test
    void foreignAddressesAreNotAllocated() {
        for (long address : new long[] {small + 16, 1L << 33, -16, 0, 90_000, (1L << 32) + 4096}) {
            assertRejectedUnchanged(allocator, NOT_ALLOCATED, Long.toString(address),
                    () -> allocator.dealloc(address, 16, 1));
            assertRejectedUnchanged(allocator, NOT_ALLOCATED, Long.toString(address),
                    () -> allocator.tryResize(address, 16, 32, 1));
        }
    }

    @Test
    void aSizeThatDoesNotMatchTheBlockIsNotAllocated() {
        assertRejectedUnchanged(allocator, NOT_ALLOCATED, "holds 112 bytes, but size 200 rounds to 208",
                () -> allocator.dealloc(small, 200, 8));
        assertRejectedUnchanged(allocator, NOT_ALLOCATED, "size 10", () -> allocator.dealloc(small, 10, 8));
        assertRejectedUnchanged(allocator, NOT_ALLOCATED, "size 10", () -> allocator.tryResize(small, 10, 20, 8));
        allocator.dealloc(small, 97, 8);
    }

    @Test
    void anAlignmentTheBlockDoesNotHaveIsNotAllocated() {
        assertRejectedUnchanged(allocator, NOT_ALLOCATED, "not aligned to 2048",
                () -> allocator.dealloc(aligned, 300, 2048));
    }
}
