package dev.allocator.memory;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The original crate's integration workloads ({@code tests/allocator.rs}), run through {@link PoolSegmentAllocator}
 * on a 128 MiB pool for every byte allocator on the path. Every block is filled with a pattern from its id and
 * verified before it is freed, so two blocks that overlap fail the test. Each workload prints its run time (for
 * the record; nothing is asserted about it).
 */
class IntegrationWorkloadsTest {
    private static final long POOL_SIZE = 128L << 20;
    private static final long SEED = 0x5EED_A110CL;

    static List<String> names() {
        return ByteAllocatorNames.all();
    }

    /** The original's {@code test_vec(3_000_000)}, grown by doubling through {@code reallocate}, then sorted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void growingIntArrayKeepsItsContentsThroughEveryReallocation(String name) {
        int count = 3_000_000;
        long id = 7;
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            long started = System.nanoTime();
            MemorySegment array = pool.allocate(JAVA_INT, 4);
            for (int i = 0; i < count; i++) {
                long capacity = array.byteSize() / Integer.BYTES;
                if (i == capacity) {
                    array = pool.reallocate(array, 2 * capacity * Integer.BYTES);
                    assertEquals(0, array.address() % Integer.BYTES, "int alignment kept");
                    verifyInts(array, id, i);
                }
                array.setAtIndex(JAVA_INT, i, (int) Patterns.word(id, i));
            }
            verifyInts(array, id, count);

            MemorySegment used = array.asSlice(0, (long) count * Integer.BYTES);
            int[] values = used.toArray(JAVA_INT);
            long sum = Arrays.stream(values).asLongStream().sum();
            Arrays.sort(values);
            MemorySegment.copy(values, 0, used, JAVA_INT, 0, count);
            long sortedSum = 0;
            for (int i = 0; i < count; i++) {
                int value = used.getAtIndex(JAVA_INT, i);
                sortedSum += value;
                if (i > 0) {
                    assertTrue(used.getAtIndex(JAVA_INT, i - 1) <= value, "sorted at " + i);
                }
            }
            assertEquals(sum, sortedSum, "sorting in the pool kept every value");
            pool.free(array);
            assertEquals(0, pool.usedBytes());
            log(name, "vec 3M ints by doubling", started);
        }
    }

    /** The original's {@code test_vec2(30_000, 64)} and {@code test_vec2(7_500, 520)}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void blocksOfLongsFreedInRandomOrderKeepTheirPatterns(String name) {
        SplittableRandom random = new SplittableRandom(SEED);
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            long started = System.nanoTime();
            allocateThenFreeShuffled(pool, 30_000, 64, random);
            allocateThenFreeShuffled(pool, 7_500, 520, random);
            log(name, "30000x64 + 7500x520 longs", started);
        }
    }

    /** The original's {@code test_btree_map(50_000)}: keys are C strings allocated from the pool. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sortedMapWithKeysInThePoolStaysConsistent(String name) {
        SplittableRandom random = new SplittableRandom(SEED);
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            long started = System.nanoTime();
            TreeMap<MemorySegment, Integer> map = new TreeMap<>(IntegrationWorkloadsTest::compareCStrings);
            for (int operation = 0; operation < 50_000; operation++) {
                if (random.nextInt(5) == 0 && !map.isEmpty()) {
                    Map.Entry<MemorySegment, Integer> first = map.pollFirstEntry();
                    verifyKey(first.getKey(), first.getValue());
                    pool.free(first.getKey());
                } else {
                    int value = random.nextInt();
                    MemorySegment key = pool.allocateFrom(keyOf(value));
                    if (map.put(key, value) != null) {
                        verifyKey(key, value);
                        pool.free(key); // as BTreeMap::insert, the map keeps its own key and drops the new one
                    }
                }
            }
            MemorySegment previous = null;
            for (Map.Entry<MemorySegment, Integer> entry : map.entrySet()) {
                verifyKey(entry.getKey(), entry.getValue());
                assertTrue(previous == null || compareCStrings(previous, entry.getKey()) < 0, "keys in order");
                previous = entry.getKey();
            }
            for (MemorySegment key : map.keySet()) {
                pool.free(key);
            }
            assertEquals(0, pool.usedBytes());
            log(name, "sorted map 50000 ops", started);
        }
    }

    /** The original's {@code test_alignment}: random sizes up to 128 KiB, alignments up to 128; more operations. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void randomSizesAndAlignmentsAreHonouredAndNeverOverlap(String name) {
        SplittableRandom random = new SplittableRandom(SEED);
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            long started = System.nanoTime();
            List<MemorySegment> blocks = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (long operation = 0; operation < 5_000; operation++) {
                if (random.nextInt(3) < 2 || blocks.isEmpty()) {
                    long size = Math.round((1L << random.nextInt(16)) * random.nextDouble(1.0, 2.0));
                    long align = 1L << random.nextInt(8);
                    MemorySegment block = pool.allocate(size, align);
                    assertEquals(size, block.byteSize());
                    assertEquals(0, block.address() % align, "address " + block.address() + " aligned to " + align);
                    Patterns.fill(block, operation);
                    blocks.add(block);
                    ids.add(operation);
                } else {
                    int index = random.nextInt(blocks.size());
                    freeVerified(pool, swapRemove(blocks, index), swapRemove(ids, index));
                }
            }
            while (!blocks.isEmpty()) {
                int last = blocks.size() - 1;
                freeVerified(pool, blocks.remove(last), ids.remove(last));
            }
            assertEquals(0, pool.usedBytes());
            log(name, "random size/alignment 5000", started);
        }
    }

    private static void allocateThenFreeShuffled(PoolSegmentAllocator pool, int count, int longs,
                                                 SplittableRandom random) {
        MemorySegment[] blocks = new MemorySegment[count];
        for (int id = 0; id < count; id++) {
            blocks[id] = pool.allocate(JAVA_LONG, longs);
            assertEquals(0, blocks[id].address() % Long.BYTES);
            Patterns.fill(blocks[id], id);
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int other = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[other];
            order[other] = swap;
        }
        for (int id : order) {
            freeVerified(pool, blocks[id], id);
        }
        assertEquals(0, pool.usedBytes());
    }

    private static void freeVerified(PoolSegmentAllocator pool, MemorySegment block, long id) {
        Patterns.verify(block, id);
        pool.free(block);
    }

    private static void verifyInts(MemorySegment array, long id, int count) {
        for (int i = 0; i < count; i++) {
            int found = array.getAtIndex(JAVA_INT, i);
            if (found != (int) Patterns.word(id, i)) {
                assertEquals((int) Patterns.word(id, i), found, "int " + i + " of " + count);
            }
        }
    }

    private static String keyOf(int value) {
        return "key_" + Integer.toUnsignedString(value);
    }

    private static void verifyKey(MemorySegment key, int value) {
        assertEquals(keyOf(value), key.getString(0), "key of value " + value);
        assertEquals(keyOf(value).length() + 1, key.byteSize());
    }

    /** Byte-wise order of NUL-terminated strings, as Rust orders the original's {@code Vec<u8>} keys. */
    private static int compareCStrings(MemorySegment left, MemorySegment right) {
        long at = left.mismatch(right);
        if (at < 0) {
            return 0;
        }
        if (at == left.byteSize()) {
            return -1;
        }
        if (at == right.byteSize()) {
            return 1;
        }
        return Byte.compareUnsigned(left.get(JAVA_BYTE, at), right.get(JAVA_BYTE, at));
    }

    private static <T> T swapRemove(List<T> list, int index) {
        T removed = list.get(index);
        T last = list.remove(list.size() - 1);
        if (index < list.size()) {
            list.set(index, last);
        }
        return removed;
    }

    private static void log(String allocator, String workload, long startedNanos) {
        System.out.printf("[memory workload] %-10s %-28s %7.1f ms%n", allocator, workload,
                (System.nanoTime() - startedNanos) / 1e6);
    }
}
