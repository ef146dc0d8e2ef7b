package dev.allocator.bitmap;

import static dev.allocator.bitmap.Snapshot.assertRejectedUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocatorStats;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitmapIdAllocatorTest {
    private static BitmapIdAllocator allocator(long start, long size) {
        BitmapIdAllocator allocator = new BitmapIdAllocator();
        allocator.init(start, size);
        return allocator;
    }

    @Test
    void idsComeLowestFirstFromTheInitRange() {
        BitmapIdAllocator allocator = allocator(3, 10);
        assertEquals(10, allocator.size());
        assertEquals(3, allocator.allocId(1, 1));
        assertEquals(4, allocator.allocId(1, 1));
        assertEquals(5, allocator.allocId(1, 1));
        allocator.deallocId(4, 1);
        assertEquals(4, allocator.allocId(1, 1));
        assertEquals(3, allocator.used());
        assertEquals(7, allocator.available());
    }

    @Test
    void alignmentIsOfTheIdValue() {
        BitmapIdAllocator allocator = allocator(3, 100);
        assertEquals(8, allocator.allocId(4, 8));
        assertEquals(3, allocator.allocId(5, 1));
        assertEquals(12, allocator.allocId(2, 2));
        assertEquals(64, allocator.allocId(1, 64));
    }

    @Test
    void allocFixedIdTakesThatIdOrSaysWhyNot() {
        BitmapIdAllocator allocator = allocator(0, 16);
        allocator.allocFixedId(5);
        assertTrue(allocator.isAllocated(5));
        assertFalse(allocator.isAllocated(4));
        assertFalse(allocator.isAllocated(-1));
        assertFalse(allocator.isAllocated(16));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "ID 5", () -> allocator.allocFixedId(5));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID 16", () -> allocator.allocFixedId(16));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID -3", () -> allocator.allocFixedId(-3));
        assertEquals(0, allocator.allocId(5, 1));
        assertEquals(6, allocator.allocId(1, 1));
    }

    @Test
    void freeingAnIdNotAllocatedIsNotAllocatedAndFreesNothing() {
        BitmapIdAllocator allocator = allocator(0, 16);
        allocator.allocId(3, 1);
        allocator.allocFixedId(3);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[0, 4)", () -> allocator.deallocId(0, 4));
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[7, 8)", () -> allocator.deallocId(7, 1));
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[1, 2)", () -> allocator.deallocId(1, 1));
        allocator.deallocId(3, 1);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[3, 4)", () -> allocator.deallocId(3, 1));
        allocator.deallocId(0, 3);
        assertEquals(0, allocator.used());
    }

    @Test
    void badArgumentsAreInvalidParamAndChangeNothing() {
        BitmapIdAllocator allocator = allocator(0, 16);
        allocator.allocId(2, 1);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID count 0", () -> allocator.allocId(0, 1));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "alignment 3", () -> allocator.allocId(1, 3));
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[15, 17)", () -> allocator.deallocId(15, 2));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID count -1",
                () -> allocator.deallocId(0, -1));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID -1", () -> allocator.deallocId(-1, 1));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "Long.MAX_VALUE",
                () -> allocator.deallocId(Long.MAX_VALUE, 2));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "alignment 6",
                () -> allocator.usableSize(1, 6));
        assertEquals(7, allocator.usableSize(7, 8));
    }

    @Test
    void exhaustionAndAllocBeforeInitAreNoMemory() {
        BitmapIdAllocator fresh = new BitmapIdAllocator();
        assertRejectedUnchanged(fresh, AllocError.NO_MEMORY, "not initialised", () -> fresh.allocId(1, 1));
        BitmapIdAllocator allocator = allocator(0, 8);
        allocator.allocFixedId(4);
        allocator.allocFixedId(0);
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "6 IDs available, largest free run 3 IDs",
                () -> allocator.allocId(5, 1));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "aligned to 4", () -> allocator.allocId(2, 4));
    }

    @Test
    void initTwiceIsMemoryOverlapAndAddMemoryAddsMoreIds() {
        BitmapIdAllocator allocator = allocator(0, 4);
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "already initialised",
                () -> allocator.init(100, 4));
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "[0, 4)", () -> allocator.addMemory(3, 4));
        allocator.addMemory(1000, 4);
        assertEquals(8, allocator.size());
        assertEquals(0, allocator.allocId(4, 1));
        assertEquals(1000, allocator.allocId(1, 1));
        allocator.deallocId(1000, 1);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[3, 5)", () -> allocator.deallocId(3, 2));
    }

    @Test
    void statsAndForEachBlockReportRunsOfIds() {
        BitmapIdAllocator allocator = allocator(10, 10);
        allocator.allocId(3, 1);
        allocator.allocFixedId(15);
        List<String> runs = new ArrayList<>();
        allocator.forEachBlock((start, size, used) -> runs.add(start + "+" + size + (used ? "u" : "f")));
        assertEquals(List.of("10+3u", "13+2f", "15+1u", "16+4f"), runs);
        assertEquals(new AllocatorStats(10, 4, 6, 2, 2, 4), allocator.stats());
    }

    @Test
    void resetAndTryResizeWorkOnIdRuns() {
        BitmapIdAllocator allocator = allocator(0, 32);
        String initial = Snapshot.of(allocator);
        long first = allocator.allocId(4, 1);
        allocator.allocFixedId(10);
        assertTrue(allocator.tryResize(first, 4, 10));
        assertFalse(allocator.tryResize(first, 10, 11));
        assertTrue(allocator.tryResize(first, 10, 2));
        assertEquals(3, allocator.used());
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "[0, 3)",
                () -> allocator.tryResize(first, 3, 4));
        assertFalse(allocator.tryResize(10, 1, 30));
        allocator.reset();
        assertEquals(initial, Snapshot.of(allocator));
    }

    @Test
    void initAfterAddMemoryIsMemoryOverlapAndChangesNothing() {
        BitmapIdAllocator allocator = new BitmapIdAllocator();
        allocator.addMemory(50, 10);
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "already initialised",
                () -> allocator.init(0, 10));
        assertEquals(50, allocator.allocId(1, 1));
    }

    @Test
    void tryResizeOfANegativeIdOrABadCountIsInvalidParamAndChangesNothing() {
        BitmapIdAllocator allocator = allocator(0, 32);
        long first = allocator.allocId(4, 1);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID -4 is negative",
                () -> allocator.tryResize(-4, 4, 5));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID count -4",
                () -> allocator.tryResize(first, -4, 5));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "ID count 0",
                () -> allocator.tryResize(first, 0, 5));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "new ID count -5",
                () -> allocator.tryResize(first, 4, -5));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "Long.MAX_VALUE",
                () -> allocator.tryResize(Long.MAX_VALUE - 1, 4, 5));
        assertTrue(allocator.tryResize(first, 4, 5), "the range is still there, unchanged");
    }

    @Test
    void aVisitorThatChangesTheAllocatorDuringTheWalkGetsConcurrentModification() {
        BitmapIdAllocator allocator = allocator(0, 100);
        allocator.allocId(10, 1);
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.allocId(1, 1)));
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.allocFixedId(99)));
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.deallocId(10, 1)));
        assertThrows(NullPointerException.class, () -> allocator.forEachBlock(null));
        assertEquals(10 + 2 - 1, allocator.used(), "the visitors' two allocations and one free stand");
    }

    @Test
    void singleIdsAgreeWithALowestClearBitModel() {
        long seed = 0x1D_0018L;
        SplittableRandom random = new SplittableRandom(seed);
        int size = 5000;
        BitmapIdAllocator allocator = allocator(7, size);
        BitSet model = new BitSet(size);
        for (int step = 0; step < 20_000; step++) {
            int choice = random.nextInt(10);
            if (choice < 5) {
                int lowest = model.nextClearBit(0);
                if (lowest >= size) {
                    assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "no free run of 1 IDs",
                            () -> allocator.allocId(1, 1));
                    continue;
                }
                assertEquals(7 + lowest, allocator.allocId(1, 1), "seed " + seed + " step " + step);
                model.set(lowest);
            } else if (choice < 9 && !model.isEmpty()) {
                int victim = model.nextSetBit(random.nextInt(size));
                victim = victim < 0 ? model.nextSetBit(0) : victim;
                allocator.deallocId(7 + victim, 1);
                model.clear(victim);
            } else {
                long count = 1 + random.nextInt(40);
                long align = 1L << random.nextInt(4);
                long expected = lowestFit(model, size, 7, count, align);
                if (expected < 0) {
                    continue;
                }
                assertEquals(expected, allocator.allocId(count, align), "seed " + seed + " step " + step);
                allocator.deallocId(expected, count);
            }
            assertEquals(model.cardinality(), allocator.used());
        }
    }

    private static long lowestFit(BitSet used, int size, long first, long count, long align) {
        for (int offset = 0; offset + count <= size; offset++) {
            if ((first + offset) % align == 0) {
                int next = used.nextSetBit(offset);
                if (next < 0 || next >= offset + count) {
                    return first + offset;
                }
            }
        }
        return -1;
    }
}
