package dev.allocator.buddy.internal;

/**
 * A hash map from a non-negative {@code long} address to an {@code int} id, in one {@code long[]} of
 * (key, value) pairs so a probe reads one cache line: open addressing with linear probing and backward-shift
 * deletion (no tombstones), load factor at most one half.
 *
 * <p>The buddy allocator indexes block starts with it, the slab allocator chunk starts. Lookups, inserts and
 * removals are O(1) expected; an insert that fills the table past half doubles it (the only allocation, amortised).
 * Keys must be {@code >= 0}: {@code -1} marks an empty slot. Not thread safe.
 */
public final class AddressMap {
    /** What {@link #get(long)} and {@link #remove(long)} return for an absent key. */
    public static final int MISSING = -1;

    private static final long EMPTY = -1L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MIN_CAPACITY = 16;

    /** Slot i holds its key at {@code 2i} and its value at {@code 2i + 1}. */
    private long[] entries;
    private int mask;
    private int shift;
    private int size;

    /** Creates an empty map with room for a few entries. */
    public AddressMap() {
        allocate(MIN_CAPACITY);
    }

    /**
     * Returns the id stored for an address.
     *
     * @param key any address; negative keys are never present
     * @return the id, or {@link #MISSING}
     */
    public int get(long key) {
        if (key < 0) {
            return MISSING;
        }
        long[] table = entries;
        int slot = home(key);
        while (true) {
            long found = table[slot << 1];
            if (found == key) {
                return (int) table[(slot << 1) + 1];
            }
            if (found == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Stores an id for an address, replacing any id it had.
     *
     * @param key   an address, {@code >= 0}
     * @param value the id
     */
    public void put(long key, int value) {
        int slot = home(key);
        while (true) {
            long found = entries[slot << 1];
            if (found == key) {
                entries[(slot << 1) + 1] = value;
                return;
            }
            if (found == EMPTY) {
                entries[slot << 1] = key;
                entries[(slot << 1) + 1] = value;
                if (++size > (mask + 1) >>> 1) {
                    allocateAndRehash((mask + 1) << 1);
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Removes an address.
     *
     * @param key any address
     * @return the id it had, or {@link #MISSING} if it was absent
     */
    public int remove(long key) {
        if (key < 0) {
            return MISSING;
        }
        int slot = home(key);
        while (true) {
            long found = entries[slot << 1];
            if (found == key) {
                break;
            }
            if (found == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
        int removed = (int) entries[(slot << 1) + 1];
        closeGap(slot);
        size--;
        return removed;
    }

    /**
     * Returns the number of entries.
     *
     * @return entries stored
     */
    public int size() {
        return size;
    }

    /** Removes every entry; O(capacity), keeps the capacity. */
    public void clear() {
        for (int slot = 0; slot <= mask; slot++) {
            entries[slot << 1] = EMPTY;
        }
        size = 0;
    }

    /** Moves later entries of the probe run back into the emptied {@code gap}, so lookups need no tombstones. */
    private void closeGap(int gap) {
        int next = gap;
        while (true) {
            next = (next + 1) & mask;
            long key = entries[next << 1];
            if (key == EMPTY) {
                break;
            }
            int wanted = home(key);
            // The entry may move into the gap if the gap lies on its probe path: between its home and its slot.
            if (((next - wanted) & mask) >= ((next - gap) & mask)) {
                entries[gap << 1] = key;
                entries[(gap << 1) + 1] = entries[(next << 1) + 1];
                gap = next;
            }
        }
        entries[gap << 1] = EMPTY;
    }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> shift);
    }

    private void allocate(int capacity) {
        entries = new long[capacity << 1];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        for (int slot = 0; slot < capacity; slot++) {
            entries[slot << 1] = EMPTY;
        }
    }

    private void allocateAndRehash(int capacity) {
        long[] old = entries;
        allocate(capacity);
        for (int i = 0; i < old.length; i += 2) {
            long key = old[i];
            if (key != EMPTY) {
                int slot = home(key);
                while (entries[slot << 1] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                entries[slot << 1] = key;
                entries[(slot << 1) + 1] = old[i + 1];
            }
        }
    }
}
