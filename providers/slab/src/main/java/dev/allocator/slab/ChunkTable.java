package dev.allocator.slab;

import dev.allocator.records.AddressIndex;
import dev.allocator.records.RecordLists;
import dev.allocator.records.RecordStore;

/**
 * The chunks the slab holds, one record each (four {@code long}s in a {@link RecordStore}: records never move),
 * found by start address ({@link AddressIndex}), and per size class the list of chunks with a free slot
 * ({@link RecordLists}).
 *
 * <pre>
 *   word 0  START      the chunk's first address (a buddy block, aligned to its size)
 *   word 1  INFO       size class (bits 0-7) | log2 of its slot count (bits 8-10)  (high half); index link (low)
 *   word 2  FREE_SLOTS occupancy: bit i set = slot i free
 *   word 3  LINKS      links in its class's list of chunks with a free slot
 * </pre>
 *
 * Not thread safe.
 */
final class ChunkTable {
    /** What {@link #find(long)} returns for an address where no chunk starts. */
    static final int NONE = RecordStore.NIL;

    private static final int START = 0;
    private static final int INFO = 1;
    private static final int FREE_SLOTS = 2;
    private static final int LINKS = 3;
    private static final int STRIDE = 4;
    private static final int SLOT_SHIFT = 8;

    private final RecordStore records = new RecordStore(STRIDE, 16);
    private final AddressIndex byStart = new AddressIndex(records, INFO, 16);
    private final RecordLists partial;

    /** Creates an empty table for {@code classes} size classes. */
    ChunkTable(int classes) {
        this.partial = new RecordLists(records, LINKS, classes);
    }

    /**
     * Makes room for one more chunk so that {@link #add} allocates nothing.
     *
     * @return false if the table cannot hold another chunk
     * @throws OutOfMemoryError if the heap cannot hold the larger arrays; nothing changed then
     */
    boolean ensureRoom() {
        if (!records.ensureRoom(1)) {
            return false;
        }
        byStart.ensureRoom(1);
        return true;
    }

    /**
     * Records a chunk with every slot free and puts it on its class's list.
     *
     * @param start     its first address
     * @param sizeClass its class index
     * @param slotShift log2 of its number of slots, 0 to 6
     * @return the chunk
     */
    int add(long start, int sizeClass, int slotShift) {
        int chunk = records.add();
        records.set(chunk, START, start);
        records.setHigh(chunk, INFO, sizeClass | slotShift << SLOT_SHIFT);
        records.set(chunk, FREE_SLOTS, allFree(slotShift));
        byStart.insert(chunk);
        partial.push(sizeClass, chunk);
        return chunk;
    }

    /** Forgets a chunk that is on its class's list (it has a free slot). */
    void remove(int chunk) {
        partial.unlink(sizeClass(chunk), chunk);
        byStart.remove(chunk);
        records.release(chunk);
    }

    /** The chunk starting at {@code start}, or {@link #NONE}. */
    int find(long start) {
        return byStart.find(start);
    }

    /** The first chunk of a class with a free slot, or {@link #NONE}. */
    int firstWithFreeSlot(int sizeClass) {
        return partial.head(sizeClass);
    }

    /** The chunk after {@code chunk} in its class's list of chunks with a free slot, or {@link #NONE}. */
    int nextWithFreeSlot(int chunk) {
        return partial.next(chunk);
    }

    long start(int chunk) {
        return records.get(chunk, START);
    }

    int sizeClass(int chunk) {
        return records.high(chunk, INFO) & 0xFF;
    }

    /** log2 of the chunk's number of slots. */
    int slotShift(int chunk) {
        return records.high(chunk, INFO) >>> SLOT_SHIFT;
    }

    /** Whether every slot of the chunk is free. */
    boolean isEmpty(int chunk) {
        return records.get(chunk, FREE_SLOTS) == allFree(slotShift(chunk));
    }

    /** The occupancy word of a chunk of {@code 2^slotShift} slots with all of them free. */
    static long allFree(int slotShift) {
        return slotShift == 6 ? -1L : (1L << (1 << slotShift)) - 1;
    }

    /** The occupancy word: bit i set means slot i is free. */
    long freeSlots(int chunk) {
        return records.get(chunk, FREE_SLOTS);
    }

    /**
     * Takes the lowest free slot of a chunk that has one; a chunk left full leaves its class's list.
     *
     * @return the slot's index
     */
    int takeSlot(int chunk) {
        long slots = records.get(chunk, FREE_SLOTS);
        records.set(chunk, FREE_SLOTS, slots & (slots - 1));
        if ((slots & (slots - 1)) == 0) {
            partial.unlink(sizeClass(chunk), chunk);
        }
        return Long.numberOfTrailingZeros(slots);
    }

    /**
     * Gives a used slot back; a chunk that was full rejoins its class's list.
     *
     * @return whether every slot of the chunk is free now
     */
    boolean returnSlot(int chunk, int slot) {
        long slots = records.get(chunk, FREE_SLOTS);
        if (slots == 0) {
            partial.push(sizeClass(chunk), chunk);
        }
        slots |= 1L << slot;
        records.set(chunk, FREE_SLOTS, slots);
        return slots == allFree(slotShift(chunk));
    }

    /** Number of chunks held. */
    int size() {
        return records.count();
    }

    /** Forgets every chunk. */
    void clear() {
        records.clear();
        byStart.clear();
        partial.clear();
    }
}
