package dev.allocator.buddy;

import static dev.allocator.buddy.HeapWalk.blocks;
import static dev.allocator.buddy.HeapWalk.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The free that empties the last split path (two blocks of one size in flight, or the steady pair) is recorded, not
 * merged, and the allocation that would split the path again takes it back. Each case runs on a twin that is
 * observed ({@code stats()}) after every call, which makes it merge at once: eager merging, the reference.
 */
class SplitPathTest {
    /** A plain allocator and its eager twin, given the same calls. */
    private static final class Twins {
        final BuddyByteAllocator plain;
        final BuddyByteAllocator eager;

        Twins(long minBlock, int maxOrder) {
            plain = new BuddyByteAllocator(minBlock, maxOrder);
            eager = new BuddyByteAllocator(minBlock, maxOrder);
        }

        void both(Consumer<BuddyByteAllocator> call) {
            call.accept(plain);
            call.accept(eager);
            eager.stats();
        }

        long alloc(long size, long align) {
            long address = plain.tryAlloc(size, align);
            assertEquals(eager.tryAlloc(size, align), address, "address of " + size + " aligned to " + align);
            eager.stats();
            return address;
        }

        void free(long address, long size, long align) {
            both(allocator -> allocator.dealloc(address, size, align));
        }

        boolean resize(long address, long oldSize, long newSize, long align) {
            boolean resized = plain.tryResize(address, oldSize, newSize, align);
            assertEquals(eager.tryResize(address, oldSize, newSize, align), resized, "resize of " + address);
            eager.stats();
            return resized;
        }

        void assertSame(String where) {
            assertEquals(eager.usedBytes(), plain.usedBytes(), where);
            assertEquals(snapshot(eager), snapshot(plain), where);
        }
    }

    private static Twins twins(long pool) {
        Twins twins = new Twins(16, 32);
        twins.both(allocator -> allocator.init(0, pool));
        return twins;
    }

    @Test
    void twoBlocksInFlightGetTheAddressesAndFiguresOfEagerMerging() {
        roundsWithTwoInFlight(256, 256, "the buddy of the first");
    }

    @Test
    void aSmallBlockAndALargerOneInFlightGetTheAddressesAndFiguresOfEagerMerging() {
        roundsWithTwoInFlight(256, 4096, "the path's piece of order 12, taken whole");
    }

    /** Rounds of alloc first, alloc second, both freed (in turn in either order) on twins: the same every round. */
    private static void roundsWithTwoInFlight(long firstSize, long secondSize, String secondIs) {
        Twins twins = twins(1L << 30);
        for (int round = 0; round < 50; round++) {
            long first = twins.alloc(firstSize, 16);
            long second = twins.alloc(secondSize, 16);
            assertEquals(0, first);
            assertEquals(secondSize, second, secondIs);
            if (round % 2 == 0) {
                twins.free(first, firstSize, 16);
                twins.free(second, secondSize, 16);
            } else {
                twins.free(second, secondSize, 16);
                twins.free(first, firstSize, 16);
            }
            assertEquals(0, twins.plain.usedBytes());
            if (round % 10 == 0) {
                twins.assertSame("round " + round);
            }
        }
        twins.assertSame("after the rounds");
        assertEquals(List.of("0+1073741824:free"), blocks(twins.plain), "all merged back");
    }

    @Test
    void theRecordedFreeReadsAsDoneInFiguresAndWalks() {
        BuddyByteAllocator allocator = new BuddyByteAllocator(16, 21);
        allocator.init(0, 1 << 20);
        long first = allocator.alloc(256, 16);
        long second = allocator.alloc(256, 16);
        allocator.dealloc(first, 256, 16);
        allocator.dealloc(second, 256, 16);
        assertEquals(0, allocator.usedBytes());
        assertEquals(1 << 20, allocator.largestFreeBlock());
        allocator.dealloc(allocator.alloc(256, 16), 256, 16);
        AllocatorStats stats = allocator.stats();
        assertEquals(1, stats.freeRanges());
        assertEquals(0, stats.liveBlocks());
        assertEquals(1 << 20, stats.largestFree());
        allocator.alloc(256, 16);
        allocator.alloc(256, 16);
        allocator.dealloc(256, 256, 16);
        allocator.dealloc(0, 256, 16);
        assertEquals(List.of("0+1048576:free"), blocks(allocator));
        assertEquals(1, allocator.blockRecords());
    }

    @Test
    void theAllocationAfterTheRecordedFreeTakesTheLowerBlockWhicheverWasFreedLast() {
        BuddyByteAllocator allocator = new BuddyByteAllocator(16, 21);
        allocator.init(0, 1 << 20);
        allocator.alloc(256, 16);
        allocator.alloc(256, 16);
        int records = allocator.blockRecords();
        allocator.dealloc(0, 256, 16);
        allocator.dealloc(256, 256, 16);
        assertEquals(0, allocator.alloc(256, 16), "the lower half, as a split of the merged block gives");
        assertEquals(256, allocator.alloc(256, 16));
        assertEquals(records, allocator.blockRecords(), "the same blocks");
        assertEquals(List.of("0+256:used", "256+256:used", "512+512:free"), blocks(allocator).subList(0, 3));
    }

