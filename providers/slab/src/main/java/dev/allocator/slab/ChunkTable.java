package dev.allocator.slab;

import dev.allocator.buddy.internal.AddressMap;
import dev.allocator.buddy.internal.IdPool;
import java.util.Arrays;

/**
 * The chunks the slab holds: one per run of {@code blocks-per-grow} blocks taken from the buddy at once. Each has a
 * start, a size class and a 64-bit occupancy word (bit i set = slot i free); a chunk is found by its start in O(1).
 * Ids of removed chunks are reused, so storage follows the number of chunks held.
 */
final class ChunkTable {
    /** What {@link #find(long)} returns for an address where no chunk starts. */
    static final int NONE = AddressMap.MISSING;

    private final AddressMap byStart = new AddressMap();
    private long[] starts = new long[16];
    private long[] freeSlots = new long[16];
    private byte[] classes = new byte[16];
    private final IdPool ids = new IdPool();

    /**
     * Records a chunk with every slot free.
     *
     * @param start     its first address
     * @param sizeClass its class index
     * @param allFree   the occupancy word with one bit set per slot
     * @return the chunk id
     */
    int add(long start, int sizeClass, long allFree) {
        int chunk = ids.take();
        if (chunk == starts.length) {
            int length = chunk << 1;
            starts = Arrays.copyOf(starts, length);
            freeSlots = Arrays.copyOf(freeSlots, length);
            classes = Arrays.copyOf(classes, length);
        }
        starts[chunk] = start;
        classes[chunk] = (byte) sizeClass;
        freeSlots[chunk] = allFree;
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
