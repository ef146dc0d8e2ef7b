package dev.allocator.tlsf;

import static dev.allocator.tlsf.Heap.assertFreeRun;
import static dev.allocator.tlsf.Heap.checkInvariants;
import static dev.allocator.tlsf.Heap.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import dev.allocator.tlsf.Heap.Run;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Directed behaviour: splitting, merging, alignment gaps, exhaustion, regions, resizing, reset. */
class TlsfByteAllocatorTest {
    private static final long KIB = 1024;

    private static TlsfByteAllocator allocator(long start, long size) {
        TlsfByteAllocator allocator = new TlsfByteAllocator();
        allocator.init(start, size);
        return allocator;
    }

    @Test
    void aFreshRegionIsOneFreeBlock() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        assertEquals(List.of(new Run(0, 64 * KIB, false)), walk(allocator));
        assertEquals(64 * KIB, allocator.totalBytes());
        assertEquals(0, allocator.usedBytes());
        checkInvariants(allocator);
    }

    @Test
    void allocationSplitsTheBlockAndLeavesTheTailFree() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        long first = allocator.alloc(100, 8);
        long second = allocator.alloc(1000, 8);
        assertEquals(0, first, "address 0 is a valid address");
        assertEquals(112, second, "100 bytes round to 112, the next block follows");
        assertEquals(List.of(new Run(0, 112, true), new Run(112, 1008, true), new Run(1120, 64 * KIB - 1120, false)),
                walk(allocator));
        assertEquals(112 + 1008, allocator.usedBytes());
        checkInvariants(allocator);
    }

    @Test
    void usedBytesGrowByExactlyTheUsableSize() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        long[][] requests = {{0, 1}, {1, 1}, {16, 16}, {17, 4}, {33, 256}, {4095, 4096}};
        for (long[] request : requests) {
            long before = allocator.usedBytes();
            allocator.alloc(request[0], request[1]);
            assertEquals(allocator.usableSize(request[0], request[1]), allocator.usedBytes() - before,
                    () -> "size " + request[0] + " align " + request[1]);
        }
        assertEquals(16, allocator.usableSize(0, 1));
        assertEquals(16, allocator.usableSize(16, 1));
        assertEquals(32, allocator.usableSize(17, 1));
        assertEquals(4096, allocator.usableSize(4095, 4096));
        checkInvariants(allocator);
    }

    @Test
    void sizeZeroGetsAMinimumBlockWithAnAddressOfItsOwn() {
        TlsfByteAllocator allocator = allocator(0, 1 * KIB);
        long first = allocator.alloc(0, 1);
        long second = allocator.alloc(0, 1);
        assertNotEquals(first, second);
        assertEquals(32, allocator.usedBytes());
        allocator.dealloc(first, 0, 1);
        allocator.dealloc(second, 0, 1);
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void freeingTheMiddleBlockBetweenUsedBlocksLeavesAHole() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long a = allocator.alloc(256, 1);
        long b = allocator.alloc(256, 1);
        long c = allocator.alloc(256, 1);
        allocator.dealloc(b, 256, 1);
        assertEquals(List.of(new Run(a, 256, true), new Run(b, 256, false), new Run(c, 256, true),
                new Run(768, 4 * KIB - 768, false)), walk(allocator));
        assertEquals(b, allocator.alloc(200, 1), "the hole is reused");
        checkInvariants(allocator);
    }

    @Test
    void freeingABlockBetweenTwoFreeBlocksMergesAllThree() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long a = allocator.alloc(256, 1);
        long b = allocator.alloc(256, 1);
        long c = allocator.alloc(256, 1);
        long d = allocator.alloc(256, 1);
        allocator.dealloc(a, 256, 1);
        allocator.dealloc(c, 256, 1);
        assertEquals(2 + 1, allocator.stats().freeRanges(), "a, c and the tail are separate free ranges");
        allocator.dealloc(b, 256, 1);
        assertEquals(List.of(new Run(0, 768, false), new Run(d, 256, true), new Run(1024, 3 * KIB, false)),
                walk(allocator));
        allocator.dealloc(d, 256, 1);
        assertEquals(List.of(new Run(0, 4 * KIB, false)), walk(allocator));
        assertEquals(1, allocator.blockRecords(), "absorbed records are deleted");
        checkInvariants(allocator);
    }

    @Test
    void freeingMergesWithTheFreePredecessorOnly() {
        TlsfByteAllocator allocator = allocator(0, 1 * KIB);
        long a = allocator.alloc(128, 1);
        long b = allocator.alloc(128, 1);
        allocator.alloc(768, 1);
        allocator.dealloc(a, 128, 1);
        allocator.dealloc(b, 128, 1);
        assertEquals(new Run(0, 256, false), walk(allocator).get(0));
        checkInvariants(allocator);
    }

    @Test
    void freeingMergesWithTheFreeSuccessorOnly() {
        TlsfByteAllocator allocator = allocator(0, 1 * KIB);
        allocator.alloc(128, 1);
        long b = allocator.alloc(128, 1);
        allocator.dealloc(b, 128, 1);
        assertEquals(List.of(new Run(0, 128, true), new Run(128, 1 * KIB - 128, false)), walk(allocator));
        checkInvariants(allocator);
    }

    @Test
    void theAlignmentGapStaysFreeAsItsOwnBlock() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        allocator.alloc(16, 1);
        long aligned = allocator.alloc(100, 4 * KIB);
        assertEquals(4 * KIB, aligned);
        assertEquals(List.of(new Run(0, 16, true), new Run(16, 4 * KIB - 16, false), new Run(4 * KIB, 112, true),
                new Run(4 * KIB + 112, 60 * KIB - 112, false)), walk(allocator));
        assertEquals(16 + 112, allocator.usedBytes(), "the gap is not charged to the block");
        long inGap = allocator.alloc(2 * KIB, 1);
        assertTrue(inGap >= 16 && inGap + 2 * KIB <= 4 * KIB, "the gap is handed out later: " + inGap);
        checkInvariants(allocator);
    }

    @Test
    void largeAlignmentsAreHonouredAnywhereInTheAddressSpace() {
        TlsfByteAllocator allocator = allocator((1L << 50) + 48, 8L << 20);
        for (long align = 1; align <= (1 << 20); align <<= 1) {
            long address = allocator.alloc(align + 3, align);
            assertEquals(0, address % align, "align " + align);
        }
        checkInvariants(allocator);
    }

    @Test
    void exhaustionFailsCleanlyAndFreeingRecovers() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        List<Long> blocks = new ArrayList<>();
        long address;
        while ((address = allocator.tryAlloc(1000, 8)) != ByteAllocator.NO_BLOCK) {
            blocks.add(address);
        }
        assertEquals(65, blocks.size(), "64 KiB holds 65 blocks of 1008 bytes");
        assertEquals(64 * KIB - 65 * 1008, allocator.availableBytes());
        long last = blocks.remove(blocks.size() - 1);
        allocator.dealloc(last, 1000, 8);
        assertEquals(last, allocator.alloc(1000, 8), "the freed block is reused");
        blocks.add(last);
        for (long block : blocks) {
            allocator.dealloc(block, 1000, 8);
        }
        assertEquals(0, allocator.alloc(64 * KIB, 1), "everything merged back into one block");
        checkInvariants(allocator);
    }

    @Test
    void theWholeRegionIsAllocatableWhateverItsSize() {
        for (long size : new long[] {16, 48, 1000, 100_000, 123_456_789}) {
            TlsfByteAllocator allocator = allocator(0, size);
            long usable = allocator.totalBytes();
            assertEquals(0, allocator.alloc(usable, 1), "size " + size);
            assertEquals(usable, allocator.usedBytes());
        }
    }

    @Test
    void severalRegionsAreUsedAndNeverMerge() {
        TlsfByteAllocator allocator = allocator(0, 1 * KIB);
        allocator.addMemory(1 * KIB, 1 * KIB);
        allocator.addMemory(1L << 40, 4 * KIB);
        assertEquals(6 * KIB, allocator.totalBytes());
        assertEquals(List.of(new Run(0, KIB, false), new Run(KIB, KIB, false), new Run(1L << 40, 4 * KIB, false)),
                walk(allocator));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(6 * KIB, 1), "no block spans regions");
        long a = allocator.alloc(KIB, 1);
        long b = allocator.alloc(KIB, 1);
        long c = allocator.alloc(4 * KIB, 1);
        assertEquals(1L << 40, c);
        assertEquals(6 * KIB, allocator.usedBytes());
        allocator.dealloc(a, KIB, 1);
        allocator.dealloc(b, KIB, 1);
        assertEquals(3, allocator.stats().freeRanges() + allocator.stats().liveBlocks());
        assertEquals(2, allocator.stats().freeRanges(), "adjacent regions stay apart");
        checkInvariants(allocator, KIB, 2 * KIB, (1L << 40) + 4 * KIB);
    }

    @Test
    void regionsAreTrimmedToTheGranularity() {
        TlsfByteAllocator allocator = allocator(3, 100);
        assertEquals(List.of(new Run(16, 80, false)), walk(allocator));
        allocator.addMemory(200, 10);
        assertEquals(80, allocator.totalBytes(), "a region smaller than a block adds nothing");
        assertEquals(16, allocator.alloc(1, 1));
        checkInvariants(allocator);
    }

    @Test
    void addMemoryBeforeInitIsAllowed() {
        TlsfByteAllocator allocator = new TlsfByteAllocator();
        allocator.addMemory(4096, 4096);
        assertEquals(4096, allocator.alloc(4096, 4096));
    }

    @Test
    void regionsMayEndAtLongMaxValue() {
        TlsfByteAllocator allocator = allocator(Long.MAX_VALUE - 8191, 8191);
        long address = allocator.alloc(4096, 4096);
        assertEquals(Long.MAX_VALUE - 8191, address);
        assertEquals(8192 - 16, allocator.totalBytes(), "the end is trimmed to the granularity");
        allocator.dealloc(address, 4096, 4096);
        checkInvariants(allocator);
    }

    @Test
    void tryResizeGrowsIntoAFreeSuccessor() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long a = allocator.alloc(100, 1);
        assertTrue(allocator.tryResize(a, 100, 1000, 1));
        assertEquals(List.of(new Run(0, 1008, true), new Run(1008, 4 * KIB - 1008, false)), walk(allocator));
        assertEquals(1008, allocator.usedBytes());
        assertTrue(allocator.tryResize(a, 1000, 4 * KIB, 1), "grows over the whole successor");
        assertEquals(List.of(new Run(0, 4 * KIB, true)), walk(allocator));
        checkInvariants(allocator);
    }

    @Test
    void tryResizeRefusesWhenTheSuccessorIsUsedOrTooSmall() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long a = allocator.alloc(100, 1);
        long b = allocator.alloc(100, 1);
        Heap.Snapshot before = Heap.snapshot(allocator);
        assertFalse(allocator.tryResize(a, 100, 200, 1));
        assertFalse(allocator.tryResize(b, 100, 8 * KIB, 1));
        assertEquals(before, Heap.snapshot(allocator));
    }

    @Test
    void tryResizeShrinksBySplittingOffTheTail() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long a = allocator.alloc(1000, 1);
        allocator.alloc(100, 1);
        assertTrue(allocator.tryResize(a, 1000, 10, 1));
        assertEquals(List.of(new Run(0, 16, true), new Run(16, 992, false), new Run(1008, 112, true),
                new Run(1120, 4 * KIB - 1120, false)), walk(allocator));
        assertTrue(allocator.tryResize(a, 10, 16, 1), "same rounded size");
        checkInvariants(allocator);
    }

    @Test
    void shrinkingMergesTheTailWithAFreeSuccessor() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long a = allocator.alloc(1000, 1);
        assertTrue(allocator.tryResize(a, 1000, 100, 1));
        assertEquals(List.of(new Run(0, 112, true), new Run(112, 4 * KIB - 112, false)), walk(allocator));
        allocator.dealloc(a, 100, 1);
        assertEquals(List.of(new Run(0, 4 * KIB, false)), walk(allocator));
        checkInvariants(allocator);
    }

    @Test
    void resetFreesEverythingAndKeepsTheRegions() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        allocator.addMemory(1L << 30, 64 * KIB);
        Heap.Snapshot fresh = Heap.snapshot(allocator);
        for (int i = 0; i < 50; i++) {
            allocator.alloc(100 * i, 1L << (i % 8));
        }
        allocator.reset();
        assertEquals(fresh, Heap.snapshot(allocator));
        assertEquals(2, allocator.blockRecords());
        allocator.alloc(64 * KIB, 1);
        checkInvariants(allocator, 64 * KIB);
    }

    @Test
    void anEmptiedOrResetAllocatorAnswersAsAFreshOne() {
        TlsfByteAllocator fresh = allocator(1L << 20, 4 * KIB);
        fresh.addMemory(0, 4 * KIB);
        fresh.addMemory(1L << 30, 4 * KIB);
        long firstOfFresh = fresh.alloc(64, 1);
        fresh.dealloc(firstOfFresh, 64, 1);

        TlsfByteAllocator used = allocator(1L << 20, 4 * KIB);
        used.addMemory(0, 4 * KIB);
        used.addMemory(1L << 30, 4 * KIB);
        long[] blocks = {used.alloc(4 * KIB, 1), used.alloc(4 * KIB, 1), used.alloc(100, 1)};
        used.dealloc(blocks[0], 4 * KIB, 1);
        used.dealloc(blocks[2], 100, 1);
        used.dealloc(blocks[1], 4 * KIB, 1);
        assertEquals(firstOfFresh, used.alloc(64, 1), "the lists are in a fresh allocator's order again");
        used.reset();
        assertEquals(firstOfFresh, used.alloc(64, 1), "reset restores the same order");
    }

    @Test
    void theBlockTableGrowsFromNothingAndKeepsEveryBlockFindable() {
        TlsfByteAllocator allocator = new TlsfByteAllocator(5, 16, 0);
        allocator.init(0, 1 << 20);
        long[] blocks = new long[5000];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = allocator.alloc(16 + (i % 7) * 16, 16);
        }
        checkInvariants(allocator);
        for (int i = 0; i < blocks.length; i += 2) {
            allocator.dealloc(blocks[i], 16 + (i % 7) * 16, 16);
        }
        for (int i = 1; i < blocks.length; i += 2) {
            allocator.dealloc(blocks[i], 16 + (i % 7) * 16, 16);
        }
        assertEquals(List.of(new Run(0, 1 << 20, false)), walk(allocator));
        assertEquals(1, allocator.blockRecords());
    }

    @Test
    void goodFitTakesTheSmallestSufficientClass() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        long[] blocks = new long[8];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = allocator.alloc(i % 2 == 0 ? 4 * KIB : 64, 1);
        }
        allocator.dealloc(blocks[0], 4 * KIB, 1);
        allocator.dealloc(blocks[4], 4 * KIB, 1);
        allocator.dealloc(blocks[6], 4 * KIB, 1);
        long small = allocator.alloc(64, 1);
        assertTrue(small == blocks[0] || small == blocks[4] || small == blocks[6],
                "a 4 KiB hole serves before the large tail: " + small);
        assertFreeRun(allocator, blocks[7] + 64, 64 * KIB - blocks[7] - 64);
        checkInvariants(allocator);
    }

    @Test
    void optionsChangeGranularityAndClasses() {
        TlsfByteAllocator allocator = new TlsfByteAllocator(2, 64, 16);
        allocator.init(0, 4 * KIB);
        assertEquals(64, allocator.granularity());
        assertEquals(64, allocator.usableSize(1, 1));
        assertEquals(128, allocator.usableSize(65, 1));
        assertEquals(64, allocator.alloc(1, 1) + 64);
        checkInvariants(allocator);
    }

    /** sl-bits 0: one class per power of two, so a class holds blocks that do not fit a request of its range. */
    private static TlsfByteAllocator powerOfTwoClasses(long size) {
        TlsfByteAllocator allocator = new TlsfByteAllocator(0, 16, 16);
        allocator.init(0, size);
        return allocator;
    }

    @Test
    void aRequestNoLargerClassHoldsTakesAFittingBlockOfItsOwnClassPastOneTooSmall() {
        TlsfByteAllocator allocator = powerOfTwoClasses(112);
        long fits = allocator.alloc(48, 16);
        allocator.alloc(16, 16);
        long tooSmall = allocator.alloc(32, 16);
        allocator.alloc(16, 16); // the region is full; the used blocks keep the two holes apart
        allocator.dealloc(fits, 48, 16);
        allocator.dealloc(tooSmall, 32, 16); // class [32, 64) lists the 32-byte hole first, then the 48-byte one
        assertEquals(fits, allocator.alloc(48, 16), "the 48-byte hole, found past the 32-byte one");
        assertEquals(List.of(new Run(0, 48, true), new Run(48, 16, true), new Run(64, 32, false),
                new Run(96, 16, true)), walk(allocator));
        checkInvariants(allocator);
    }

    @Test
    void theCloseFitSearchLooksAtFourBlocksAndThenGivesUp() {
        for (int tooSmallFirst = 3; tooSmallFirst <= 4; tooSmallFirst++) {
            TlsfByteAllocator allocator = powerOfTwoClasses(64 + tooSmallFirst * 48L);
            long fits = allocator.alloc(48, 16);
            allocator.alloc(16, 16);
            long[] tooSmall = new long[tooSmallFirst];
            for (int hole = 0; hole < tooSmallFirst; hole++) {
                tooSmall[hole] = allocator.alloc(32, 16);
                allocator.alloc(16, 16); // the region fills up; used blocks keep the holes apart
            }
            allocator.dealloc(fits, 48, 16);
            for (long hole : tooSmall) {
                allocator.dealloc(hole, 32, 16); // class [32, 64) lists the 32-byte holes first, then the 48-byte one
            }
            long expected = tooSmallFirst < 4 ? fits : ByteAllocator.NO_BLOCK;
            assertEquals(expected, allocator.tryAlloc(48, 16), tooSmallFirst + " blocks too small before the fit");
            checkInvariants(allocator);
        }
    }

    @Test
    void anAlignedRequestNoRoundedUpClassHoldsTakesABlockFromTheClassAboveItsOwn() {
        TlsfByteAllocator allocator = powerOfTwoClasses(256);
        allocator.alloc(16, 16);
        long unaligned = allocator.alloc(32, 16); // at 16: 64-alignment leaves it no room
        allocator.alloc(80, 16);
        long aligned = allocator.alloc(64, 16); // at 128, of the class above 32 bytes
        allocator.alloc(64, 16); // the region is full
        allocator.dealloc(unaligned, 32, 16);
        allocator.dealloc(aligned, 64, 16);
        assertEquals(128, aligned);
        assertEquals(aligned, allocator.alloc(32, 64), "a 32-byte request aligned to 64 searches from 80 bytes up");
        assertFreeRun(allocator, 160, 32);
        checkInvariants(allocator);
    }

    /** Two 64 KiB regions; the second one is filed last, so a fresh allocator serves 64 KiB from it. */
    private static TlsfByteAllocator twoRegions() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        allocator.addMemory(1L << 20, 64 * KIB);
        return allocator;
    }

    @Test
    void anAllocatorEmptiedWithItsRegionsListedOutOfOrderAnswersAsAFreshOne() {
        long firstOfFresh = twoRegions().alloc(64 * KIB, 1);
        assertEquals(1L << 20, firstOfFresh);
        TlsfByteAllocator emptied = twoRegions();
        long small = emptied.alloc(100, 1); // from the second region
        long whole = emptied.alloc(64 * KIB, 1); // the first region, whole
        emptied.dealloc(small, 100, 1); // the second region is whole again, at the head of its list
        emptied.dealloc(whole, 64 * KIB, 1); // the last live block: the first region goes on top, then refiling
        assertEquals(firstOfFresh, emptied.alloc(64 * KIB, 1), "the regions are filed as in a fresh allocator");
    }

    @Test
    void anAllocatorEmptiedByAFreeThatMergesWithItsSuccessorAnswersAsAFreshOne() {
        long firstOfFresh = twoRegions().alloc(64 * KIB, 1);
        TlsfByteAllocator emptied = twoRegions();
        long whole = emptied.alloc(64 * KIB, 1); // the second region, whole
        long first = emptied.alloc(100, 1); // at the start of the first region
        emptied.dealloc(whole, 64 * KIB, 1);
        long other = emptied.alloc(200, 1); // a call in between, so that the last free is not an undo
        emptied.dealloc(other, 200, 1);
        emptied.dealloc(first, 100, 1); // merges with the free rest of its region only
        assertEquals(firstOfFresh, emptied.alloc(64 * KIB, 1), "the regions are filed as in a fresh allocator");
    }

    @Test
    void aFreeJustBeforeAddMemoryIsDoneBeforeTheNewRegionIsFiled() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        long block = allocator.alloc(100, 1);
        allocator.dealloc(block, 100, 1);
        allocator.addMemory(1L << 20, 64 * KIB); // filed last, so first in the list of 64 KiB blocks
        assertEquals(1L << 20, allocator.alloc(100, 1), "as if the free had been done at once");
    }

    @Test
    void figuresAfterAFreeOfTheLastAllocationCountItAsDone() {
        TlsfByteAllocator allocator = allocator(0, 64 * KIB);
        long first = allocator.alloc(1 * KIB, 1);
        allocator.alloc(1 * KIB, 1);
        allocator.dealloc(first, 1 * KIB, 1); // a 1 KiB hole at 0, and the tail
        long again = allocator.alloc(1 * KIB, 1); // the hole, taken whole
        allocator.dealloc(again, 1 * KIB, 1); // the block the last call allocated
        assertEquals(2, allocator.stats().freeRanges(), "the hole and the tail");

        TlsfByteAllocator merged = allocator(0, 64 * KIB);
        long split = merged.alloc(100, 1);
        merged.dealloc(split, 100, 1); // the block the last call allocated
        assertEquals(1, merged.blockRecords(), "merged back into one free block");

        TlsfByteAllocator whole = allocator(0, 64 * KIB);
        long half = whole.alloc(32 * KIB, 1);
        whole.dealloc(half, 32 * KIB, 1);
        AllocException e = assertThrows(AllocException.class,
                () -> whole.alloc(128 * KIB, 1));
        assertTrue(e.getMessage().endsWith("65536 bytes available, largest free block 65536"), e.getMessage());
    }

    @Test
    void growingIntoAFreeSuccessorOfExactlyTheNeededSizeTakesItWhole() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        long block = allocator.alloc(1 * KIB, 1);
        long next = allocator.alloc(1 * KIB, 1);
        allocator.alloc(2 * KIB, 1); // the rest: the successor's successor is used
        allocator.dealloc(next, 1 * KIB, 1);
        assertTrue(allocator.tryResize(block, 1 * KIB, 2 * KIB, 1));
        assertEquals(List.of(new Run(0, 2 * KIB, true), new Run(2 * KIB, 2 * KIB, true)), walk(allocator));
        checkInvariants(allocator);
    }

    @Test
    void theLargestSizeThatRoundsWithinALongIsServedBySizeChecks() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        assertEquals(Long.MAX_VALUE & ~15L, allocator.usableSize(Long.MAX_VALUE - 15, 1));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(Long.MAX_VALUE - 15, 1));
    }

    @Test
    void addingMemoryFromInsideAHeapWalkIsRefusedAsAConcurrentChange() {
        TlsfByteAllocator allocator = allocator(0, 4 * KIB);
        List<Run> before = walk(allocator);
        allocator.forEachBlock((start, size, used) -> {
            assertThrows(ConcurrentModificationException.class,
                    () -> allocator.init(1L << 20, 4 * KIB));
            assertThrows(ConcurrentModificationException.class,
                    () -> allocator.addMemory(1L << 20, 4 * KIB));
        });
        assertEquals(before, walk(allocator));
        assertEquals(4 * KIB, allocator.totalBytes());
    }
}
