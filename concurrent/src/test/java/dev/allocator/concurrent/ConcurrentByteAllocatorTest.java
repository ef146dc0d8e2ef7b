package dev.allocator.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The behaviours of the concurrent layer itself: caches, chunks, the root, threads that end, options. */
class ConcurrentByteAllocatorTest {
    private static final long BASE = 1L << 20;
    private static final long REGION = 64L << 20;

    /** 4 arenas, chunks of 1 MiB (requests up to 128 KiB go through chunks), default caches. */
    private static ConcurrentByteAllocator tlsf() {
        ConcurrentByteAllocator allocator = ConcurrentByteAllocator.of("tlsf",
                AllocatorOptions.of("arenas", "4", "chunk-size", "1MiB"));
        allocator.init(BASE, REGION);
        return allocator;
    }

    private static AllocError error(Runnable call) {
        return assertThrows(AllocException.class, call::run).error();
    }

    private static void inThread(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    // ---- thread caches ---------------------------------------------------------------------------------------

    @Test
    void aFreedSmallBlockGoesIntoTheThreadCacheAndComesBackToTheSameThread() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(256, 16);
        allocator.dealloc(block, 256, 16);
        CacheStats cached = allocator.cacheStats();
        assertTrue(cached.cachedBlocks() >= 1, cached.toString());
        assertEquals(0, allocator.usedBytes(), "a cached block is not used");
        assertEquals(256, allocator.usableSize(250, 16));
        assertEquals(block, allocator.alloc(250, 16), "the same usable size takes the cached block back");
        assertEquals(256, allocator.usedBytes());
    }

    @Test
    void doubleFreeOfACachedBlockIsNotAllocatedAndChangesNothing() {
        ConcurrentByteAllocator allocator = tlsf();
        long kept = allocator.alloc(100, 8);
        long block = allocator.alloc(256, 16);
        allocator.dealloc(block, 256, 16);
        CacheStats before = allocator.cacheStats();
        long used = allocator.usedBytes();
        AllocException second = assertThrows(AllocException.class, () -> allocator.dealloc(block, 256, 16));
        assertEquals(AllocError.NOT_ALLOCATED, second.error());
        assertTrue(second.getMessage().contains("thread cache"), second.getMessage());
        assertEquals(before, allocator.cacheStats());
        assertEquals(used, allocator.usedBytes());
        allocator.dealloc(kept, 100, 8);
    }

