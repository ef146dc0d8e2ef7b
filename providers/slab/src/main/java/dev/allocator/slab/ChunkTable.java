package dev.allocator.slab;

import java.util.Arrays;

/**
 * The chunks the slab holds: a record of four {@code long}s per chunk, all in one array (a record never moves while
 * its chunk lives; a released record is handed out again before a new one), found by start address through a hash
 * index whose chains run through the records, and per size class the list of chunks with a free slot.
 *
 * <pre>
 *   records  | chunk 0: START FREE SHAPE LINKS | chunk 1: START ... |           32 bytes a chunk, one long[]
 *     START  the chunk's first address (a buddy block, aligned to its size)
 *     FREE   occupancy: bit i set = slot i free
 *     SHAPE  low half: size class (bits 0-7) | log2 of the slot count (bits 8-10); high half: next in its chain
 *     LINKS  previous (high half) and next (low half) in its class's list of chunks with a free slot;
 *            once released: the next released record (low half)
 *   buckets  [ -1 | 7 | -1 | 2 | ... ]     bucket(start) = (start * golden ratio) &gt;&gt;&gt; bucketShift
 *                   |        |
 *                   r7 -&gt; r4  r2           chains through SHAPE's high half
 * </pre>
 *
 * <p>So a free reads one bucket and then, from the one record of its chunk, everything it needs: the start (the
 * chain's key), the shape (the check that the caller's size is the chunk's class) and the occupancy word; an
 * allocation reads its class's list head and that record. There are twice as many buckets as records, so a chain
 * holds about 1.25 records on average. Per class, a mask of the slot counts its chunks have lets a free probe only
 * the chunk sizes that exist (the full size only, unless memory was short when a chunk was taken).
 *
 * <p>The arrays double only in {@link #ensureRoom()}, which allocates both before it changes anything, and only when
 * no released record is left to hand out again (a released record is in no chain and no list), so every record it
 * re-files is live. Not thread safe; nothing is checked on the accessors (the allocator validates at its public
 * boundary).
 */
final class ChunkTable {
    /** No chunk: the end of a list or chain, or what {@link #find(long)} returns where no chunk starts. */
    static final int NONE = -1;
    /** The most chunks a table holds: 2^28 records of 4 words stay below the JVM's array length limit. */
    static final int MAX_CHUNKS = 1 << 28;

    private static final int START = 0;
    private static final int FREE = 1;
    private static final int SHAPE = 2;
    private static final int LINKS = 3;
    private static final int STRIDE_SHIFT = 2;
    private static final int SLOT_SHIFT = 8;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final int MIN_CHUNKS = 16;

    private final int maxChunks;
    /** The records; their number (the capacity) is a power of two. */
    private long[] records = new long[MIN_CHUNKS << STRIDE_SHIFT];
    /** Twice as many buckets as records: a chain holds about 1.25 records on average. */
    private int[] buckets = emptyBuckets(MIN_CHUNKS << 1);
    private int bucketShift = 64 - Integer.numberOfTrailingZeros(MIN_CHUNKS << 1);
    /** Records {@code [0, highWater)} have been handed out at least once. */
    private int highWater;
    private int releasedHead = NONE;
    private int count;
    /** Per class: the first chunk with a free slot, or NONE. */
    private final int[] partialHeads;
    /** Per class: bit s set iff a chunk of {@code 2^s} slots of the class is held. */
    private final int[] slotShifts;
    /** Per class and slot shift ({@code sizeClass * 8 + slotShift}): how many such chunks are held. */
    private final int[] shapeCounts;

    /** Creates an empty table for {@code classes} size classes. */
    ChunkTable(int classes) {
        this(classes, MAX_CHUNKS);
    }

    /**
     * Creates an empty table for {@code classes} size classes that holds at most {@code maxChunks} chunks.
     *
     * @param classes   number of size classes
     * @param maxChunks a power of two from 16 to {@link #MAX_CHUNKS}
     */
    ChunkTable(int classes, int maxChunks) {
        this.maxChunks = maxChunks;
        partialHeads = new int[classes];
        Arrays.fill(partialHeads, NONE);
        slotShifts = new int[classes];
        shapeCounts = new int[classes << 3];
    }

    private static int[] emptyBuckets(int length) {
        int[] fresh = new int[length];
        Arrays.fill(fresh, NONE);
        return fresh;
    }