    @Test
    void aDoubleFreeRightAfterTheRecordedFreeIsNotAllocatedAndChangesNothing() {
        for (long freedLast : new long[] {0, 256}) {
            Twins twins = twins(1 << 20);
            twins.alloc(256, 16);
            twins.alloc(256, 16);
            twins.free(256 - freedLast, 256, 16);
            twins.free(freedLast, 256, 16);
            for (long address : new long[] {0, 256}) {
                twins.both(allocator -> assertEquals(AllocError.NOT_ALLOCATED, assertThrows(AllocException.class,
                        () -> allocator.dealloc(address, 256, 16)).error()));
                twins.both(allocator -> assertThrows(AllocException.class,
                        () -> allocator.tryResize(address, 256, 512, 16)));
            }
            assertEquals(0, twins.alloc(256, 16), "the recorded free is still taken back");
            assertEquals(256, twins.alloc(256, 16));
            twins.assertSame("after the rejected frees, last freed " + freedLast);
        }
    }

    @Test
    void anotherBlockFiledAmongThePathsOrdersIsWhatTheNextAllocationTakes() {
        Twins twins = twins(1 << 20);
        long kept = twins.alloc(256, 16); // splits the pool down to 256: the path at 0
        long low = twins.alloc(256, 16);
        long high = twins.alloc(256, 16); // splits [512, 1024): the path at 512
        long buddy = twins.alloc(256, 16);
        twins.free(kept, 256, 16); // filed at order 8, outside the path
        twins.free(high, 256, 16);
        twins.free(buddy, 256, 16); // merges [512, 1024), not all the way: [0, 512) is not free
        assertEquals(0, twins.alloc(256, 16), "the block filed at order 8, not the path's");
        twins.free(low, 256, 16);
        twins.assertSame("the end");
    }

    @Test
    void aPieceTakenWholeStopsTheMergeOfTheRecordedFreeWhereEagerMergingStops() {
        for (long nextSize : new long[] {256, 512, 1024}) {
            Twins twins = twins(1 << 20);
            long low = twins.alloc(256, 16);
            long high = twins.alloc(256, 16);
            long piece = twins.alloc(1024, 16); // the path's piece of order 10, taken whole
            twins.free(high, 256, 16);
            twins.free(low, 256, 16); // merges up to order 10 only
            assertEquals(0, twins.alloc(nextSize, 16), "next " + nextSize);
            twins.assertSame("next " + nextSize);
            twins.free(piece, 1024, 16);
            twins.free(0, nextSize, 16);
            twins.assertSame("all freed, next " + nextSize);
        }
    }

    @Test
    void aResizeOrANewRegionEndsTheRecording() {
        Twins twins = twins(1 << 20);
        long first = twins.alloc(256, 16);
        long second = twins.alloc(256, 16);
        twins.resize(first, 256, 128, 16); // files [128, 256) free
        twins.free(second, 256, 16);
        twins.free(first, 128, 16);
        assertEquals(0, twins.alloc(128, 16));
        twins.assertSame("after the resize");
        twins.free(0, 128, 16);

        long third = twins.alloc(256, 16);
        long fourth = twins.alloc(256, 16);
        twins.both(allocator -> allocator.addMemory(4 << 20, 256)); // files a block of order 8
        twins.free(third, 256, 16);
        twins.free(fourth, 256, 16);
        assertEquals(4 << 20, twins.alloc(256, 16), "the new region's block comes first in its list");
        twins.assertSame("after the new region");
    }

    /** 1 KiB blocks at most, a region of four of them left virgin: their records come and go with the calls. */
    private static Twins smallTopVirginRegion() {
        Twins twins = new Twins(16, 11);
        twins.both(allocator -> allocator.init(0, 4096));
        return twins;
    }

    @Test
    void aPathMergedAwayIsForgottenThoughItsRecordsAreReused() {
        Twins twins = smallTopVirginRegion();
        long low = twins.alloc(512, 16); // splits a virgin block: the path at 0, its high half at 512
        twins.free(low, 512, 16); // recorded
        assertEquals(0, twins.alloc(1024, 16)); // merges the path away and takes the merged block whole
        assertEquals(1024, twins.alloc(1024, 16)); // a virgin block, in the high half's old record
        twins.free(0, 1024, 16);
        assertEquals(0, twins.alloc(512, 16));
        twins.assertSame("after the records were reused");
    }

    @Test
    void aResetForgetsThePath() {
        Twins twins = smallTopVirginRegion();
        twins.alloc(512, 16); // the path at 0
        twins.both(BuddyByteAllocator::reset);
        assertEquals(0, twins.alloc(1024, 16)); // a virgin block, in the old path's low record
        twins.free(0, 1024, 16);
        assertEquals(0, twins.alloc(512, 16));
        twins.assertSame("after the reset");
    }

