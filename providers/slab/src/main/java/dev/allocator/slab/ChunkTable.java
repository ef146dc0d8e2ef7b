package dev.allocator.slab;

import java.util.Arrays;

/**
 * The chunks the slab holds: a record of four {@code long}s per chunk, and the records ARE the hash table that finds
 * a chunk by its start address (open addressing, linear probing), so a free goes from its address to its chunk's
 * record in one step; per size class, the list of chunks with a free slot and the spare empty chunk.
 *
 * <pre>
 *   records  | slot 0: START FREE SHAPE LINKS | slot 1: START ... | ...     32 bytes a slot, one long[]; a chunk is
 *                                                                         known by its slot's number
 *     START  the chunk's first address (a buddy block, aligned to its size); EMPTY (-1) if the slot holds none
 *     FREE   occupancy: bit i set = slot i of the chunk free (not 0 iff the chunk is in its class's list)
 *     SHAPE  size class (bits 0-7) | log2 of the chunk's slot count (bits 8-10)
 *     LINKS  previous (high half) and next (low half) in its class's list of chunks with a free slot
 *
 *   find(start): i = (start * golden ratio) &gt;&gt;&gt; shift; while START(i) is neither start nor EMPTY: i = i + 1
 * </pre>
 *
 * <p>So a free reads one record (two at times) and finds there everything it needs: the start (the key), the shape
 * (the check that the caller's size is the chunk's class) and the occupancy word. At most half the slots hold a
 * chunk: a lookup reads about 1.5 records, a miss about 2.5. Removing a chunk shifts the records after it in its
 * probe run back into the hole where their probe allows (no tombstones, so lookups never slow down and nothing is
 * ever re-filed for them); a record that moves takes its list links along and its list neighbours, list head and
 * spare follow it. So chunk numbers change on {@link #remove(int, int)} (which translates one number the caller
 * keeps) and when {@link #ensureRoom()} doubles the table (re-filing every record, lists and spares translated):
 * the caller holds no other chunk number across either. Per class, a mask of the slot counts its chunks have lets a
 * free probe only the chunk sizes that exist (the full size only, unless memory was short when a chunk was taken).
 *
 * <p>Arrays are allocated only when {@link #ensureRoom()} doubles the table, before anything changes: once the table
 * has held the most chunks it will hold, nothing allocates. Not thread safe; nothing is checked on the accessors
 * (the allocator validates at its public boundary).
 */
final class ChunkTable {
    /** No chunk: the end of a list, or what {@link #find(long)} returns where no chunk starts. */
    static final int NONE = -1;
    /** The most chunks a table holds: 2^27 chunks in at most 2^28 slots of 4 words stay below the array limit. */
    static final int MAX_CHUNKS = 1 << 27;

    // word 0, START, is read as records[at], at being the record's first word
    private static final int FREE = 1;
    private static final int SHAPE = 2;
    private static final int LINKS = 3;
    private static final int STRIDE_SHIFT = 2;
    private static final int SLOT_SHIFT = 8;
    private static final long EMPTY = -1;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final int MIN_SLOTS = 128;

