package dev.allocator.buddy;

import static dev.allocator.buddy.HeapWalk.assertRejectedUnchanged;
import static dev.allocator.buddy.HeapWalk.blocks;
import static dev.allocator.buddy.HeapWalk.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BuddyByteAllocatorTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private static BuddyByteAllocator withPool(long start, long size) {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        allocator.init(start, size);
        return allocator;
    }

    @Test
    void requestsRoundToPowerOfTwoAlignAndMinBlock() {
        BuddyByteAllocator allocator = withPool(0, MIB);
        assertEquals(8 * KIB, allocator.usableSize(4160, 8));
        assertEquals(16, allocator.usableSize(0, 1));
        assertEquals(16, allocator.usableSize(9, 4));
        assertEquals(4096, allocator.usableSize(100, 4096));
        long before = allocator.usedBytes();
        allocator.alloc(4160, 8);
        assertEquals(before + 8 * KIB, allocator.usedBytes());
        assertEquals(32, new BuddyByteAllocator(32, 32).usableSize(1, 1));
        assertEquals(1, new BuddyByteAllocator(1, 8).usableSize(1, 1));
    }

    @Test
    void blocksAreAlignedToTheirSizeAndSizeZeroGetsItsOwnAddress() {
        BuddyByteAllocator allocator = withPool(0, MIB);
        long zeroA = allocator.alloc(0, 1);
        long zeroB = allocator.alloc(0, 1);
        assertNotEquals(zeroA, zeroB);
        long aligned = allocator.alloc(10, 4096);
        assertEquals(0, aligned % 4096);
        long rounded = allocator.alloc(3000, 8);
        assertEquals(0, rounded % 4096);
    }

    @Test
    void freeingEverythingMergesUpToTheTopOrder() {
        BuddyByteAllocator allocator = new BuddyByteAllocator(16, 17); // top block 64 KiB
        allocator.init(0, 64 * KIB);
        List<Long> blocks = new ArrayList<>();
        long block;
        while ((block = allocator.tryAlloc(16, 1)) != ByteAllocator.NO_BLOCK) {
            blocks.add(block);
        }
        assertEquals(4096, blocks.size());
        assertEquals(64 * KIB, allocator.usedBytes());
        Collections.shuffle(blocks, new Random(42));
        for (long start : blocks) {
            allocator.dealloc(start, 16, 1);
        }
        assertEquals(List.of("0+65536:free"), blocks(allocator));
        assertEquals(new AllocatorStats(64 * KIB, 0, 64 * KIB, 0, 1, 64 * KIB), allocator.stats());
        assertEquals(0, allocator.alloc(64 * KIB, 1));
    }

    @Test
    void unalignedRangesAreCarvedIntoMaximalAlignedBlocks() {
        BuddyByteAllocator allocator = withPool(48, 152); // [48, 200)
        assertEquals(List.of("48+16:free", "64+64:free", "128+64:free"), blocks(allocator));
        assertEquals(144, allocator.totalBytes()); // the 8 bytes at 192 are ignored
        assertEquals(3, allocator.stats().freeRanges());
        assertEquals(64, allocator.stats().largestFree());
    }

    @Test
    void carvingIsCappedAtTheLargestBlockAndNeedsNoMetadataPerByte() {
        BuddyByteAllocator allocator = withPool(0, 1L << 40); // 1 TiB in 2^31-byte blocks: 512 nodes
        assertEquals(1L << 40, allocator.totalBytes());
        assertEquals(512, allocator.stats().freeRanges());
        assertEquals(1L << 31, allocator.stats().largestFree());
        BuddyByteAllocator wide = new BuddyByteAllocator(16, 62);
        wide.init(0, 1L << 60);
        assertEquals(1, wide.stats().freeRanges());
        assertEquals(1L << 60, wide.alloc(1L << 60, 1) + (1L << 60));
    }

    @Test
    void addressZeroIsAValidBlock() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        assertEquals(0, allocator.alloc(4096, 1));
        allocator.dealloc(0, 4096, 1);
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void adjacentRegionsNeverMergeIntoOneBlock() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        allocator.addMemory(4096, 4096); // buddies by address, but different regions
        assertEquals(List.of("0+4096:free", "4096+4096:free"), blocks(allocator));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(8192, 1));
        long a = allocator.alloc(4096, 1);
        long b = allocator.alloc(4096, 1);
        allocator.dealloc(a, 4096, 1);
        allocator.dealloc(b, 4096, 1);
        assertEquals(2, allocator.stats().freeRanges());
    }

    @Test
    void exhaustionThrowsNoMemoryWithFiguresAndTryAllocReturnsNoBlock() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        allocator.alloc(2048, 1);
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(4096, 1));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "2048 bytes available, largest free block 2048",
                () -> allocator.alloc(4096, 64));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "largest block possible 2147483648",
                () -> allocator.alloc(1L << 40, 1));
    }

    @Test
    void allocBeforeInitIsNoMemory() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "init", () -> allocator.alloc(16, 1));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(16, 1));
    }

    @Test
    void badArgumentsAreInvalidParamAndChangeNothing() {
        BuddyByteAllocator allocator = withPool(0, MIB);
        long live = allocator.alloc(100, 8);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-1", () -> allocator.alloc(-1, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "3", () -> allocator.alloc(16, 3));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "0", () -> allocator.tryAlloc(16, 0));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "overflows",
                () -> allocator.alloc(Long.MAX_VALUE, 2));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-5", () -> allocator.dealloc(live, -5, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "6", () -> allocator.dealloc(live, 100, 6));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "2^62",
                () -> allocator.usableSize(Long.MAX_VALUE - 8, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-1",
                () -> allocator.tryResize(live, 100, -1, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-4", () -> allocator.addMemory(-4, 16));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "Long.MAX_VALUE",
                () -> allocator.addMemory(Long.MAX_VALUE - 10, 100));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "2^62",
                () -> allocator.alloc(Long.MAX_VALUE - 8, 8));
    }

    @Test
    void overlappingRegionsAndASecondInitAreMemoryOverlap() {
        BuddyByteAllocator allocator = withPool(4096, 4096);
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "4096", () -> allocator.init(MIB, 4096));
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "[4096, 8192)",
                () -> allocator.addMemory(0, 4097));
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "[4096, 8192)",
                () -> allocator.addMemory(8191, 10));
        allocator.addMemory(8192, 4096);
        assertEquals(8192, allocator.totalBytes());
    }

    @Test
    void doubleFreeForeignAddressAndWrongSizeAreNotAllocatedAndChangeNothing() {
        BuddyByteAllocator allocator = withPool(0, MIB);
        long block = allocator.alloc(100, 8); // 128-byte block
        long other = allocator.alloc(100, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(block + 16),
                () -> allocator.dealloc(block + 16, 100, 8)); // inside a block
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "5000",
                () -> allocator.dealloc(block, 5000, 8)); // wrong size class
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(2 * MIB),
                () -> allocator.dealloc(2 * MIB, 100, 8)); // foreign
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "-64",
                () -> allocator.dealloc(-64, 100, 8));
        allocator.dealloc(block, 120, 8); // any size of the same block size is the same block
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(block),
                () -> allocator.dealloc(block, 100, 8)); // double free
        long freeBlockStart = other ^ 128; // the freed buddy of a live block: free, not live
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(freeBlockStart),
                () -> allocator.dealloc(freeBlockStart, 128, 8));
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(block),
                () -> allocator.tryResize(block, 100, 200, 8));
    }

    @Test
    void resizeWithinTheBlockKeepsEverything() {
        BuddyByteAllocator allocator = withPool(0, MIB);
        long block = allocator.alloc(100, 8);
        String before = snapshot(allocator);
        assertTrue(allocator.tryResize(block, 100, 128, 8));
        assertTrue(allocator.tryResize(block, 128, 65, 8));
        assertEquals(before, snapshot(allocator));
    }

    @Test
    void growingAbsorbsFreeRightHandBuddies() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        long block = allocator.alloc(16, 1);
        assertEquals(0, block);
        assertTrue(allocator.tryResize(block, 16, 3000, 1));
        assertEquals(4096, allocator.usedBytes());
        assertEquals(List.of("0+4096:used"), blocks(allocator));
        allocator.dealloc(block, 4096, 1);
        assertEquals(List.of("0+4096:free"), blocks(allocator));
    }

    @Test
    void growingFailsUnchangedWhenABuddyIsUsedOrTheBlockIsAnUpperHalf() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        long low = allocator.alloc(16, 1);
        long blocker = allocator.alloc(1024, 1); // at 1024: the order-10 buddy of [0, 1024)
        assertEquals(1024, blocker);
        String before = snapshot(allocator);
        assertFalse(allocator.tryResize(low, 16, 2048, 1));
        assertEquals(before, snapshot(allocator));
        long upper = allocator.alloc(16, 1); // at 16: an upper half
        assertEquals(16, upper);
        String beforeUpper = snapshot(allocator);
        assertFalse(allocator.tryResize(upper, 16, 32, 1));
        assertFalse(allocator.tryResize(low, 16, 1L << 40, 1)); // beyond the largest block
        assertEquals(beforeUpper, snapshot(allocator));
    }

    @Test
    void shrinkingFreesTheUpperHalves() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        long block = allocator.alloc(4096, 1);
        assertTrue(allocator.tryResize(block, 4096, 10, 1));
        assertEquals(16, allocator.usedBytes());
        assertEquals(List.of("0+16:used", "16+16:free", "32+32:free", "64+64:free", "128+128:free",
                "256+256:free", "512+512:free", "1024+1024:free", "2048+2048:free"), blocks(allocator));
        allocator.dealloc(block, 16, 1);
        assertEquals(List.of("0+4096:free"), blocks(allocator));
    }

    @Test
    void statsCountLiveBlocksFreeBlocksAndTheLargestFree() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        allocator.alloc(1024, 1);
        allocator.alloc(16, 1);
        AllocatorStats stats = allocator.stats();
        assertEquals(4096, stats.total());
        assertEquals(1040, stats.used());
        assertEquals(3056, stats.available());
        assertEquals(2, stats.liveBlocks());
        assertEquals(7, stats.freeRanges()); // 16, 32, 64, 128, 256, 512 at 1024.., 2048
        assertEquals(2048, stats.largestFree());
    }

    @Test
    void heapWalkIsInAddressOrderAcrossRegionsAndCoversTheTotal() {
        BuddyByteAllocator allocator = withPool(MIB, 4096);
        allocator.addMemory(0, 64);
        allocator.alloc(16, 1);
        List<String> runs = blocks(allocator);
        assertEquals("0+16:used", runs.get(0));
        long[] covered = new long[1];
        long[] last = {-1};
        allocator.forEachBlock((start, size, used) -> {
            assertTrue(start > last[0]);
            last[0] = start;
            covered[0] += size;
        });
        assertEquals(allocator.totalBytes(), covered[0]);
    }

    @Test
    void resetRestoresTheStateRightAfterTheRegionsWereAdded() {
        BuddyByteAllocator allocator = withPool(48, 10_000);
        allocator.addMemory(MIB, 64 * KIB);
        String fresh = snapshot(allocator);
        long first = allocator.alloc(100, 8);
        allocator.alloc(5000, 64);
        allocator.alloc(0, 1);
        allocator.reset();
        assertEquals(fresh, snapshot(allocator));
        assertEquals(first, allocator.alloc(100, 8)); // the same free-list order as after the adds
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertRejectedUnchanged(new BuddyByteAllocator(), AllocError.INVALID_PARAM, "63",
                () -> new BuddyByteAllocator(16, 63));
        assertRejectedUnchanged(new BuddyByteAllocator(), AllocError.INVALID_PARAM, "0",
                () -> new BuddyByteAllocator(16, 0));
        assertRejectedUnchanged(new BuddyByteAllocator(), AllocError.INVALID_PARAM, "24",
                () -> new BuddyByteAllocator(24, 32));
        assertRejectedUnchanged(new BuddyByteAllocator(), AllocError.INVALID_PARAM,
                "min-block 1024 is not below the largest block 2^9 (max-order 10)",
                () -> new BuddyByteAllocator(1024, 10));
        assertEquals(1L << 61, new BuddyByteAllocator(1, 62).maxBlock());
    }

    /** Blocks of 16 to 128 bytes (max-order 8): small enough to fill and walk by hand. */
    private static BuddyByteAllocator upTo128(long start, long size) {
        BuddyByteAllocator allocator = new BuddyByteAllocator(16, 8);
        allocator.init(start, size);
        return allocator;
    }

    @Test
    void twoFreeBlocksOfTheLargestSizeNeverMergeButAreWalkedAsOneFreeRange() {
        BuddyByteAllocator allocator = upTo128(0, 512);
        assertEquals(128, allocator.maxBlock());
        long first = allocator.alloc(128, 1);
        long second = allocator.alloc(128, 1);
        assertEquals(List.of(0L, 128L), List.of(first, second));
        allocator.dealloc(first, 128, 1);
        allocator.dealloc(second, 128, 1);
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(256, 1), "no block above the largest size");
        AllocatorStats stats = allocator.stats();
        assertEquals(4, stats.freeRanges(), "two freed blocks and two never taken, each of 128 bytes");
        assertEquals(128, stats.largestFree());
        assertEquals(List.of("0+512:free"), blocks(allocator));
        assertEquals(2, allocator.blockRecords(), "the freed blocks stay apart");
    }

    @Test
    void aRegionEndingPastItsLastLargestBlockIsCarvedIntoLargestBlocksThenSmallerOnes() {
        BuddyByteAllocator allocator = upTo128(0, 3 * 128 + 48);
        assertEquals(List.of("0+384:free", "384+32:free", "416+16:free"), blocks(allocator));
        assertEquals(List.of(0L, 128L, 256L), List.of(allocator.alloc(128, 1), allocator.alloc(128, 1),
                allocator.alloc(128, 1)));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(128, 1));
        assertEquals(List.of("0+128:used", "128+128:used", "256+128:used", "384+32:free", "416+16:free"),
                blocks(allocator), "no largest block left to take, the tail as carved");
        assertEquals(384, allocator.alloc(32, 1));
    }

    @Test
    void growingWorksForALowerHalfAnywhereAndUpToTheLargestBlock() {
        BuddyByteAllocator allocator = upTo128(0, 512);
        allocator.alloc(128, 1); // [0, 128): the block below is taken, so the next one starts at 128
        long block = allocator.alloc(16, 1);
        assertEquals(128, block, "the lower half at every order up to 128");
        assertTrue(allocator.tryResize(block, 16, 64, 1));
        assertEquals(List.of("0+128:used", "128+64:used", "192+64:free", "256+256:free"), blocks(allocator));
        assertTrue(allocator.tryResize(block, 64, 128, 1), "up to the largest block");
        assertEquals(List.of("0+128:used", "128+128:used", "256+256:free"), blocks(allocator));
        assertFalse(allocator.tryResize(block, 128, 256, 1), "past the largest block");
    }

    @Test
    void aFreeRightAfterAnUndoneAllocationMergesWithIt() {
        BuddyByteAllocator allocator = upTo128(0, 64);
        long[] blocks = {allocator.alloc(16, 1), allocator.alloc(16, 1), allocator.alloc(16, 1),
            allocator.alloc(16, 1)};
        allocator.dealloc(blocks[3], 16, 1); // the block the last call allocated
        allocator.dealloc(blocks[2], 16, 1); // its buddy: the two merge into [32, 64)
        assertEquals(List.of("0+16:used", "16+16:used", "32+32:free"), blocks(allocator));
        assertEquals(32, allocator.alloc(16, 1), "the lower half of the merged block");
    }

    @Test
    void figuresRightAfterAnUndoneAllocationCountTheFreeAsDone() {
        BuddyByteAllocator allocator = upTo128(0, 128);
        long block = allocator.alloc(16, 1); // splits 128 into 16 + 16 + 32 + 64
        allocator.dealloc(block, 16, 1);
        AllocatorStats stats = allocator.stats();
        assertEquals(1, stats.freeRanges(), "merged back into one block");
        assertEquals(128, stats.largestFree());

        BuddyByteAllocator again = upTo128(0, 128);
        again.dealloc(again.alloc(16, 1), 16, 1);
        assertEquals(128, again.largestFreeBlock());
        BuddyByteAllocator records = upTo128(0, 128);
        records.dealloc(records.alloc(16, 1), 16, 1);
        assertEquals(1, records.blockRecords());
    }

    @Test
    void oneByteBlocksAreServedAndCountedAsTheLargestFree() {
        BuddyByteAllocator allocator = new BuddyByteAllocator(1, 8);
        allocator.init(0, 2);
        long first = allocator.alloc(1, 1);
        assertEquals(0, first);
        assertEquals(1, allocator.largestFreeBlock(), "the one-byte buddy at 1");
        assertEquals(1, allocator.alloc(1, 1), "taken from the list of one-byte blocks");
        assertEquals(0, allocator.largestFreeBlock());
    }

    @Test
    void noMemoryNamesTheBlockARequestNeeds() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "(a block of 4611686018427387904 bytes)",
                () -> allocator.alloc(1L << 62, 1));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "(a block of more than 2^62 bytes)",
                () -> allocator.alloc((1L << 62) + 1, 1));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "(a block of 8192 bytes)",
                () -> allocator.alloc(5000, 1));
    }

    @Test
    void metadataIsTheRecordsAndTheIndexBuckets() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        assertEquals(64 * 3 * Long.BYTES + 64 * Integer.BYTES, allocator.metadataBytes(),
                "64 records of three words and 64 index buckets to start with");
    }

    @Test
    void regionsAddedFromInsideAHeapWalkAreRefusedAsAConcurrentChange() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        String before = snapshot(allocator);
        allocator.forEachBlock((start, size, used) -> {
            assertThrows(ConcurrentModificationException.class, () -> allocator.init(1L << 20, 4096));
            assertThrows(ConcurrentModificationException.class, () -> allocator.addMemory(1L << 20, 4096));
        });
        assertEquals(before, snapshot(allocator));
    }

    @Test
    void anEmptyRegionWithABadStartIsInvalidParamAndLeavesTheAllocatorUninitialised() {
        BuddyByteAllocator allocator = new BuddyByteAllocator();
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-16", () -> allocator.addMemory(-16, 0));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-16", () -> allocator.init(-16, 0));
        allocator.init(0, 4096); // still allowed: the rejected calls initialised nothing
        assertEquals(4096, allocator.totalBytes());
    }

    @Test
    void badRegionsAreInvalidParamAndChangeNothing() {
        BuddyByteAllocator allocator = withPool(0, 4096);
        allocator.dealloc(allocator.alloc(16, 1), 16, 1); // an undone allocation pending
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "negative", () -> allocator.addMemory(-4096, 4096));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "negative", () -> allocator.addMemory(8192, -1));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "Long.MAX_VALUE",
                () -> allocator.addMemory(Long.MAX_VALUE - 10, 11));
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "overlaps", () -> allocator.addMemory(2048, 4096));
    }
}
