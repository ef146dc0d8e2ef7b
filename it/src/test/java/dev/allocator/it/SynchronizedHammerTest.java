package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Four threads share one {@link Allocators#synchronizedByteAllocator(ByteAllocator)} per byte allocator found
 * and hammer it: 100,000 random operations each (allocate, free, resize in place) with random sizes and
 * alignments. Afterwards no two live blocks overlap, the counters match the live set, and freeing every block
 * brings {@code used} back to 0. Not timed: it proves the synchronized view keeps the allocator consistent.
 */
class SynchronizedHammerTest {
    static final int THREADS = 4;
    static final int OPS_PER_THREAD = 100_000;
    static final int MAX_LIVE_PER_THREAD = 64;
    static final long POOL = 64L << 20;
    static final long SEED = 0x5EED_2026L;

    @TestFactory
    Stream<DynamicTest> fourThreadsKeepEverySynchronizedByteAllocatorConsistent() {
        List<AllocatorProvider> byteProviders = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == AllocatorKind.BYTE) {
                byteProviders.add(provider);
            }
        }
        assertFalse(byteProviders.isEmpty(), "no byte allocator found");
        System.out.println("SynchronizedHammerTest seed " + SEED);
        return byteProviders.stream().map(provider -> DynamicTest.dynamicTest(provider.name(),
                () -> hammer(provider.name())));
    }

    private static void hammer(String name) throws Exception {
        ByteAllocator shared = Allocators.synchronizedByteAllocator(Allocators.byteAllocator(name));
        shared.init(0, POOL);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<LiveBlocks>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                long seed = SEED + t;
                results.add(pool.submit(() -> {
                    start.await();
                    return run(shared, new SplittableRandom(seed));
                }));
            }
            LiveBlocks all = new LiveBlocks();
            for (Future<LiveBlocks> result : results) {
                all.addAll(result.get());
            }
            checkConsistent(name, shared, all);
            all.freeAll(shared);
            assertEquals(0, shared.usedBytes(), name + ": used after freeing every block");
            assertEquals(0, shared.stats().liveBlocks(), name + ": live blocks after freeing every block");
            assertEquals(shared.totalBytes(), shared.availableBytes(), name + ": available after freeing all");
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's share of the work; returns the blocks it still holds. */
    private static LiveBlocks run(ByteAllocator shared, SplittableRandom random) {
        LiveBlocks mine = new LiveBlocks();
        for (int op = 0; op < OPS_PER_THREAD; op++) {
            int dice = random.nextInt(100);
            if (mine.count > 0 && (dice < 40 || mine.count == MAX_LIVE_PER_THREAD)) {
                int victim = random.nextInt(mine.count);
                shared.dealloc(mine.pos[victim], mine.size[victim], mine.align[victim]);
                mine.remove(victim);
            } else if (mine.count > 0 && dice < 50) {
                int block = random.nextInt(mine.count);
                long newSize = randomSize(random);
                if (shared.tryResize(mine.pos[block], mine.size[block], newSize, mine.align[block])) {
                    mine.size[block] = newSize;
                }
            } else {
                long size = randomSize(random);
                long align = 1L << random.nextInt(8);
                long pos = shared.tryAlloc(size, align);
                if (pos != ByteAllocator.NO_BLOCK) {
                    mine.add(pos, size, align);
                }
            }
        }
        return mine;
    }

    /** Mostly small, some medium, a few large: 0 to 64 KiB. */
    private static long randomSize(SplittableRandom random) {
        int dice = random.nextInt(100);
        if (dice < 70) {
            return random.nextLong(0, 257);
        }
        if (dice < 95) {
            return random.nextLong(257, 4097);
        }
        return random.nextLong(4097, 65_537);
    }

    private static void checkConsistent(String name, ByteAllocator shared, LiveBlocks all) {
        long[][] sorted = all.sortedByAddress();
        long expectedUsed = 0;
        for (int i = 0; i < sorted.length; i++) {
            long pos = sorted[i][0];
            long size = sorted[i][1];
            long align = sorted[i][2];
            assertEquals(0, pos % align, name + ": block at " + pos + " is not aligned to " + align);
            assertTrue(pos >= 0 && pos + size <= POOL, name + ": block [" + pos + ", +" + size + ") is outside");
            if (i + 1 < sorted.length) {
                long next = sorted[i + 1][0];
                assertTrue(pos + Math.max(size, 1) <= next,
                        name + ": block [" + pos + ", +" + size + ") overlaps the block at " + next);
            }
            expectedUsed += shared.usableSize(size, align);
        }
        AllocatorStats stats = shared.stats();
        assertEquals(expectedUsed, shared.usedBytes(), name + ": used bytes against the live set");
        assertEquals(sorted.length, stats.liveBlocks(), name + ": live blocks against the live set");
        assertEquals(shared.totalBytes(), shared.usedBytes() + shared.availableBytes(), name + ": used + available");
        assertEquals(stats.used(), shared.usedBytes(), name + ": stats().used() against usedBytes()");
        System.out.println("SynchronizedHammerTest " + name + ": " + sorted.length + " live blocks, "
                + shared.usedBytes() + " bytes used of " + shared.totalBytes() + " after "
                + THREADS * OPS_PER_THREAD + " operations");
    }

    /** Blocks one thread holds, in parallel primitive arrays; removal swaps the last one in. */
    static final class LiveBlocks {
        long[] pos = new long[MAX_LIVE_PER_THREAD];
        long[] size = new long[MAX_LIVE_PER_THREAD];
        long[] align = new long[MAX_LIVE_PER_THREAD];
        int count;

        void add(long blockPos, long blockSize, long blockAlign) {
            if (count == pos.length) {
                pos = Arrays.copyOf(pos, count * 2);
                size = Arrays.copyOf(size, count * 2);
                align = Arrays.copyOf(align, count * 2);
            }
            pos[count] = blockPos;
            size[count] = blockSize;
            align[count] = blockAlign;
            count++;
        }

        void remove(int index) {
            count--;
            pos[index] = pos[count];
            size[index] = size[count];
            align[index] = align[count];
        }

        void addAll(LiveBlocks other) {
            for (int i = 0; i < other.count; i++) {
                add(other.pos[i], other.size[i], other.align[i]);
            }
        }

        long[][] sortedByAddress() {
            long[][] blocks = new long[count][];
            for (int i = 0; i < count; i++) {
                blocks[i] = new long[] {pos[i], size[i], align[i]};
            }
            Arrays.sort(blocks, (a, b) -> Long.compare(a[0], b[0]));
            return blocks;
        }

        void freeAll(ByteAllocator allocator) {
            for (int i = 0; i < count; i++) {
                allocator.dealloc(pos[i], size[i], align[i]);
            }
            count = 0;
        }
    }
}