    private final int maxChunks;
    /** The records, a power of two of them (slots), at most half of them holding a chunk. */
    private long[] records;
    private int slotMask;
    private int hashShift;
    private int count;
    /** Per class: the first chunk with a free slot, or NONE. */
    private final int[] partialHeads;
    /** Per class: its spare empty chunk (kept when it emptied, see the allocator), or NONE. */
    private final int[] spares;
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
     * @param maxChunks a power of two from 1 to {@link #MAX_CHUNKS}
     */
    ChunkTable(int classes, int maxChunks) {
        this.maxChunks = maxChunks;
        partialHeads = new int[classes];
        spares = new int[classes];
        slotShifts = new int[classes];
        shapeCounts = new int[classes << 3];
        allocate(Math.min(MIN_SLOTS, 2 * maxChunks));
        clear();
    }

    private void allocate(int slots) {
        long[] fresh = new long[slots << STRIDE_SHIFT];
        Arrays.fill(fresh, EMPTY);
        records = fresh;
        slotMask = slots - 1;
        hashShift = 64 - Integer.numberOfTrailingZeros(slots);
    }

    /** The slot where the probe for {@code start} begins. */
    private int home(long start) {
        return (int) ((start * GOLDEN) >>> hashShift);
    }

    /**
     * Makes room for one more chunk so that {@link #add} allocates nothing. May double the table and re-file the
     * chunks under new numbers (their lists and spares follow): the caller must hold no chunk number across this.
     *
     * @return false if the table cannot hold another chunk
     * @throws OutOfMemoryError if the heap cannot hold the new arrays; nothing changed then
     */
    boolean ensureRoom() {
        if (2 * (count + 1) <= slotMask + 1) {
            return true;
        }
        if (count == maxChunks) {
            return false;
        }
        refile(2 * (slotMask + 1));
        return true;
    }

    /** Moves every record into a fresh array of {@code slots} slots, translating the chunk numbers kept. */
    private void refile(int slots) {
        long[] old = records;
        int[] moved = new int[old.length >>> STRIDE_SHIFT];
        allocate(slots);
        for (int chunk = 0; chunk < moved.length; chunk++) {
            int at = chunk << STRIDE_SHIFT;
            if (old[at] >= 0) {
                int slot = freeSlotFor(old[at]);
                System.arraycopy(old, at, records, slot << STRIDE_SHIFT, 1 << STRIDE_SHIFT);
                moved[chunk] = slot;
            }
        }
        for (int chunk = 0; chunk <= slotMask; chunk++) {
            int at = chunk << STRIDE_SHIFT;
            if (records[at] >= 0 && records[at + FREE] != 0) { // a listed chunk: its links are numbers
                long links = records[at + LINKS];
                records[at + LINKS] = (long) translate(moved, (int) (links >> 32)) << 32
                        | translate(moved, (int) links) & LOW;
            }
        }
        for (int sizeClass = 0; sizeClass < partialHeads.length; sizeClass++) {
            partialHeads[sizeClass] = translate(moved, partialHeads[sizeClass]);
            spares[sizeClass] = translate(moved, spares[sizeClass]);
        }
    }

    private static int translate(int[] moved, int chunk) {
        return chunk == NONE ? NONE : moved[chunk];
    }

    /** The first slot from {@code start}'s home that holds no chunk. */
    private int freeSlotFor(long start) {
        int slot = home(start);
        while (records[slot << STRIDE_SHIFT] >= 0) {
            slot = (slot + 1) & slotMask;
        }
        return slot;
    }

    /** Number of record slots, for tests: a power of two, at least twice the chunks held. */
    int slotCount() {
        return slotMask + 1;
    }

    /**
     * Records a chunk with every slot free and puts it at the head of its class's list.
     *
     * @param start     its first address, {@code >= 0}, where no chunk starts
     * @param sizeClass its class index, below 256
     * @param slotShift log2 of its number of slots, 0 to 6
     * @return the chunk
     * @throws IllegalStateException if the table is full ({@link #ensureRoom()} says so)
     */
    int add(long start, int sizeClass, int slotShift) {
        if (!ensureRoom()) {
            throw new IllegalStateException("chunk table is full: " + maxChunks + " chunks");
        }
        int chunk = freeSlotFor(start);
        int at = chunk << STRIDE_SHIFT;
        records[at] = start;
        records[at + FREE] = allFree(slotShift);
        records[at + SHAPE] = sizeClass | slotShift << SLOT_SHIFT;
        push(sizeClass, chunk);
        count++;
        if (shapeCounts[(sizeClass << 3) + slotShift]++ == 0) {
            slotShifts[sizeClass] |= 1 << slotShift;
        }
        return chunk;
    }

    /** Forgets a chunk that is on its class's list (it has a free slot); other chunks may change numbers. */
    void remove(int chunk) {
        remove(chunk, NONE);
    }

    /**
     * Forgets a chunk that is on its class's list (it has a free slot) and closes its hole: each later record of its
     * probe run whose home is not after the hole moves into it (the hole moves on to where it was), until an empty
     * slot ends the run.
     *
     * @param chunk   the chunk to forget
     * @param watched a chunk number the caller keeps (or {@link #NONE}), not {@code chunk}
     * @return the number of {@code watched} afterwards
     */
    int remove(int chunk, int watched) {
        int sizeClass = sizeClass(chunk);
        int slotShift = slotShift(chunk);
        unlink(sizeClass, chunk);
        count--;
        if (--shapeCounts[(sizeClass << 3) + slotShift] == 0) {
            slotShifts[sizeClass] &= ~(1 << slotShift);
        }
        int hole = chunk;
        int slot = chunk;
        long start;
        while ((start = records[(slot = (slot + 1) & slotMask) << STRIDE_SHIFT]) != EMPTY) {
            if (((slot - home(start)) & slotMask) >= ((slot - hole) & slotMask)) { // its home is at or before the hole
                move(slot, hole);
                watched = watched == slot ? hole : watched;
                hole = slot;
            }
        }
        records[hole << STRIDE_SHIFT] = EMPTY;
        return watched;
    }

    /** Moves a record to an empty slot; its list neighbours (or its list's head) and its class's spare follow. */
    private void move(int from, int to) {
        System.arraycopy(records, from << STRIDE_SHIFT, records, to << STRIDE_SHIFT, 1 << STRIDE_SHIFT);
        int at = to << STRIDE_SHIFT;
        int sizeClass = (int) records[at + SHAPE] & 0xFF;
        if (records[at + FREE] != 0) {
            long links = records[at + LINKS];
            int previous = (int) (links >> 32);
            int next = (int) links;
            if (previous != NONE) {
                setNext(previous, to);
            } else {
                partialHeads[sizeClass] = to;
            }
            if (next != NONE) {
                setPrevious(next, to);
            }
        }
        if (spares[sizeClass] == from) {
            spares[sizeClass] = to;
        }
    }

    /** The chunk starting at {@code start} ({@code >= 0}), or {@link #NONE}. */
    int find(long start) {
        int slot = home(start);
        long key;
        while ((key = records[slot << STRIDE_SHIFT]) != start) {
            if (key == EMPTY) {
                return NONE;
            }
            slot = (slot + 1) & slotMask;
        }
        return slot;
    }

    /** The chunk starting at {@code start} of class {@code sizeClass} with {@code 2^slotShift} slots, or NONE. */
    int find(long start, int sizeClass, int slotShift) {
        int chunk = find(start);
        return chunk != NONE && records[(chunk << STRIDE_SHIFT) + SHAPE] == (sizeClass | slotShift << SLOT_SHIFT)
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

    /** The spare empty chunk of a class, or {@link #NONE}. */
    int spare(int sizeClass) {
        return spares[sizeClass];
    }

    /** Makes {@code chunk} (or {@link #NONE}) the spare of a class. */
    void setSpare(int sizeClass, int chunk) {
        spares[sizeClass] = chunk;
    }

    long start(int chunk) {
        return records[chunk << STRIDE_SHIFT];
    }

    int sizeClass(int chunk) {
        return (int) records[(chunk << STRIDE_SHIFT) + SHAPE] & 0xFF;
    }

    /** log2 of the chunk's number of slots. */
    int slotShift(int chunk) {
        return (int) records[(chunk << STRIDE_SHIFT) + SHAPE] >>> SLOT_SHIFT;
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
        return slots == allFree(shape >>> SLOT_SHIFT);
    }

    private void push(int sizeClass, int chunk) {
        int first = partialHeads[sizeClass];
        records[(chunk << STRIDE_SHIFT) + LINKS] = (long) NONE << 32 | first & LOW;
        if (first != NONE) {
            setPrevious(first, chunk);
        }
        partialHeads[sizeClass] = chunk;
    }

    private void unlink(int sizeClass, int chunk) {
        long links = records[(chunk << STRIDE_SHIFT) + LINKS];
        int previous = (int) (links >> 32);
        int next = (int) links;
        if (next != NONE) {
            setPrevious(next, previous);
        }
        if (previous != NONE) {
            setNext(previous, next);
        } else {
            partialHeads[sizeClass] = next;
        }
    }

    /** Sets a listed chunk's previous link (the high half of LINKS). */
    private void setPrevious(int chunk, int previous) {
        int at = (chunk << STRIDE_SHIFT) + LINKS;
        records[at] = (long) previous << 32 | records[at] & LOW;
    }

    /** Sets a listed chunk's next link (the low half of LINKS). */
    private void setNext(int chunk, int next) {
        int at = (chunk << STRIDE_SHIFT) + LINKS;
        records[at] = records[at] & ~LOW | next & LOW;
    }

    /** Number of chunks held. */
    int size() {
        return count;
    }

    /** Forgets every chunk, in O(slots); the array keeps its size. */
    void clear() {
        Arrays.fill(records, EMPTY);
        count = 0;
        Arrays.fill(partialHeads, NONE);
        Arrays.fill(spares, NONE);
        Arrays.fill(slotShifts, 0);
        Arrays.fill(shapeCounts, 0);
    }
}
