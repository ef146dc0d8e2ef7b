package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The built-in workloads of {@code compare}, generated in-process as {@link Trace}s with fixed seeds. The byte
 * workloads follow the Rust original's benchmarks ({@code benches/collections.rs} of arceos' {@code allocator}) as a
 * Rust program would drive an allocator, with a {@code realloc} done as allocate-new then free-old:
 * <ul>
 *   <li>{@code vec_push_3M}: a {@code Vec<u32>} pushed to 3,000,000 elements, capacity 4 then doubling;</li>
 *   <li>{@code vec_rand_free_25K_64} and {@code vec_rand_free_7500_520}: a {@code Vec} of 25,000 blocks of 64
 *       {@code u64} (512 B) or 7,500 blocks of 520 {@code u64} (4,160 B), an index {@code Vec}, then every block
 *       freed in random order;</li>
 *   <li>{@code btree_map_50K}: 50,000 steps on a map from small string keys to {@code u32} (1 in 5 pops the first
 *       entry, the others insert {@code "key_<random>"}): key buffers grown 8 then 16 bytes, and tree nodes of 320
 *       and 416 bytes as a B-tree with 11 keys a node needs them (modelled, not a B-tree);</li>
 *   <li>{@code mixed_align_50K}: the original's alignment test: 50,000 steps, half allocate 1 B to 64 KiB aligned to
 *       1 to 128, half free a random live block;</li>
 *   <li>{@code page_mixed_20K} (page allocators): 20,000 steps, 2/3 allocate 1 to 1,024 pages aligned to 4 KiB to
 *       1 MiB, 1/3 free a random live run, forced frees above 60% of 1 Mi pages;</li>
 *   <li>{@code id_churn_100K} (ID allocators): IDs as a handle or descriptor table uses them, 100,000 operations:
 *       20,000 single IDs, then pairs that free a random live allocation and allocate again, one in 32 of them a
 *       block of 2 to 32 IDs aligned to its size rounded up to a power of two (as interrupt vectors are handed
 *       out), the others one ID.</li>
 * </ul>
 */
final class Workloads {
    private static final long SEED = 0xdead_beefL;

    private Workloads() {
    }

    /** Every workload, in the order {@code compare} prints them. */
    static List<String> names() {
        return List.of("vec_push_3M", "vec_rand_free_25K_64", "vec_rand_free_7500_520", "btree_map_50K",
                "mixed_align_50K", "page_mixed_20K", "id_churn_100K");
    }

