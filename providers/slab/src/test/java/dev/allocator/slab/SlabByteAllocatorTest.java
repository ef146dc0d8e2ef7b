package dev.allocator.slab;

import static dev.allocator.slab.HeapWalk.assertRejectedUnchanged;
import static dev.allocator.slab.HeapWalk.blocks;
import static dev.allocator.slab.HeapWalk.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SlabByteAllocatorTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private static SlabByteAllocator withPool(long start, long size) {
        SlabByteAllocator allocator = new SlabByteAllocator();
        allocator.init(start, size);
        return allocator;
    }

    @Test
    void requestsTakeTheirClassSizeAndLargerOnesTheBuddyRounding() {
        SlabByteAllocator allocator = withPool(0, MIB);
        assertEquals(64, allocator.usableSize(0, 1));
        assertEquals(64, allocator.usableSize(64, 8));
        assertEquals(128, allocator.usableSize(65, 8));
        assertEquals(256, allocator.usableSize(8, 256));
        assertEquals(4096, allocator.usableSize(4096, 8));
        assertEquals(8 * KIB, allocator.usableSize(4160, 8));
        assertEquals(8 * KIB, allocator.usableSize(8, 8192));
        long before = allocator.usedBytes();
        allocator.alloc(4160, 8);
        allocator.alloc(65, 8);
        assertEquals(before + 8 * KIB + 128, allocator.usedBytes());
    }

    @Test
    void blocksAreAlignedToTheirClassAndSizeZeroGetsItsOwnAddress() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long first = allocator.alloc(0, 1);
        long second = allocator.alloc(0, 1);
        assertNotEquals(first, second);
        assertEquals(0, allocator.alloc(100, 128) % 128);
        assertEquals(0, allocator.alloc(5000, 8) % 8192);
    }

    @Test
    void aClassGrowsByOneChunkOfBlocksPerGrowBlocks() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long first = allocator.alloc(64, 8);
        List<String> walk = blocks(allocator);
        assertEquals("0+64:used", walk.get(0));
        assertEquals("64+64:free", walk.get(1));
        assertEquals("4032+64:free", walk.get(63)); // one chunk: 64 slots of 64 bytes, 4 KiB aligned
        assertEquals(0, first);
        for (int i = 1; i < 64; i++) {
            assertEquals(i * 64L, allocator.alloc(64, 8));
        }
        assertEquals(0, freeRunsOf(allocator, 64)); // the chunk is full
        long nextChunk = allocator.alloc(64, 8); // the 65th block takes a second chunk
        assertEquals(0, nextChunk % 4096);
        assertEquals(63, freeRunsOf(allocator, 64));
    }

    @Test
    void theFirstEmptyChunkOfAClassStaysAsItsSpareAndTrimGivesItBack() {
        SlabByteAllocator allocator = withPool(0, MIB);
        String fresh = snapshot(allocator);
        long block = allocator.alloc(64, 8);
        allocator.dealloc(block, 64, 8);
        assertEquals(0, allocator.usedBytes());
        assertEquals(64, freeRunsOf(allocator, 64), "the chunk stays, every slot free");
        assertEquals(block, allocator.alloc(64, 8), "the steady pair reuses the spare's first slot");
        allocator.dealloc(block, 64, 8);
        allocator.trim();
        assertEquals(fresh, snapshot(allocator));
    }

    @Test
    void aFreeOfTheSlotJustTakenIsUndoneAndTheSameClassTakesItBack() {
        SlabByteAllocator lazy = withPool(0, MIB);
        SlabByteAllocator observed = withPool(0, MIB); // a snapshot after every call settles any recorded free
        for (SlabByteAllocator allocator : List.of(lazy, observed)) {
            allocator.alloc(64, 8); // the chunk exists: the next allocation from it is undoable
        }
        long taken = lazy.alloc(100, 16);
        assertEquals(taken, observed.alloc(100, 16));
        lazy.dealloc(taken, 100, 16);
        observed.dealloc(taken, 100, 16);
        assertEquals(64, lazy.usedBytes(), "the counters change at once");
        String afterFree = snapshot(observed);
        assertEquals(taken, lazy.alloc(128, 1), "another request of the class takes the slot back");
        assertEquals(taken, observed.alloc(128, 1), "as an eager free and a new allocation give");
        assertEquals(snapshot(observed), snapshot(lazy));
        lazy.dealloc(taken, 128, 1);
        assertEquals(afterFree, snapshot(lazy), "a walk or stats() sees the recorded free as done");
    }

    @Test
    void aDoubleFreeOfAnUndoneSlotIsNotAllocatedAndChangesNothing() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long first = allocator.alloc(64, 8);
        long taken = allocator.alloc(64, 8);
        allocator.dealloc(taken, 64, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(taken),
                () -> allocator.dealloc(taken, 64, 8));
        allocator.dealloc(first, 64, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(taken),
                () -> allocator.dealloc(taken, 64, 8));
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void aCallBetweenTheFreeAndTheNextAllocationDoesTheRecordedFreeFirst() {
        SlabByteAllocator lazy = withPool(0, MIB);
        SlabByteAllocator observed = withPool(0, MIB);
        long[] kept = new long[2];
        for (SlabByteAllocator allocator : List.of(lazy, observed)) {
            kept[0] = allocator.alloc(256, 8);
            kept[1] = allocator.alloc(256, 8); // undoable
        }
        lazy.dealloc(kept[1], 256, 8);
        observed.dealloc(kept[1], 256, 8);
        snapshot(observed);
        lazy.dealloc(kept[0], 256, 8); // settles kept[1] first: the chunk empties and becomes the spare
        observed.dealloc(kept[0], 256, 8);
        assertEquals(snapshot(observed), snapshot(lazy));
        assertEquals(kept[0], lazy.alloc(256, 8), "the lowest free slot of the spare");
        assertEquals(kept[0], observed.alloc(256, 8));
        assertEquals(snapshot(observed), snapshot(lazy));
    }

    @Test
    void trimForgetsTheSparesItGaveBack() {
        SlabByteAllocator allocator = withPool(0, MIB);
        allocator.dealloc(allocator.alloc(4096, 8), 4096, 8); // a spare chunk of 64 x 4 KiB
        allocator.trim();
        for (long size : new long[] {MIB / 2, MIB / 4, MIB / 8, MIB / 16}) {
            allocator.alloc(size, 8);
        }
        assertEquals(MIB / 16, allocator.stats().largestFree(), "no spare of 256 KiB is left to count");
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "100000", () -> allocator.alloc(100_000, 8));
    }

    @Test
    void aSecondEmptyChunkOfAClassGoesBackToTheBuddyAtOnce() {
        SlabByteAllocator allocator = withPool(0, MIB);
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            blocks.add(allocator.alloc(64, 8)); // two chunks: 64 slots and 1
        }
        long second = blocks.remove(64);
        allocator.dealloc(second, 64, 8); // the second chunk empties first: the spare
        for (long block : blocks) {
            allocator.dealloc(block, 64, 8); // the first empties too: back to the buddy
        }
        assertEquals(64, freeRunsOf(allocator, 64), "one spare chunk of 64 free slots is left");
        assertEquals(4096, second, "the second chunk starts right after the first");
        assertEquals(MIB / 2, allocator.stats().largestFree(), "the spare at 4 KiB splits the lower half");
        allocator.trim();
        assertEquals(0, freeRunsOf(allocator, 64));
        assertEquals(MIB, allocator.stats().largestFree());
    }

    @Test
    void aSpareChunkGoesBackWhenOnlyItCanServeARequest() {
        SlabByteAllocator allocator = withPool(0, 16 * KIB);
        long small = allocator.alloc(128, 8); // an 8 KiB chunk of the 128-byte class
        long direct = allocator.alloc(8 * KIB, 8); // the other half, from the buddy
        assertEquals(0, small);
        allocator.dealloc(small, 128, 8); // the chunk is the class's spare now
        assertEquals(8 * KIB, allocator.stats().largestFree(), "the spare counts as free");
        assertEquals(0, allocator.alloc(5000, 8), "the spare goes back and serves a direct request");
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(64, 8));
        allocator.dealloc(0, 5000, 8);
        allocator.dealloc(direct, 8 * KIB, 8);
        assertEquals(16 * KIB, allocator.stats().largestFree());
    }

    @Test
    void aSpareSmallerThanTheRequestStaysAndTheRequestFailsUnchanged() {
        SlabByteAllocator allocator = withPool(0, 16 * KIB);
        long small = allocator.alloc(64, 8); // a 4 KiB chunk at 0
        long direct = allocator.alloc(8 * KIB, 8); // [8 KiB, 16 KiB)
        allocator.dealloc(small, 64, 8);
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "8192", () -> allocator.alloc(8 * KIB, 8));
        allocator.trim(); // now the spare's 4 KiB merge with the free 4 KiB beside it
        assertEquals(0, allocator.alloc(8 * KIB, 8));
        assertNotEquals(0, direct);
    }

    @Test
    void aPhaseOfSmallBlocksDoesNotStrandTheHeapForALargeOne() {
        SlabByteAllocator allocator = withPool(0, MIB);
        List<Long> blocks = fill(allocator);
        assertEquals(MIB / 64, blocks.size());
        assertEquals(0, allocator.availableBytes());
        for (long block : blocks) {
            allocator.dealloc(block, 64, 8);
        }
        assertEquals(0, allocator.usedBytes());
        long half = allocator.alloc(MIB / 2, 8);
        assertEquals(0, half % (MIB / 2));
    }

    @Test
    void withoutReturnEmptyFreedChunksStayWithTheirClass() {
        SlabByteAllocator allocator = new SlabByteAllocator(SlabByteAllocator.defaultClasses(), 64, false);
        allocator.init(0, MIB);
        for (long block : fill(allocator)) {
            allocator.dealloc(block, 64, 8);
        }
        assertEquals(0, allocator.usedBytes());
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(MIB / 2, 8));
        assertEquals(MIB / 64, allocator.stats().freeRanges());
        assertEquals(64, allocator.stats().largestFree());
        allocator.alloc(64, 8); // the 64-byte class still serves from its chunks
    }

    @Test
    void anyRangeIsAcceptedAndOnlyItsAlignedPartCounts() {
        SlabByteAllocator allocator = withPool(100, MIB); // [100, 1 MiB + 100)
        assertEquals(MIB - 64, allocator.totalBytes()); // 64-byte aligned: [128, 1 MiB + 64)
        assertEquals(4096, allocator.alloc(64, 8)); // the first 4 KiB chunk
        allocator.addMemory(2 * MIB + 1, 200); // holds [2 MiB + 64, 2 MiB + 192)
        assertEquals(MIB + 64, allocator.totalBytes());
        allocator.addMemory(4 * MIB + 1, 100); // nothing aligned: accepted, adds nothing
        assertEquals(MIB + 64, allocator.totalBytes());
    }

    @Test
    void whenMemoryIsShortAChunkHoldsFewerBlocks() {
        SlabByteAllocator allocator = withPool(0, 1024);
        long large = allocator.alloc(1024, 1); // a one-slot chunk: a 64 KiB chunk does not fit
        assertEquals(0, large);
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(0, 1));
        allocator.dealloc(large, 1024, 1);
        List<Long> small = fill(allocator); // one chunk of 16 slots
        assertEquals(16, small.size());
        for (long block : small) {
            allocator.dealloc(block, 64, 8);
        }
        allocator.trim(); // the emptied chunk was kept as the 64-byte class's spare
        assertEquals(List.of("0+1024:free"), blocks(allocator));
        long one = allocator.alloc(64, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(one + 64),
                () -> allocator.dealloc(one + 64, 64, 8)); // a free slot of a short chunk
    }

    @Test
    void aClassWithChunksOfSeveralSizesFreesEachBlockInItsOwnChunk() {
        SlabByteAllocator allocator = withPool(0, 4 * KIB + KIB); // blocks of 4 KiB and 1 KiB
        List<Long> full = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            full.add(allocator.alloc(64, 8)); // the full chunk [0, 4 KiB)
        }
        long first = allocator.alloc(64, 8); // a chunk of 16 slots: all the 1 KiB block holds
        long second = allocator.alloc(64, 8);
        assertEquals(List.of(4 * KIB, 4 * KIB + 64), List.of(first, second));
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(4 * KIB + 128),
                () -> allocator.dealloc(4 * KIB + 128, 64, 8)); // a free slot of the short chunk
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(first),
                () -> allocator.dealloc(first, 128, 8)); // the short chunk is not of the 128-byte class
        allocator.dealloc(second, 64, 8);
        allocator.dealloc(full.get(5), 64, 8);
        allocator.dealloc(first, 64, 8);
        assertEquals(63 * 64, allocator.usedBytes());
        assertEquals(full.get(5), allocator.alloc(64, 8), "the full chunk has its slot back");
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(first),
                () -> allocator.dealloc(first, 64, 8));
    }

    @Test
    void exhaustionIsNoMemoryWithFiguresAndTryAllocReturnsNoBlock() {
        SlabByteAllocator allocator = withPool(0, 8 * KIB);
        allocator.alloc(64, 8); // takes a 4 KiB chunk
        allocator.alloc(4096, 8); // a one-slot chunk: the rest of the pool
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(128, 8));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY,
                "a 128-byte slot: none free in its class): 4032 bytes available, largest free block 64",
                () -> allocator.alloc(128, 8));
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "4032 bytes available",
                () -> allocator.alloc(8 * KIB, 8));
    }

    @Test
    void allocBeforeInitIsNoMemory() {
        SlabByteAllocator allocator = new SlabByteAllocator();
        assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "init", () -> allocator.alloc(64, 8));
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(64, 8));
    }

    @Test
    void badArgumentsAreInvalidParamAndChangeNothing() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long live = allocator.alloc(100, 8);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-1", () -> allocator.alloc(-1, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "12", () -> allocator.tryAlloc(16, 12));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "overflows",
                () -> allocator.alloc(Long.MAX_VALUE - 1, 4));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-2", () -> allocator.dealloc(live, -2, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-3",
                () -> allocator.tryResize(live, 100, -3, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-1", () -> allocator.usableSize(-1, 8));
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-4096",
                () -> allocator.addMemory(-4096, 4096));
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "initialised",
                () -> allocator.init(2 * MIB, MIB));
        assertRejectedUnchanged(allocator, AllocError.MEMORY_OVERLAP, "[0, 1048576)",
                () -> allocator.addMemory(MIB - 1, 10));
    }

    @Test
    void doubleFreeWrongClassAndForeignAddressesAreNotAllocatedAndChangeNothing() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long small = allocator.alloc(64, 8);
        long keep = allocator.alloc(64, 8); // keeps the chunk alive after the first free
        long large = allocator.alloc(5000, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(small),
                () -> allocator.dealloc(small, 128, 8)); // wrong class
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(small + 8),
                () -> allocator.dealloc(small + 8, 64, 8)); // inside a slot
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(keep + 64),
                () -> allocator.dealloc(keep + 64, 64, 8)); // a free slot of a live chunk
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(2 * MIB),
                () -> allocator.dealloc(2 * MIB, 64, 8)); // foreign
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(large),
                () -> allocator.dealloc(large, 20_000, 8)); // large block, wrong size
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(large),
                () -> allocator.dealloc(large, 64, 8)); // large block freed as a slot
        long chunkStart = small & -4096L;
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(chunkStart),
                () -> allocator.dealloc(chunkStart, 4096 * 64, 8)); // a chunk is not a block of the caller's
        allocator.dealloc(small, 60, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(small),
                () -> allocator.dealloc(small, 64, 8)); // double free
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(small),
                () -> allocator.tryResize(small, 64, 32, 8));
    }

    @Test
    void negativeAddressesAreNotAllocatedAndChangeNothing() {
        SlabByteAllocator allocator = new SlabByteAllocator(new long[] {1, 64}, 2, true);
        allocator.init(0, MIB);
        allocator.alloc(1, 1); // a chunk of two 1-byte slots
        for (long pos : new long[] {-1, -2, -64, Long.MIN_VALUE}) {
            assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(pos),
                    () -> allocator.dealloc(pos, 1, 1));
            assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(pos),
                    () -> allocator.dealloc(pos, 5000, 8)); // a request above the classes
            assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(pos),
                    () -> allocator.tryResize(pos, 1, 1, 1));
            assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, String.valueOf(pos),
                    () -> allocator.tryResize(pos, 5000, 6000, 8));
        }
        SlabByteAllocator fresh = withPool(0, MIB);
        assertRejectedUnchanged(fresh, AllocError.NOT_ALLOCATED, "-1", () -> fresh.dealloc(-1, 5000, 8));
    }

    @Test
    void resizeSucceedsWithinTheClassAndFailsAcrossUnchanged() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long block = allocator.alloc(100, 8);
        String before = snapshot(allocator);
        assertTrue(allocator.tryResize(block, 100, 128, 8));
        assertTrue(allocator.tryResize(block, 128, 65, 8));
        assertFalse(allocator.tryResize(block, 65, 129, 8));
        assertFalse(allocator.tryResize(block, 65, 64, 8));
        assertEquals(before, snapshot(allocator));
    }

    @Test
    void largeBlocksResizeAsTheBuddyDoes() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long large = allocator.alloc(5000, 8);
        long used = allocator.usedBytes();
        assertTrue(allocator.tryResize(large, 5000, 12_000, 8)); // absorbs its free 8 KiB buddy
        assertEquals(used + 8 * KIB, allocator.usedBytes());
        String before = snapshot(allocator);
        assertFalse(allocator.tryResize(large, 12_000, 100, 8)); // into a class: cannot stay in place
        assertEquals(before, snapshot(allocator));
        allocator.dealloc(large, 16 * KIB, 8);
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void statsAndHeapWalkAgree() {
        SlabByteAllocator allocator = withPool(0, MIB);
        allocator.alloc(64, 8);
        allocator.alloc(200, 8);
        allocator.alloc(5000, 8);
        AllocatorStats stats = allocator.stats();
        assertEquals(MIB, stats.total());
        assertEquals(64 + 256 + 8192, stats.used());
        assertEquals(3, stats.liveBlocks());
        long[] walk = new long[4]; // bytes, used bytes, used runs, free runs
        long[] largestFree = new long[1];
        allocator.forEachBlock((start, size, used) -> {
            walk[0] += size;
            walk[used ? 1 : 3] += used ? size : 1;
            walk[2] += used ? 1 : 0;
            if (!used) {
                largestFree[0] = Math.max(largestFree[0], size);
            }
        });
        assertEquals(stats.total(), walk[0]);
        assertEquals(stats.used(), walk[1]);
        assertEquals(stats.liveBlocks(), walk[2]);
        assertEquals(stats.freeRanges(), walk[3]);
        assertEquals(stats.largestFree(), largestFree[0]);
    }

    @Test
    void resetRestoresTheStateRightAfterTheRegionsWereAdded() {
        SlabByteAllocator allocator = withPool(0, MIB);
        allocator.addMemory(4 * MIB, 3 * MIB);
        String fresh = snapshot(allocator);
        long first = allocator.alloc(64, 8);
        allocator.alloc(300, 8);
        allocator.alloc(70_000, 8);
        allocator.reset();
        assertEquals(fresh, snapshot(allocator));
        assertEquals(first, allocator.alloc(64, 8));
    }

    @Test
    void hugeClassesWorkOnAbstractRanges() {
        SlabByteAllocator allocator = new SlabByteAllocator(new long[] {1L << 34}, 4, true);
        allocator.init(0, 1L << 40);
        long block = allocator.alloc(1L << 33, 1);
        List<String> walk = blocks(allocator);
        assertEquals("0+17179869184:used", walk.get(0));
        assertEquals("17179869184+17179869184:free", walk.get(1));
        assertEquals(1L << 34, allocator.usedBytes());
        allocator.dealloc(block, 1L << 33, 1);
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void rejectsBadConstructorArguments() {
        SlabByteAllocator sample = new SlabByteAllocator();
        assertRejectedUnchanged(sample, AllocError.INVALID_PARAM, "48",
                () -> new SlabByteAllocator(new long[] {64}, 48, true));
        assertRejectedUnchanged(sample, AllocError.INVALID_PARAM, "0",
                () -> new SlabByteAllocator(new long[] {64}, 0, true));
        assertRejectedUnchanged(sample, AllocError.INVALID_PARAM, "96",
                () -> new SlabByteAllocator(new long[] {32, 96}, 64, true));
    }

    @Test
    void theExtremeConstructorArgumentsAreAccepted() {
        SlabByteAllocator oneBlockPerGrow = new SlabByteAllocator(new long[] {64}, 1, true);
        oneBlockPerGrow.init(0, 4 * KIB);
        assertEquals(0, oneBlockPerGrow.alloc(64, 8));
        assertEquals(List.of("0+64:used", "64+64:free", "128+128:free", "256+256:free", "512+512:free",
                "1024+1024:free", "2048+2048:free"), blocks(oneBlockPerGrow), "a chunk of one block");
        SlabByteAllocator largestClass = new SlabByteAllocator(new long[] {64, 1L << 55}, 64, true);
        largestClass.init(0, 1L << 62);
        assertEquals(0, largestClass.alloc(1L << 55, 8));
        SlabByteAllocator sample = new SlabByteAllocator();
        assertRejectedUnchanged(sample, AllocError.INVALID_PARAM, "exceeds",
                () -> new SlabByteAllocator(new long[] {64, 1L << 56}, 64, true));
    }

    @Test
    void aSpareOfTheSmallestClassGoesBackForARequestOfExactlyItsSize() {
        SlabByteAllocator allocator = withPool(0, 8 * KIB);
        long small = allocator.alloc(64, 8); // a 4 KiB chunk of the 64-byte class at 0
        long direct = allocator.alloc(4 * KIB, 4 * KIB); // a 4 KiB chunk of the 4 KiB class: the rest
        assertEquals(List.of(0L, 4 * KIB), List.of(small, direct));
        allocator.dealloc(small, 64, 8); // the 64-byte class's spare now
        assertEquals(0, allocator.alloc(4 * KIB, 4 * KIB), "the spare, exactly 4 KiB, goes back and serves it");
    }

    @Test
    void aChunkTheBuddyCanStillServeLeavesTheSparesAlone() {
        SlabByteAllocator allocator = withPool(0, 16 * KIB);
        long small = allocator.alloc(64, 8); // a 4 KiB chunk of the 64-byte class at 0
        assertEquals(8 * KIB, allocator.alloc(8 * KIB, 8)); // direct: the buddy keeps [4 KiB, 8 KiB)
        allocator.dealloc(small, 64, 8); // the 64-byte class's spare now
        assertEquals(4 * KIB, allocator.alloc(4 * KIB, 8), "a one-slot chunk from the buddy's 4 KiB block");
        assertEquals(0, allocator.alloc(64, 8), "the spare is still there for its class");
    }

    @Test
    void aBlockRightPastTheLastChunkUsedIsFreedInItsOwnChunk() {
        SlabByteAllocator allocator = withPool(0, MIB);
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            first.add(allocator.alloc(64, 8)); // fills the chunk [0, 4 KiB)
        }
        long next = allocator.alloc(64, 8); // slot 0 of a new chunk at 4 KiB
        assertEquals(4 * KIB, next);
        allocator.dealloc(first.get(1), 64, 8); // the chunk at 0 is the last one used
        allocator.dealloc(next, 64, 8); // one byte past that chunk's end: not its slot 0
        allocator.dealloc(first.get(0), 64, 8);
        assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "4096", () -> allocator.dealloc(next, 64, 8));
    }

    @Test
    void regionChangesAndTrimFromInsideAHeapWalkAreRefusedAsConcurrentChanges() {
        SlabByteAllocator allocator = withPool(0, 64 * KIB);
        allocator.dealloc(allocator.alloc(64, 8), 64, 8); // a spare chunk for trim to give back
        String before = snapshot(allocator);
        allocator.forEachBlock((start, size, used) -> {
            assertThrows(ConcurrentModificationException.class, () -> allocator.init(MIB, 64 * KIB));
            assertThrows(ConcurrentModificationException.class, () -> allocator.addMemory(MIB, 64 * KIB));
            assertThrows(ConcurrentModificationException.class, allocator::trim);
        });
        assertEquals(before, snapshot(allocator));
    }

    @Test
    void tryResizeWithABadOldSizeIsInvalidParam() {
        SlabByteAllocator allocator = withPool(0, 64 * KIB);
        long block = allocator.alloc(64, 8);
        assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "-5", () -> allocator.tryResize(block, -5, 64, 8));
    }

    @Test
    void statsRightAfterTheLastSlotOfAChunkIsFreedAgainCountThatSlotAsFree() {
        SlabByteAllocator allocator = withPool(0, 4 * KIB); // one chunk of 64 slots of 64 bytes fills the pool
        long last = 0;
        for (int i = 0; i < 64; i++) {
            last = allocator.alloc(64, 8);
        }
        allocator.dealloc(last, 64, 8); // the slot just taken: the full chunk has a free slot again
        AllocatorStats stats = allocator.stats();
        assertEquals(64, stats.largestFree(), "a 64-byte request would succeed");
        assertEquals(1, stats.freeRanges());
        assertEquals(63 * 64, stats.used());
        assertEquals(last, allocator.alloc(64, 8));
    }

    @Test
    void aFreeOfTheSlotJustTakenWithTheSizeOfAnotherClassIsNotAllocatedAndChangesNothing() {
        SlabByteAllocator lazy = withPool(0, MIB);
        SlabByteAllocator observed = withPool(0, MIB);
        long taken = 0;
        for (SlabByteAllocator allocator : List.of(lazy, observed)) {
            allocator.alloc(64, 8);
            taken = allocator.alloc(64, 8); // undoable
        }
        long slot = taken;
        assertNotAllocatedAndUnchangedAsItsTwin(lazy, observed, () -> lazy.dealloc(slot, 128, 8));
        lazy.dealloc(slot, 64, 8);
        assertEquals(64, lazy.usedBytes(), "the slot was still live");
    }

    @Test
    void resizingTheSlotJustFreedIsNotAllocatedAndChangesNothing() {
        SlabByteAllocator lazy = withPool(0, MIB);
        SlabByteAllocator observed = withPool(0, MIB);
        long slot = takeAndFreeASlot(lazy, observed);
        assertNotAllocatedAndUnchangedAsItsTwin(lazy, observed, () -> lazy.tryResize(slot, 64, 60, 8));
    }

    @Test
    void aFreeOfAnotherSlotRightAfterAnAllocationFreesThatSlotAndKeepsTheNewOneLive() {
        SlabByteAllocator allocator = withPool(0, MIB);
        long first = allocator.alloc(64, 8);
        long second = allocator.alloc(64, 8); // undoable
        allocator.dealloc(first, 64, 8);
        assertEquals(first, allocator.alloc(64, 8), "the lowest free slot is the one freed");
        assertNotEquals(first, allocator.alloc(64, 8));
        allocator.dealloc(second, 64, 8);
        assertEquals(2 * 64, allocator.usedBytes());
    }

    @Test
    void aRegionAddedBetweenAFreeAndTheNextAllocationLeavesTheSlotToBeTakenBack() {
        SlabByteAllocator lazy = withPool(0, MIB);
        SlabByteAllocator eager = withPool(0, MIB);
        long taken = takeAndFreeASlot(lazy, eager);
        snapshot(eager); // does the recorded free
        lazy.addMemory(4 * MIB, MIB);
        eager.addMemory(4 * MIB, MIB);
        assertEquals(snapshot(eager), snapshot(lazy));
        assertEquals(taken, lazy.alloc(64, 8));
        assertEquals(taken, eager.alloc(64, 8));
        assertEquals(snapshot(eager), snapshot(lazy));
    }

    /** Makes the same calls on each: a 64-byte slot taken from an existing chunk and freed (recorded, not done). */
    private static long takeAndFreeASlot(SlabByteAllocator... allocators) {
        long taken = 0;
        for (SlabByteAllocator allocator : allocators) {
            allocator.alloc(64, 8);
            taken = allocator.alloc(64, 8);
            allocator.dealloc(taken, 64, 8);
        }
        return taken;
    }

    /**
     * Asserts that {@code call} on {@code lazy} is NOT_ALLOCATED and leaves it as {@code twin} (the same calls made,
     * the one rejected left out) is: a snapshot of {@code lazy} itself before the call would do its recorded free,
     * or forget its undoable slot, and so hide what the call does with them.
     */
    private static void assertNotAllocatedAndUnchangedAsItsTwin(SlabByteAllocator lazy, SlabByteAllocator twin,
                                                             Executable call) {
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(AllocError.NOT_ALLOCATED, e.error(), e.getMessage());
        assertEquals(snapshot(twin), snapshot(lazy), "a rejected call changed the allocator");
    }

    private static List<Long> fill(SlabByteAllocator allocator) {
        List<Long> blocks = new ArrayList<>();
        long block;
        while ((block = allocator.tryAlloc(64, 8)) != ByteAllocator.NO_BLOCK) {
            blocks.add(block);
        }
        return blocks;
    }

    private static long freeRunsOf(SlabByteAllocator allocator, long size) {
        long[] count = new long[1];
        allocator.forEachBlock((start, runSize, used) -> {
            if (!used && runSize == size) {
                count[0]++;
            }
        });
        return count[0];
    }
}