    @Test
    void aBlockOfANewRegionIsWhatTheNextAllocationTakesWhetherAddedBeforeOrAfterTheFrees() {
        for (boolean addedFirst : new boolean[] {true, false}) {
            Twins twins = new Twins(1, 16);
            twins.both(allocator -> allocator.init(0, 1024));
            twins.alloc(1, 1); // the path at 0: L at 0, H at 1
            twins.alloc(1, 1);
            if (addedFirst) {
                twins.both(allocator -> allocator.addMemory(4097, 1)); // a block of order 0, at an odd address
            }
            twins.free(0, 1, 1);
            twins.free(1, 1, 1);
            if (!addedFirst) {
                twins.both(allocator -> allocator.addMemory(4097, 1));
            }
            assertEquals(4097, twins.alloc(1, 1), "added first: " + addedFirst);
            twins.assertSame("added first: " + addedFirst);
        }
    }

    @Test
    void resetsWalksAndResizesBetweenThePairsChangeNoAnswer() {
        Twins twins = twins(1 << 20);
        for (int round = 0; round < 10; round++) {
            long first = twins.alloc(256, 16);
            long second = twins.alloc(256, 16);
            long firstSize = 256;
            switch (round % 5) {
                case 0 -> assertFalse(twins.resize(second, 256, 512, 16), "an upper half cannot grow");
                case 1 -> {
                    twins.free(second, 256, 16);
                    second = twins.alloc(256, 16);
                    twins.free(second, 256, 16);
                    second = BuddyByteAllocator.NO_BLOCK;
                    assertTrue(twins.resize(first, 256, 512, 16), "grows into the free buddy");
                    firstSize = 512;
                }
                case 2 -> twins.plain.forEachBlock((start, size, used) -> { });
                case 3 -> {
                    assertTrue(twins.resize(first, 256, 100, 16));
                    firstSize = 100;
                }
                default -> twins.both(BuddyByteAllocator::reset);
            }
            if (round % 5 != 4) {
                twins.free(first, firstSize, 16);
                freeIfAllocated(twins, second, 256);
            }
            twins.assertSame("round " + round);
        }
    }

    /**
     * Random calls rich in the patterns the recording serves (pairs and two blocks in flight of one size), mixed
     * with frees of other blocks, other sizes, resizes, walks, resets and a second region: the same answers as the
     * eager twin at every step.
     */
    @Test
    void randomSequencesRichInPairsGiveTheAnswersOfEagerMerging() {
        for (long seed = 1; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Twins twins = new Twins(16, seed % 2 == 0 ? 32 : 16);
            twins.both(allocator -> allocator.init(0, 1 << 20));
            twins.both(allocator -> allocator.addMemory(3 << 20, 100_000));
            List<long[]> live = new ArrayList<>();
            for (int step = 0; step < 2000; step++) {
                String where = "seed " + seed + ", step " + step;
                int choice = random.nextInt(20);
                long size = random.nextInt(3) == 0 ? random.nextLong(1, 5000) : 256;
                if (choice < 6 || live.isEmpty()) {
                    long secondSize = random.nextBoolean() ? size : size << random.nextInt(6);
                    long first = twins.alloc(size, 16);
                    long second = twins.alloc(secondSize, 16);
                    if (random.nextInt(4) == 0) {
                        keepIfAllocated(live, first, size);
                        keepIfAllocated(live, second, secondSize);
                    } else if (random.nextBoolean()) {
                        freeIfAllocated(twins, first, size);
                        freeIfAllocated(twins, second, secondSize);
                    } else {
                        freeIfAllocated(twins, second, secondSize);
                        freeIfAllocated(twins, first, size);
                    }
                } else if (choice < 9) {
                    keepIfAllocated(live, twins.alloc(size, 16), size);
                } else if (choice < 15) {
                    long[] block = live.remove(random.nextInt(live.size()));
                    twins.free(block[0], block[1], 16);
                } else if (choice < 17) {
                    long[] block = live.get(random.nextInt(live.size()));
                    long newSize = random.nextLong(1, 2 * block[1] + 64);
                    if (twins.resize(block[0], block[1], newSize, 16)) {
                        block[1] = newSize;
                    }
                } else if (choice == 17) {
                    twins.plain.forEachBlock((start, blockSize, used) -> { });
                } else if (choice == 18 && random.nextInt(10) == 0) {
                    twins.both(BuddyByteAllocator::reset);
                    live.clear();
                } else {
                    long address = twins.alloc(size, 16);
                    freeIfAllocated(twins, address, size);
                }
                assertEquals(twins.eager.usedBytes(), twins.plain.usedBytes(), where);
                if (step % 250 == 0) {
                    twins.assertSame(where);
                }
            }
            twins.assertSame("seed " + seed + ", the end");
        }
    }

    private static void keepIfAllocated(List<long[]> live, long address, long size) {
        if (address != BuddyByteAllocator.NO_BLOCK) {
            live.add(new long[] {address, size});
        }
    }

    private static void freeIfAllocated(Twins twins, long address, long size) {
        if (address != BuddyByteAllocator.NO_BLOCK) {
            twins.free(address, size, 16);
        }
    }
}