    /**
     * Generates a workload by name (any case).
     *
     * @throws UserException for an unknown name, listing the names
     */
    static Trace generate(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "vec_push_3m":
                return vecPush("vec_push_3M", 3_000_000, 4);
            case "vec_rand_free_25k_64":
                return vecRandFree("vec_rand_free_25K_64", 25_000, 64);
            case "vec_rand_free_7500_520":
                return vecRandFree("vec_rand_free_7500_520", 7_500, 520);
            case "btree_map_50k":
                return btreeMap("btree_map_50K", 50_000);
            case "mixed_align_50k":
                return mixedAlign("mixed_align_50K", 50_000);
            case "page_mixed_20k":
                return pageMixed("page_mixed_20K", 20_000, 1 << 20);
            case "id_churn_100k":
                return idChurn("id_churn_100K", 100_000, 20_000);
            default:
                throw new UserException("unknown workload '" + name + "'; known: " + String.join(", ", names()));
        }
    }

    /** A {@code Vec} of {@code elementSize}-byte elements pushed to {@code length}, then dropped. */
    static Trace vecPush(String name, long length, long elementSize) {
        Trace.Builder trace = new Trace.Builder(name);
        Vec vec = new Vec(trace, elementSize, elementSize);
        for (long pushed = 0; pushed < length; pushed++) {
            vec.push();
        }
        vec.drop();
        return trace.build();
    }

    /** {@code count} blocks of {@code words} u64 held in a {@code Vec}, freed in random order. */
    static Trace vecRandFree(String name, int count, long words) {
        Trace.Builder trace = new Trace.Builder(name);
        Vec outer = new Vec(trace, 24, 8);
        int[] blocks = new int[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = trace.blockCount();
            trace.alloc(AllocatorKind.BYTE, words * 8, 8);
            outer.push();
        }
        int index = trace.blockCount();
        trace.alloc(AllocatorKind.BYTE, count * 8L, 8);
        int[] order = shuffled(count, new SplittableRandom(SEED));
        for (int i : order) {
            trace.free(AllocatorKind.BYTE, blocks[i]);
        }
        trace.free(AllocatorKind.BYTE, index);
        outer.drop();
        return trace.build();
    }

    /** A map of small string keys: inserts of random keys, one step in five pops the smallest key. */
    static Trace btreeMap(String name, int steps) {
        final long leafNode = 320;
        final long internalNode = 416;
        final int keysPerLeaf = 8;
        final int leavesPerInternal = 6;
        Trace.Builder trace = new Trace.Builder(name);
        SplittableRandom random = new SplittableRandom(SEED);
        TreeMap<String, Integer> keys = new TreeMap<>();
        ArrayDeque<Integer> leaves = new ArrayDeque<>();
        ArrayDeque<Integer> internals = new ArrayDeque<>();
        for (int step = 0; step < steps; step++) {
            if (random.nextInt(5) == 0 && !keys.isEmpty()) {
                trace.free(AllocatorKind.BYTE, keys.pollFirstEntry().getValue());
            } else {
                String key = "key_" + Integer.toUnsignedString(random.nextInt());
                int buffer = keyBuffer(trace, key.length());
                Integer old = keys.get(key);
                if (old == null) {
                    keys.put(key, buffer);
                } else {
                    trace.free(AllocatorKind.BYTE, buffer);
                }
            }
            int leavesWanted = (keys.size() + keysPerLeaf - 1) / keysPerLeaf;
            while (leaves.size() < leavesWanted) {
                leaves.addLast(trace.blockCount());
                trace.alloc(AllocatorKind.BYTE, leafNode, 8);
            }
            while (leaves.size() > leavesWanted + 1) {
                trace.free(AllocatorKind.BYTE, leaves.removeFirst());
            }
            int internalsWanted = leaves.size() > 1 ? (leaves.size() + leavesPerInternal - 1) / leavesPerInternal : 0;
            while (internals.size() < internalsWanted) {
                internals.addLast(trace.blockCount());
                trace.alloc(AllocatorKind.BYTE, internalNode, 8);
            }
            while (internals.size() > internalsWanted) {
                trace.free(AllocatorKind.BYTE, internals.removeFirst());
            }
        }
        for (int buffer : keys.values()) {
            trace.free(AllocatorKind.BYTE, buffer);
        }
        for (int node : leaves) {
            trace.free(AllocatorKind.BYTE, node);
        }
        for (int node : internals) {
            trace.free(AllocatorKind.BYTE, node);
        }
        return trace.build();
    }

    /** Writes a key of {@code length} bytes into a new {@code Vec<u8>}: capacity 8, grown once if longer. */
    private static int keyBuffer(Trace.Builder trace, int length) {
        int buffer = trace.blockCount();
        trace.alloc(AllocatorKind.BYTE, 8, 1);
        if (length > 8) {
            int grown = trace.blockCount();
            trace.alloc(AllocatorKind.BYTE, Math.max(16, length), 1);
            trace.free(AllocatorKind.BYTE, buffer);
            return grown;
        }
        return buffer;
    }

    /** Random sizes and alignments: half the steps allocate, half free a random live block. */
    static Trace mixedAlign(String name, int steps) {
        Trace.Builder trace = new Trace.Builder(name);
        SplittableRandom random = new SplittableRandom(SEED);
        LiveSet live = new LiveSet();
        for (int step = 0; step < steps; step++) {
            if (random.nextBoolean() && live.size() > 0) {
                trace.free(AllocatorKind.BYTE, live.removeRandom(random));
            } else {
                long size = Math.max(1, Math.round(Math.pow(2, random.nextInt(16)) * (1 + random.nextDouble())));
                long align = 1L << random.nextInt(8);
                live.add(trace.blockCount());
                trace.alloc(AllocatorKind.BYTE, Math.min(size, 1 << 16), align);
            }
        }
        return trace.build();
    }

    /** Page runs: 2/3 allocate, 1/3 free a random live run, forced frees above 60% of {@code capacityPages}. */
    static Trace pageMixed(String name, int steps, long capacityPages) {
        Trace.Builder trace = new Trace.Builder(name);
        SplittableRandom random = new SplittableRandom(SEED);
        LiveSet live = new LiveSet();
        List<Long> pagesOf = new ArrayList<>();
        long livePages = 0;
        long limit = capacityPages * 6 / 10;
        for (int step = 0; step < steps; step++) {
            boolean free = live.size() > 0 && (livePages > limit || random.nextInt(3) == 0);
            if (free) {
                int run = live.removeRandom(random);
                livePages -= pagesOf.get(run);
                trace.free(AllocatorKind.PAGE, run);
            } else {
                long pages = Math.max(1, Math.round(Math.pow(2, random.nextDouble() * 10)));
                long align = 4096L << random.nextInt(9);
                live.add(trace.blockCount());
                pagesOf.add(pages);
                livePages += pages;
                trace.alloc(AllocatorKind.PAGE, pages, align);
            }
        }
        return trace.build();
    }

    /**
     * IDs: {@code live} single IDs, then free-one-allocate-one pairs up to {@code ops} operations; one allocation
     * in 32 of the pairs is a block of 2 to 32 IDs aligned to its size rounded up to a power of two.
     */
    static Trace idChurn(String name, int ops, int live) {
        Trace.Builder trace = new Trace.Builder(name);
        SplittableRandom random = new SplittableRandom(SEED);
        LiveSet liveIds = new LiveSet();
        for (int i = 0; i < live; i++) {
            liveIds.add(trace.blockCount());
            trace.alloc(AllocatorKind.ID, 1, 1);
        }
        for (int op = live; op + 2 <= ops; op += 2) {
            trace.free(AllocatorKind.ID, liveIds.removeRandom(random));
            long count = random.nextInt(32) == 0 ? 2 + random.nextInt(31) : 1;
            liveIds.add(trace.blockCount());
            trace.alloc(AllocatorKind.ID, count, Long.highestOneBit(count * 2 - 1));
        }
        return trace.build();
    }

    private static int[] shuffled(int count, SplittableRandom random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** A growable vector's buffer: capacity 4 elements (8 for bytes), then doubled, reallocated by copy. */
    private static final class Vec {
        private final Trace.Builder trace;
        private final long elementSize;
        private final long align;
        private long length;
        private long capacity;
        private int buffer = -1;

        Vec(Trace.Builder trace, long elementSize, long align) {
            this.trace = trace;
            this.elementSize = elementSize;
            this.align = align;
        }

        void push() {
            if (length == capacity) {
                long grown = Math.max(capacity * 2, elementSize == 1 ? 8 : 4);
                int next = trace.blockCount();
                trace.alloc(AllocatorKind.BYTE, grown * elementSize, align);
                if (buffer >= 0) {
                    trace.free(AllocatorKind.BYTE, buffer);
                }
                buffer = next;
                capacity = grown;
            }
            length++;
        }

        void drop() {
            if (buffer >= 0) {
                trace.free(AllocatorKind.BYTE, buffer);
                buffer = -1;
            }
        }
    }

    /** Live block ids with O(1) removal of a random one (swap with the last). */
    private static final class LiveSet {
        private int[] ids = new int[256];
        private int size;

        int size() {
            return size;
        }

        void add(int id) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        int removeRandom(SplittableRandom random) {
            int index = random.nextInt(size);
            int id = ids[index];
            ids[index] = ids[--size];
            return id;
        }
    }
}
