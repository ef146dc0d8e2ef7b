package dev.allocator.memory;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link PoolSegmentAllocator} promises, for every byte allocator on the path where it does not matter which. */
class PoolSegmentAllocatorTest {
    private static final long POOL_SIZE = 1L << 20;

    static List<String> names() {
        return ByteAllocatorNames.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void segmentsAreSlicesOfThePoolAlignedAtTheirRealAddress(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment whole = pool.pool();
            for (long align = 1; align <= 1 << 14; align <<= 1) {
                MemorySegment block = pool.allocate(100, align);
                assertEquals(100, block.byteSize());
                assertEquals(0, block.address() % align, "aligned to " + align);
                assertTrue(block.address() >= whole.address()
                        && block.address() + 100 <= whole.address() + whole.byteSize(), "inside the pool");
                assertEquals(whole.scope(), block.scope(), "shares the pool's lifetime");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void zeroSizeRequestGetsAZeroLengthSegmentAndTouchesNothing(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            AllocatorStats before = pool.stats();
            MemorySegment empty = pool.allocate(0, 64);
            assertEquals(0, empty.byteSize());
            assertEquals(64, empty.address(), "the address is the alignment, as Rust's dangling pointer");
            pool.free(empty);
            assertEquals(before, pool.stats());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void exhaustionIsNoMemoryNotOutOfMemoryError(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            assertNoMemory(() -> pool.allocate(POOL_SIZE + 1, 8));
            List<MemorySegment> blocks = new ArrayList<>();
            AllocException full = assertThrows(AllocException.class, () -> {
                while (true) {
                    blocks.add(pool.allocate(4096, 8));
                }
            });
            assertEquals(AllocError.NO_MEMORY, full.error());
            assertFalse(blocks.isEmpty());
            for (MemorySegment block : blocks) {
                pool.free(block);
            }
            assertEquals(0, pool.usedBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void statisticsPassThroughAndBalance(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            assertEquals(0, pool.usedBytes());
            MemorySegment block = pool.allocate(1000, 16);
            AllocatorStats stats = pool.stats();
            assertTrue(pool.usedBytes() >= 1000);
            assertEquals(pool.totalBytes(), pool.usedBytes() + pool.availableBytes());
            assertEquals(pool.totalBytes(), stats.total());
            assertEquals(pool.usedBytes(), stats.used());
            assertTrue(pool.totalBytes() <= POOL_SIZE);
            pool.free(block);
            assertEquals(0, pool.usedBytes());
        }
    }

    @Test
    void statisticsAreTheByteAllocatorsOwn() {
        ByteAllocator bytes = Allocators.byteAllocator("tlsf");
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(bytes, POOL_SIZE)) {
            pool.allocate(1000, 16);
            assertEquals(bytes.stats(), pool.stats());
            assertEquals(bytes.usedBytes(), pool.usedBytes());
            assertEquals(POOL_SIZE, pool.totalBytes());
            assertEquals(bytes.availableBytes(), pool.availableBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void foreignSegmentsAreNotAllocatedAndChangeNothing(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE);
             Arena arena = Arena.ofConfined()) {
            MemorySegment live = pool.allocate(256, 8);
            AllocatorStats before = pool.stats();
            assertNotAllocated(() -> pool.free(arena.allocate(256, 8)));
            assertNotAllocated(() -> pool.free(MemorySegment.ofArray(new long[32])));
            assertNotAllocated(() -> pool.free(pool.pool()));
            assertNotAllocated(() -> pool.reallocate(arena.allocate(256), 512));
            assertEquals(before, pool.stats());
            pool.free(live);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void doubleFreeIsRejectedAndChangesNothing(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment kept = pool.allocate(64, 8);
            MemorySegment block = pool.allocate(128, 8);
            pool.free(block);
            AllocatorStats before = pool.stats();
            assertNotAllocated(() -> pool.free(block));
            assertEquals(before, pool.stats());
            pool.free(kept);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void anotherSliceOfABlockIsNotAllocatedAndChangesNothing(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment block = pool.allocate(100, 8);
            AllocatorStats before = pool.stats();
            assertNotAllocated(() -> pool.free(block.asSlice(0, 99)));
            assertNotAllocated(() -> pool.free(block.asSlice(8)));
            assertNotAllocated(() -> pool.free(block.asSlice(0, 0)));
            assertNotAllocated(() -> pool.reallocate(block.asSlice(0, 96), 200));
            assertEquals(before, pool.stats());
            pool.free(block);
            assertEquals(0, pool.usedBytes());
        }
    }

    @Test
    void badArgumentsAreIllegalArgumentsAsSegmentAllocatorSays() {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE)) {
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(-1, 8));
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(8, 3));
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(8, 0));
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(8, -8));
            assertEquals(0, pool.usedBytes());
            MemorySegment block = pool.allocate(8, 8);
            long used = pool.usedBytes();
            assertThrows(IllegalArgumentException.class, () -> pool.reallocate(block, -1));
            assertEquals(used, pool.usedBytes());
            pool.free(block);
        }
    }

    @Test
    void closeReleasesAnOwnedPool() {
        PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE);
        MemorySegment block = pool.allocate(JAVA_LONG, 4);
        block.setAtIndex(JAVA_LONG, 0, 42);
        pool.close();
        assertFalse(block.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> block.getAtIndex(JAVA_LONG, 0));
    }