    @Test
    void doubleFreeFromAnotherThreadOfABlockCachedHereIsNotAllocated() throws InterruptedException {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(64, 8);
        allocator.dealloc(block, 64, 8);
        inThread(() -> assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(block, 64, 8))));
        assertEquals(block, allocator.alloc(64, 8), "the cached block is still this thread's, handed out once");
    }

    @Test
    void aBlockFreedByAnotherThreadGoesIntoThatThreadsCache() throws InterruptedException {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(512, 64);
        AtomicLong reused = new AtomicLong();
        inThread(() -> {
            allocator.dealloc(block, 512, 64);
            reused.set(allocator.alloc(512, 64));
            allocator.dealloc(reused.get(), 512, 64);
        });
        assertEquals(block, reused.get(), "the freeing thread took its cached block back");
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void freeWithTheWrongSizeIsNotAllocatedAndChangesNothing() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(100, 16);
        long used = allocator.usedBytes();
        AllocException wrong = assertThrows(AllocException.class, () -> allocator.dealloc(block, 1000, 16));
        assertEquals(AllocError.NOT_ALLOCATED, wrong.error());
        assertTrue(wrong.getMessage().contains("another size"), wrong.getMessage());
        assertEquals(used, allocator.usedBytes());
        allocator.dealloc(block, 100, 16);
    }

    @Test
    void freeOfAForeignAddressIsNotAllocated() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(100, 16);
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(block + 16, 16, 16)));
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(BASE + REGION + 4096, 16, 16)));
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(7, 16, 1)));
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(-16, 16, 16)));
        allocator.dealloc(block, 100, 16);
    }

    @Test
    void resizingACachedBlockIsNotAllocated() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(256, 16);
        allocator.dealloc(block, 256, 16);
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.tryResize(block, 256, 300, 16)));
    }

    @Test
    void flushThreadCacheSendsTheCallersBlocksHome() {
        ConcurrentByteAllocator allocator = tlsf();
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            blocks.add(allocator.alloc(48, 16));
        }
        for (long block : blocks) {
            allocator.dealloc(block, 48, 16);
        }
        assertTrue(allocator.cacheStats().cachedBlocks() >= 20);
        allocator.flushThreadCache();
        assertEquals(0, allocator.cacheStats().cachedBlocks());
        assertEquals(0, allocator.usedBytes());
    }

    @Test
    void aThreadThatEndsHasItsCacheSentHome() throws InterruptedException {
        ConcurrentByteAllocator allocator = tlsf();
        inThread(() -> {
            for (int i = 0; i < 50; i++) {
                allocator.dealloc(allocator.alloc(96, 16), 96, 16);
            }
        });
        CacheStats left = allocator.cacheStats();
        assertTrue(left.cachedBlocks() > 0 && left.threads() == 2, left.toString()); // this thread and the dead one
        allocator.flushThreadCache(); // any thread's sweep finds the dead one
        CacheStats swept = allocator.cacheStats();
        assertEquals(0, swept.cachedBlocks(), swept.toString());
        assertEquals(1, swept.threads(), "only this thread still has a cache");
    }

    @Test
    void cachedBlocksCountAsAvailableAndStatsSendThemHome() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(1000, 8);
        allocator.dealloc(block, 1000, 8);
        assertEquals(allocator.totalBytes(), allocator.availableBytes());
        List<Long> cached = new ArrayList<>();
        allocator.forEachCachedBlock((start, size, used) -> {
            assertEquals(allocator.usableSize(1000, 8), size);
            assertTrue(!used);
            cached.add(start);
        });
        assertTrue(cached.contains(block), "the freed block is shown as cached (with any fetched ahead): " + cached);
        assertEquals(cached.size(), allocator.cacheStats().cachedBlocks());
        AllocatorStats stats = allocator.stats();
        assertEquals(0, stats.used());
        assertEquals(0, stats.liveBlocks());
        assertEquals(0, allocator.cacheStats().cachedBlocks(), "stats() sent the caches home");
        assertEquals(0, allocator.cacheStats().chunks(), "and the empty chunks back to the root");
        assertEquals(REGION, stats.largestFree(), "the whole region is one free block again");
    }

    // ---- chunks and the root ---------------------------------------------------------------------------------

    @Test
    void aRequestLargerThanAChunkIsServedByTheRoot() {
        ConcurrentByteAllocator allocator = tlsf();
        long large = allocator.alloc(8L << 20, 4096);
        assertEquals(0, large % 4096);
        assertEquals(allocator.usableSize(8L << 20, 4096), allocator.usedBytes());
        assertEquals(0, allocator.cacheStats().chunks(), "no chunk was leased for it");
        allocator.dealloc(large, 8L << 20, 4096);
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(large, 8L << 20, 4096)));
    }

    @Test
    void theWholeRegionCanBeAllocatedWhileIdleThreadsHoldFullCaches() throws InterruptedException {
        ConcurrentByteAllocator allocator = tlsf();
        CountDownLatch filled = new CountDownLatch(4);
        CountDownLatch checked = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                List<Long> blocks = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    blocks.add(allocator.alloc(32 + i % 200, 16));
                }
                for (int i = 0; i < blocks.size(); i++) {
                    allocator.dealloc(blocks.get(i), 32 + i % 200, 16);
                }
                filled.countDown();
                try {
                    checked.await(); // alive and idle, its cache full, while the main thread allocates
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        filled.await();
        CacheStats held = allocator.cacheStats();
        assertTrue(held.chunks() > 0 && held.cachedBlocks() > 0, held.toString());
        long whole = allocator.alloc(REGION, 1);
        checked.countDown();
        assertEquals(BASE, whole, "every cached block went home and every chunk back to the root");
        allocator.dealloc(whole, REGION, 1);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @Test
    void noMemoryNamesTheRequestAndWhatIsLeft() {
        ConcurrentByteAllocator allocator = tlsf();
        AllocException none = assertThrows(AllocException.class, () -> allocator.alloc(REGION + 1, 1));
        assertEquals(AllocError.NO_MEMORY, none.error());
        assertTrue(none.getMessage().contains(Long.toString(REGION + 1)) && none.getMessage().contains("available"),
                none.getMessage());
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(REGION + 1, 1));
    }

    @Test
    void allocBeforeInitIsNoMemory() {
        ConcurrentByteAllocator allocator = ConcurrentByteAllocator.of("buddy");
        assertEquals(AllocError.NO_MEMORY, error(() -> allocator.alloc(16, 16)));
    }

    @Test
    void emptyChunksGoBackToTheRootOnTrim() {
        ConcurrentByteAllocator allocator = tlsf();
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            blocks.add(allocator.alloc(1024, 16));
        }
        assertTrue(allocator.cacheStats().chunks() >= 3);
        for (long block : blocks) {
            allocator.dealloc(block, 1024, 16);
        }
        allocator.trim();
        CacheStats trimmed = allocator.cacheStats();
        assertEquals(0, trimmed.chunks(), trimmed.toString());
        assertEquals(0, trimmed.cachedBlocks());
    }

    @Test
    void aFreeFindsTheNewChunkWhereTheThreadsLastChunkWentBackToTheRoot() {
        ConcurrentByteAllocator allocator = tlsf();
        long chunkSize = allocator.cacheStats().chunkSize();
        long old = allocator.alloc(256, 16);
        allocator.dealloc(old, 256, 16); // the thread now remembers old's chunk
        allocator.trim(); // the cached block goes home and its empty chunk back to the root
        assertEquals(0, allocator.cacheStats().chunks());
        long fresh = allocator.alloc(512, 16); // another size: no stale cache entry makes the thread look again
        assertEquals(old / chunkSize, fresh / chunkSize, "the new chunk is where the remembered one was");

        allocator.dealloc(fresh, 512, 16);

        assertEquals(0, allocator.usedBytes());
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(fresh, 512, 16)));
        assertEquals(fresh, allocator.alloc(512, 16), "the block was cached and comes back");
    }

    // ---- reset and introspection -----------------------------------------------------------------------------

    @Test
    void resetFreesEverythingAndNoStaleCacheEntryIsHandedOut() throws Exception {
        ConcurrentByteAllocator allocator = tlsf();
        Object turn = new Object();
        AtomicLong cachedThere = new AtomicLong(-1);
        AtomicLong afterReset = new AtomicLong(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean[] resetDone = {false};
        Thread other = new Thread(() -> {
            try {
                long block = allocator.alloc(128, 16);
                allocator.dealloc(block, 128, 16);
                cachedThere.set(block);
                synchronized (turn) {
                    turn.notifyAll();
                    while (!resetDone[0]) {
                        turn.wait();
                    }
                }
                afterReset.set(allocator.alloc(128, 16));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        other.start();
        synchronized (turn) {
            while (cachedThere.get() < 0) {
                turn.wait();
            }
        }
        allocator.alloc(5000, 8);
        allocator.reset();
        assertEquals(0, allocator.usedBytes());
        long mine = allocator.alloc(128, 16);
        synchronized (turn) {
            resetDone[0] = true;
            turn.notifyAll();
        }
        other.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertNotEquals(mine, afterReset.get(), "the other thread's stale cache entry was handed out again");
        assertEquals(2 * allocator.usableSize(128, 16), allocator.usedBytes());
    }

    @Test
    void aVisitorThatChangesTheAllocatorGetsConcurrentModificationException() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(64, 8);
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.alloc(16, 16)));
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.dealloc(block, 64, 8)));
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.tryResize(block, 64, 32, 8)));
        assertThrows(ConcurrentModificationException.class,
                () -> allocator.forEachBlock((start, size, used) -> allocator.reset()));
        assertEquals(allocator.usableSize(64, 8), allocator.usedBytes(), "nothing changed");
        allocator.dealloc(block, 64, 8);
        assertEquals(0, allocator.stats().used(), "and the locks were released");
    }

    @Test
    void aVisitorMayReadTheAllocatorWithoutWaitingForTheLocksItsWalkHolds() {
        ConcurrentByteAllocator allocator = tlsf();
        long block = allocator.alloc(64, 8);
        AllocatorStats before = allocator.stats();
        List<AllocatorStats> seen = new ArrayList<>();
        int[] nestedRuns = {0};
        allocator.forEachBlock((start, size, used) -> {
            seen.add(allocator.stats());
            allocator.forEachBlock((innerStart, innerSize, innerUsed) -> nestedRuns[0]++);
        });
        assertFalse(seen.isEmpty(), "the visitor ran");
        for (AllocatorStats stats : seen) {
            assertEquals(before, stats, "stats() from the visitor");
        }
        assertEquals(seen.size() * seen.size(), nestedRuns[0], "every nested walk saw every run");
        allocator.dealloc(block, 64, 8);
        assertEquals(0, allocator.stats().used(), "and the locks were released");
    }

    @Test
    void theWalkShowsEveryLiveBlockInAddressOrder() {
        ConcurrentByteAllocator allocator = tlsf();
        long small = allocator.alloc(100, 16);
        long large = allocator.alloc(4L << 20, 16);
        List<long[]> runs = new ArrayList<>();
        allocator.forEachBlock((start, size, used) -> runs.add(new long[] {start, size, used ? 1 : 0}));
        long covered = 0;
        long previousEnd = BASE;
        int usedRuns = 0;
        for (long[] run : runs) {
            assertEquals(previousEnd, run[0], "runs tile the region in address order");
            previousEnd = run[0] + run[1];
            covered += run[1];
            if (run[2] == 1) {
                usedRuns++;
                assertTrue(run[0] == small || run[0] == large, "a used run at " + run[0]);
            }
        }
        assertEquals(REGION, covered);
        assertEquals(2, usedRuns);
    }

    // ---- options ---------------------------------------------------------------------------------------------

    @Test
    void anUnknownOptionIsInvalidParamNamingTheKeysOfBothLayers() {
        AllocException unknown = assertThrows(AllocException.class,
                () -> ConcurrentByteAllocator.of("tlsf", AllocatorOptions.of("threads", "4")));
        assertEquals(AllocError.INVALID_PARAM, unknown.error());
        assertTrue(unknown.getMessage().contains("threads") && unknown.getMessage().contains("arenas")
                && unknown.getMessage().contains("sl-bits"), unknown.getMessage());
    }

    @Test
    void badValuesAreInvalidParam() {
        assertEquals(AllocError.INVALID_PARAM,
                error(() -> ConcurrentByteAllocator.of("tlsf", AllocatorOptions.of("chunk-size", "3000"))));
        assertEquals(AllocError.INVALID_PARAM,
                error(() -> ConcurrentByteAllocator.of("tlsf", AllocatorOptions.of("arenas", "0"))));
        assertEquals(AllocError.INVALID_PARAM,
                error(() -> ConcurrentByteAllocator.of("tlsf", AllocatorOptions.of("cache-max-block", "0"))));
        assertEquals(AllocError.INVALID_PARAM,
                error(() -> ConcurrentByteAllocator.of("tlsf", AllocatorOptions.of("granularity", "3"))));
    }

    @Test
    void theAlgorithmsOwnOptionsReachEveryInstance() {
        ConcurrentByteAllocator allocator = ConcurrentByteAllocator.of("tlsf",
                AllocatorOptions.of("granularity", "64", "chunk-size", "64KiB"));
        allocator.init(0, 1 << 20);
        assertEquals(64, allocator.usableSize(1, 1));
        long inChunk = allocator.alloc(10, 1);
        long inRoot = allocator.alloc(100_000, 1);
        assertEquals(64 + 100_032, allocator.usedBytes(), "both rounded to 64 bytes, in a chunk and in the root");
        allocator.dealloc(inChunk, 10, 1);
        allocator.dealloc(inRoot, 100_000, 1);
    }

    @Test
    void anUnknownAlgorithmNamesTheOnesThatExist() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ConcurrentByteAllocator.of("nosuch"));
        assertTrue(unknown.getMessage().contains("tlsf"), unknown.getMessage());
    }

    @Test
    void withoutThreadCachesEveryFreeGoesHome() {
        ConcurrentByteAllocator allocator = ConcurrentByteAllocator.of("slab",
                AllocatorOptions.of("cache-bytes", "0", "chunk-size", "256KiB"));
        allocator.init(0, 16L << 20);
        long block = allocator.alloc(64, 8);
        allocator.dealloc(block, 64, 8);
        assertEquals(0, allocator.cacheStats().cachedBlocks());
        assertEquals(AllocError.NOT_ALLOCATED, error(() -> allocator.dealloc(block, 64, 8)));
    }
}