    private int bucket(long start) {
        return (int) ((start * GOLDEN) >>> bucketShift);
    }

    /**
     * Makes room for one more chunk so that {@link #add} allocates nothing.
     *
     * @return false if the table cannot hold another chunk
     * @throws OutOfMemoryError if the heap cannot hold the larger arrays; nothing changed then
     */
    boolean ensureRoom() {
        int capacity = records.length >>> STRIDE_SHIFT;
        if (releasedHead != NONE || highWater < capacity) {
            return true;
        }
        if (capacity == maxChunks) {
            return false;
        }
        long[] grownRecords = Arrays.copyOf(records, records.length << 1);
        int[] grownBuckets = emptyBuckets(buckets.length << 1);
        records = grownRecords;
        buckets = grownBuckets;
        bucketShift--;
        for (int chunk = 0; chunk < highWater; chunk++) { // every record is live: none was released
            link(chunk);
        }
        return true;
    }

    /** Number of hash buckets, for tests: twice the records' capacity. */
    int bucketCount() {
        return buckets.length;
    }

    /**
     * Records a chunk with every slot free and puts it at the head of its class's list.
     *
     * @param start     its first address, {@code >= 0}
     * @param sizeClass its class index, below 256
     * @param slotShift log2 of its number of slots, 0 to 6
     * @return the chunk
     * @throws IllegalStateException if the table is full ({@link #ensureRoom()} says so)
     */
    int add(long start, int sizeClass, int slotShift) {
        if (!ensureRoom()) {
            throw new IllegalStateException("chunk table is full: " + maxChunks + " chunks");
        }
        int chunk = releasedHead;
        if (chunk != NONE) {
            releasedHead = (int) records[(chunk << STRIDE_SHIFT) + LINKS];
        } else {
            chunk = highWater++;
        }
        int at = chunk << STRIDE_SHIFT;
        records[at + START] = start;
        records[at + FREE] = allFree(slotShift);
        records[at + SHAPE] = sizeClass | slotShift << SLOT_SHIFT;
        link(chunk);
        push(sizeClass, chunk);
        count++;
        if (shapeCounts[(sizeClass << 3) + slotShift]++ == 0) {
            slotShifts[sizeClass] |= 1 << slotShift;
        }
        return chunk;
    }

    /** Puts a chunk at the head of its bucket's chain (its SHAPE's low half is kept). */
    private void link(int chunk) {
        int at = chunk << STRIDE_SHIFT;
        int bucket = bucket(records[at + START]);
        records[at + SHAPE] = (long) buckets[bucket] << 32 | (records[at + SHAPE] & LOW);
        buckets[bucket] = chunk;
    }

    /** Forgets a chunk that is on its class's list (it has a free slot); its record is handed out again later. */
    void remove(int chunk) {
        int at = chunk << STRIDE_SHIFT;
        int sizeClass = sizeClass(chunk);
        int slotShift = slotShift(chunk);
        unlink(sizeClass, chunk);
        int bucket = bucket(records[at + START]);
        int next = chainNext(chunk);
        int current = buckets[bucket];
        if (current == chunk) {
            buckets[bucket] = next;
        } else {
            int following = chainNext(current);
            while (following != chunk) {
                current = following;
                following = chainNext(current);
            }
            int currentAt = current << STRIDE_SHIFT;
            records[currentAt + SHAPE] = (long) next << 32 | (records[currentAt + SHAPE] & LOW);
        }
        records[at + LINKS] = releasedHead & LOW;
        releasedHead = chunk;
        count--;
        if (--shapeCounts[(sizeClass << 3) + slotShift] == 0) {
            slotShifts[sizeClass] &= ~(1 << slotShift);
        }
    }

    private int chainNext(int chunk) {
        return (int) (records[(chunk << STRIDE_SHIFT) + SHAPE] >> 32);
    }

    /** The chunk starting at {@code start}, or {@link #NONE}. */
    int find(long start) {
        int chunk = buckets[bucket(start)];
        while (chunk != NONE && records[chunk << STRIDE_SHIFT] != start) {
            chunk = chainNext(chunk);
        }
        return chunk;
    }

    /** The chunk starting at {@code start} of class {@code sizeClass} with {@code 2^slotShift} slots, or NONE. */
    int find(long start, int sizeClass, int slotShift) {
        int chunk = find(start);
        return chunk != NONE && (int) records[(chunk << STRIDE_SHIFT) + SHAPE] == (sizeClass | slotShift << SLOT_SHIFT)
                ? chunk : NONE;
    }