    @Test
    void closeLeavesALentPoolToItsOwner() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(POOL_SIZE);
            PoolSegmentAllocator pool = PoolSegmentAllocator.ofSegment("tlsf", memory);
            MemorySegment block = pool.allocate(JAVA_LONG, 4);
            block.setAtIndex(JAVA_LONG, 0, 42);
            pool.close();
            assertTrue(memory.scope().isAlive());
            assertEquals(42, block.getAtIndex(JAVA_LONG, 0));
        }
    }

    @Test
    void everyCallAfterCloseIsAnIllegalState() {
        PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE);
        MemorySegment block = pool.allocate(64, 8);
        pool.close();
        List<Executable> calls = List.of(
                () -> pool.allocate(64, 8), () -> pool.allocate(0, 8), () -> pool.allocateFrom("x"),
                () -> pool.free(block), () -> pool.reallocate(block, 128),
                pool::totalBytes, pool::usedBytes, pool::availableBytes, pool::stats, pool::pool, pool::close);
        for (Executable call : calls) {
            assertThrows(IllegalStateException.class, call);
        }
    }

    @Test
    void aConfinedAllocatorRejectsOtherThreads() throws Exception {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE)) {
            MemorySegment block = pool.allocate(64, 8);
            List<Consumer<PoolSegmentAllocator>> calls = List.of(
                    p -> p.allocate(64, 8), p -> p.free(block), p -> p.reallocate(block, 128), p -> p.stats(),
                    PoolSegmentAllocator::close);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                for (Consumer<PoolSegmentAllocator> call : calls) {
                    Future<?> result = other.submit(() -> assertThrows(WrongThreadException.class,
                            () -> call.accept(pool)));
                    result.get();
                }
            } finally {
                other.shutdown();
            }
            assertEquals(64, pool.usedBytes());
            pool.free(block);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aSharedAllocatorServesManyThreadsAtOnce(String name) throws Exception {
        int threads = 4;
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.builder(name).poolSize(16L << 20).shared().build()) {
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long seed = 1000 + t;
                    results.add(workers.submit(() -> churn(pool, seed)));
                }
                for (Future<?> result : results) {
                    result.get();
                }
            } finally {
                workers.shutdown();
            }
            assertEquals(0, pool.usedBytes());
        }
    }

    @Test
    void reallocateGrowsInPlaceWhenTheNextRangeIsFree() {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(Allocators.byteAllocator("tlsf"), POOL_SIZE)) {
            MemorySegment block = pool.allocate(64, 8);
            Patterns.fill(block, 1);
            MemorySegment grown = pool.reallocate(block, 4096);
            assertEquals(block.address(), grown.address(), "grown in place");
            assertEquals(4096, grown.byteSize());
            Patterns.verify(grown.asSlice(0, 64), 1);
            assertEquals(4096, pool.usedBytes());
            pool.free(grown);
        }
    }

    @Test
    void reallocateShrinksInPlace() {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(Allocators.byteAllocator("tlsf"), POOL_SIZE)) {
            MemorySegment block = pool.allocate(4096, 64);
            Patterns.fill(block, 2);
            MemorySegment shrunk = pool.reallocate(block, 64);
            assertEquals(block.address(), shrunk.address());
            assertEquals(64, pool.usedBytes());
            Patterns.verify(shrunk, 2); // the first 64 bytes keep the first 8 words of the pattern
            assertNotAllocated(() -> pool.free(block));
            pool.free(shrunk);
        }
    }

    @Test
    void reallocateMovesAndCopiesWhenTheNextRangeIsTaken() {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(Allocators.byteAllocator("tlsf"), POOL_SIZE)) {
            MemorySegment block = pool.allocate(JAVA_INT, 16);
            MemorySegment neighbour = pool.allocate(64, 8);
            int[] values = new int[16];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 31;
            }
            MemorySegment.copy(values, 0, block, JAVA_INT, 0, values.length);
            Patterns.fill(neighbour, 3);
            MemorySegment moved = pool.reallocate(block, 1024);
            assertNotEquals(block.address(), moved.address(), "moved");
            assertEquals(0, moved.address() % JAVA_INT.byteAlignment());
            assertArrayEquals(values, moved.asSlice(0, 64).toArray(JAVA_INT));
            Patterns.verify(neighbour, 3);
            assertEquals(1024 + 64, pool.usedBytes(), "the old block was freed");
            assertNotAllocated(() -> pool.free(block));
            pool.free(moved);
            pool.free(neighbour);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void reallocateKeepsContentsAndAlignmentWhicheverWayItGoes(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment block = pool.allocate(100, 256);
            MemorySegment neighbour = pool.allocate(100, 8);
            Patterns.fill(block, 4);
            Patterns.fill(neighbour, 5);
            long[] sizes = {300, 5000, 20_000, 1000, 40, 100};
            long previousSize = 100;
            for (long size : sizes) {
                MemorySegment resized = pool.reallocate(block, size);
                assertEquals(size, resized.byteSize());
                assertEquals(0, resized.address() % 256, "keeps its alignment");
                Patterns.verify(resized.asSlice(0, Math.min(previousSize, size) & ~7L), 4);
                Patterns.fill(resized, 4);
                block = resized;
                previousSize = size;
            }
            Patterns.verify(neighbour, 5);
            pool.free(block);
            pool.free(neighbour);
            assertEquals(0, pool.usedBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void reallocateThatCannotMoveLeavesTheBlockAsItWas(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment block = pool.allocate(1000, 8);
            Patterns.fill(block, 6);
            AllocatorStats before = pool.stats();
            assertNoMemory(() -> pool.reallocate(block, POOL_SIZE + 1));
            assertEquals(before, pool.stats());
            Patterns.verify(block, 6);
            pool.free(block);
        }
    }

    @Test
    void reallocateToZeroFreesAndFromZeroAllocatesWithTheSameAlignment() {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE)) {
            MemorySegment block = pool.allocate(64, 128);
            MemorySegment empty = pool.reallocate(block, 0);
            assertEquals(0, empty.byteSize());
            assertEquals(0, pool.usedBytes());
            MemorySegment again = pool.reallocate(empty, 64);
            assertEquals(64, again.byteSize());
            assertEquals(0, again.address() % 128);
            pool.free(again);
        }
    }

    @Test
    void aHeapPoolManagesOffsetsAndHonoursElementAlignment() {
        long[] array = new long[1 << 14];
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSegment("tlsf",
                MemorySegment.ofArray(array))) {
            MemorySegment block = pool.allocate(JAVA_LONG, 3);
            assertFalse(block.isNative());
            assertEquals(array, block.heapBase().orElseThrow());
            block.setAtIndex(JAVA_LONG, 2, 77);
            assertEquals(77, array[(int) (block.address() / Long.BYTES) + 2], "the block is the array's memory");
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(8, 16));
            assertNotAllocated(() -> pool.free(MemorySegment.ofArray(new long[3])));
            assertEquals(pool.pool().byteSize(), pool.totalBytes());
            pool.free(block);
            assertEquals(0, pool.usedBytes());
        }
        try (PoolSegmentAllocator bytes = PoolSegmentAllocator.ofSegment("tlsf",
                MemorySegment.ofArray(new byte[4096]).asSlice(3))) {
            MemorySegment text = bytes.allocateFrom("on the heap");
            assertEquals("on the heap", text.getString(0));
            assertThrows(IllegalArgumentException.class, () -> bytes.allocate(8, 2));
            bytes.free(text);
        }
    }

    @Test
    void aReadOnlyPoolIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PoolSegmentAllocator.ofSegment("tlsf",
                MemorySegment.ofArray(new byte[64]).asReadOnly()));
    }

    @Test
    void aBuilderNeedsAPool() {
        assertThrows(IllegalStateException.class, () -> PoolSegmentAllocator.builder("tlsf").build());
        assertThrows(IllegalArgumentException.class,
                () -> PoolSegmentAllocator.builder("tlsf").poolSize(-1));
    }

    @Test
    void anUnknownNameSaysWhichNamesExist() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PoolSegmentAllocator.ofSize("no-such-allocator", POOL_SIZE));
        assertTrue(error.getMessage().contains("tlsf"), error.getMessage());
    }

    private static void churn(PoolSegmentAllocator pool, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<MemorySegment> blocks = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (long operation = 0; operation < 2_000; operation++) {
            if (random.nextBoolean() || blocks.isEmpty()) {
                MemorySegment block = pool.allocate(1 + random.nextInt(2000), 1L << random.nextInt(7));
                long id = seed * 1_000_000 + operation;
                Patterns.fill(block, id);
                blocks.add(block);
                ids.add(id);
            } else {
                int last = blocks.size() - 1;
                MemorySegment block = blocks.remove(last);
                Patterns.verify(block, ids.remove(last));
                pool.free(block);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            Patterns.verify(blocks.get(i), ids.get(i));
            pool.free(blocks.get(i));
        }
    }

    private static void assertNotAllocated(Executable call) {
        assertEquals(AllocError.NOT_ALLOCATED, assertThrows(AllocException.class, call).error());
    }

    private static void assertNoMemory(Executable call) {
        assertEquals(AllocError.NO_MEMORY, assertThrows(AllocException.class, call).error());
    }
}
