package dev.allocator.slab;

import dev.allocator.buddy.internal.AddressMap;
import dev.allocator.buddy.internal.IdPool;
import java.util.Arrays;

/**
 * The chunks the slab holds: one per run of blocks taken from the buddy at once. Each has a start, a size class, its
 * number of slots (a power of two, up to 64, kept as log2) and a 64-bit occupancy word (bit i set = slot i free); a
 * chunk is found by its start in O(1).
 * Ids of removed chunks are reused, so storage follows the number of chunks held.
 */
final class ChunkTable {
    /** What {@link #find(long)} returns for an address where no chunk starts. */
    static final int NONE = AddressMap.MISSING;

    private final AddressMap byStart = new AddressMap();
    private long[] starts = new long[16];
    private long[] freeSlots = new long[16];
    private byte[] classes = new byte[16];
    private byte[] slotShifts = new byte[16];
    private final IdPool ids = new IdPool();

    /**
     * Records a chunk with every slot free.
     *
     * @param start     its first address
     * @param sizeClass its class index
     * @param slotShift log2 of its number of slots, 0 to 6
     * @return the chunk id
     */
    int add(long start, int sizeClass, int slotShift) {
        int chunk = ids.take();
        if (chunk == starts.length) {
            int length = chunk << 1;
            starts = Arrays.copyOf(starts, length);
            freeSlots = Arrays.copyOf(freeSlots, length);
            classes = Arrays.copyOf(classes, length);
            slotShifts = Arrays.copyOf(slotShifts, length);
        }
        starts[chunk] = start;
        classes[chunk] = (byte) sizeClass;
        slotShifts[chunk] = (byte) slotShift;
        freeSlots[chunk] = allFree(slotShift);
        byStart.put(start, chunk);
        return chunk;
    }

    /** The chunk starting at {@code start}, or {@link #NONE}. */
    int find(long start) {
        return byStart.get(start);
    }

    /** Forgets a chunk. */
    void remove(int chunk) {
        byStart.remove(starts[chunk]);
        ids.release(chunk);
    }

    long start(int chunk) {
        return starts[chunk];
    }

    int sizeClass(int chunk) {
        return classes[chunk];
    }

    /** log2 of the chunk's number of slots. */
    int slotShift(int chunk) {
        return slotShifts[chunk];
    }

    /** Whether every slot of the chunk is free. */
    boolean isEmpty(int chunk) {
        return freeSlots[chunk] == allFree(slotShifts[chunk]);
    }

    /** The occupancy word of a chunk of {@code 2^slotShift} slots with all of them free. */
    static long allFree(int slotShift) {
        return slotShift == 6 ? -1L : (1L << (1 << slotShift)) - 1;
    }

    /** The occupancy word: bit i set means slot i is free. */
    long freeSlots(int chunk) {
        return freeSlots[chunk];
    }

    void setFreeSlots(int chunk, long slots) {
        freeSlots[chunk] = slots;
    }

    /** Number of chunks held. */
    int size() {
        return byStart.size();
    }

    /** Forgets every chunk. */
    void clear() {
        byStart.clear();
        ids.clear();
    }
}