    /** Bit s set iff a chunk of class {@code sizeClass} with {@code 2^s} slots is held. */
    int slotShiftsOf(int sizeClass) {
        return slotShifts[sizeClass];
    }

    /** The first chunk of a class with a free slot, or {@link #NONE}. */
    int firstWithFreeSlot(int sizeClass) {
        return partialHeads[sizeClass];
    }

    /** The chunk after {@code chunk} in its class's list of chunks with a free slot, or {@link #NONE}. */
    int nextWithFreeSlot(int chunk) {
        return (int) records[(chunk << STRIDE_SHIFT) + LINKS];
    }

    long start(int chunk) {
        return records[chunk << STRIDE_SHIFT];
    }

    int sizeClass(int chunk) {
        return (int) records[(chunk << STRIDE_SHIFT) + SHAPE] & 0xFF;
    }

    /** log2 of the chunk's number of slots. */
    int slotShift(int chunk) {
        return ((int) records[(chunk << STRIDE_SHIFT) + SHAPE] >>> SLOT_SHIFT) & 0x7;
    }

    /** Whether every slot of the chunk is free. */
    boolean isEmpty(int chunk) {
        return records[(chunk << STRIDE_SHIFT) + FREE] == allFree(slotShift(chunk));
    }

    /** The occupancy word of a chunk of {@code 2^slotShift} slots with all of them free. */
    static long allFree(int slotShift) {
        return -1L >>> (64 - (1 << slotShift));
    }

    /** The occupancy word: bit i set means slot i is free. */
    long freeSlots(int chunk) {
        return records[(chunk << STRIDE_SHIFT) + FREE];
    }

    /**
     * Takes the lowest free slot of a chunk that has one; a chunk left full leaves its class's list.
     *
     * @return the slot's index
     */
    int takeSlot(int chunk) {
        int at = chunk << STRIDE_SHIFT;
        long slots = records[at + FREE];
        long rest = slots & (slots - 1);
        records[at + FREE] = rest;
        if (rest == 0) {
            unlink((int) records[at + SHAPE] & 0xFF, chunk);
        }
        return Long.numberOfTrailingZeros(slots);
    }

    /**
     * Gives a used slot back; a chunk that was full rejoins its class's list (at the head).
     *
     * @return whether every slot of the chunk is free now
     */
    boolean returnSlot(int chunk, int slot) {
        int at = chunk << STRIDE_SHIFT;
        long slots = records[at + FREE];
        int shape = (int) records[at + SHAPE];
        if (slots == 0) {
            push(shape & 0xFF, chunk);
        }
        slots |= 1L << slot;
        records[at + FREE] = slots;
        return slots == allFree((shape >>> SLOT_SHIFT) & 0x7);
    }

    private void push(int sizeClass, int chunk) {
        int first = partialHeads[sizeClass];
        records[(chunk << STRIDE_SHIFT) + LINKS] = (long) NONE << 32 | (first & LOW);
        if (first != NONE) {
            int firstAt = (first << STRIDE_SHIFT) + LINKS;
            records[firstAt] = (long) chunk << 32 | (records[firstAt] & LOW);
        }
        partialHeads[sizeClass] = chunk;
    }

    private void unlink(int sizeClass, int chunk) {
        long links = records[(chunk << STRIDE_SHIFT) + LINKS];
        int previous = (int) (links >> 32);
        int next = (int) links;
        if (next != NONE) {
            int nextAt = (next << STRIDE_SHIFT) + LINKS;
            records[nextAt] = (long) previous << 32 | (records[nextAt] & LOW);
        }
        if (previous != NONE) {
            int previousAt = (previous << STRIDE_SHIFT) + LINKS;
            records[previousAt] = (records[previousAt] & ~LOW) | (next & LOW);
        } else {
            partialHeads[sizeClass] = next;
        }
    }

    /** Number of chunks held. */
    int size() {
        return count;
    }

    /** Forgets every chunk; the arrays keep their size. */
    void clear() {
        highWater = 0;
        releasedHead = NONE;
        count = 0;
        Arrays.fill(buckets, NONE);
        Arrays.fill(partialHeads, NONE);
        Arrays.fill(slotShifts, 0);
        Arrays.fill(shapeCounts, 0);
    }
}
