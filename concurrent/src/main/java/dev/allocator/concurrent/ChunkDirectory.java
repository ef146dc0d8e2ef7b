package dev.allocator.concurrent;

import java.util.Arrays;

/**
 * Finds the chunk an address lies in, in O(1) and without a lock: chunks are aligned to their size, so
 * {@code address >>> log2(chunk size)} names one, and a hash table maps that number to the chunk. The table is
 * copied on every change (a chunk leased or given back, under the root's lock) and published through a volatile
 * field: readers never wait, and a change costs O(chunks), which is rare (arenas keep their chunks).
 */
final class ChunkDirectory {
    private static final long NO_NUMBER = -1L;

    /** One immutable generation of the table. */
    private static final class Snapshot {
        final int shift;
        final long[] numbers;
        final Chunk[] chunks;
        final int count;
        final int mask;
        final int hashShift;

        Snapshot(int shift, int capacity, int count) {
            this.shift = shift;
            this.numbers = new long[capacity];
            Arrays.fill(numbers, NO_NUMBER);
            this.chunks = new Chunk[capacity];
            this.count = count;
            this.mask = capacity - 1;
            this.hashShift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        int home(long number) {
            return (int) ((number * 0x9E3779B97F4A7C15L) >>> hashShift);
        }

        void put(Chunk chunk) {
            long number = chunk.start >>> shift;
            int slot = home(number);
            while (numbers[slot] != NO_NUMBER) {
                slot = (slot + 1) & mask;
            }
            numbers[slot] = number;
            chunks[slot] = chunk;
        }
    }

    private volatile Snapshot snapshot = new Snapshot(63, 2, 0);

    /**
     * Finds the chunk holding an address. Lock-free.
     *
     * @param pos any address
     * @return the chunk, or null if no chunk holds it (a block held directly from the root, or a foreign address)
     */
    Chunk find(long pos) {
        Snapshot current = snapshot;
        if (current.count == 0 || pos < 0) {
            return null;
        }
        long number = pos >>> current.shift;
        for (int slot = current.home(number); ; slot = (slot + 1) & current.mask) {
            long found = current.numbers[slot];
            if (found == number) {
                return current.chunks[slot];
            }
            if (found == NO_NUMBER) {
                return null;
            }
        }
    }

    /**
     * Adds a chunk. Under the root's lock.
     *
     * @param chunk a chunk of {@code 1 << shift} bytes aligned to its size
     * @param shift log2 of the chunk size; the same for every chunk until {@link #clear()}
     */
    void add(Chunk chunk, int shift) {
        Snapshot old = snapshot;
        Snapshot fresh = new Snapshot(shift, capacityFor(old.count + 1), old.count + 1);
        copy(old, fresh, null);
        fresh.put(chunk);
        snapshot = fresh;
    }

    /** Removes a chunk. Under the root's lock. */
    void remove(Chunk chunk) {
        Snapshot old = snapshot;
        Snapshot fresh = new Snapshot(old.shift, capacityFor(old.count - 1), old.count - 1);
        copy(old, fresh, chunk);
        snapshot = fresh;
    }

    /** Forgets every chunk. Under the root's lock. */
    void clear() {
        snapshot = new Snapshot(63, 2, 0);
    }

    /** The number of chunks. */
    int count() {
        return snapshot.count;
    }

    private static void copy(Snapshot from, Snapshot to, Chunk except) {
        for (Chunk chunk : from.chunks) {
            if (chunk != null && chunk != except) {
                to.put(chunk);
            }
        }
    }

    private static int capacityFor(int count) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, count) * 2 - 1) << 1);
    }
}
