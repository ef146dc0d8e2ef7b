package dev.allocator.buddy.internal;

import java.util.Arrays;

/**
 * A hash map from a non-negative {@code long} address to an {@code int} id, in two primitive arrays: open
 * addressing with linear probing and backward-shift deletion (no tombstones), load factor at most one half.
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

    private long[] keys;
    private int[] values;
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
        long[] table = keys;
        int slot = home(key);
        while (true) {
            long found = table[slot];
            if (found == key) {
                return values[slot];
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
            long found = keys[slot];
            if (found == key) {
                values[slot] = value;
                return;
            }
            if (found == EMPTY) {
                keys[slot] = key;
                values[slot] = value;
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
            long found = keys[slot];
            if (found == key) {
                break;
            }
            if (found == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
        int removed = values[slot];
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
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** Moves later entries of the probe run back into the emptied {@code gap}, so lookups need no tombstones. */
    private void closeGap(int gap) {
        int next = gap;
        while (true) {
            next = (next + 1) & mask;
            long key = keys[next];
            if (key == EMPTY) {
                break;
            }
            int wanted = home(key);
            // The entry may move into the gap if the gap lies on its probe path: between its home and its slot.
            if (((next - wanted) & mask) >= ((next - gap) & mask)) {
                keys[gap] = key;
                values[gap] = values[next];
                gap = next;
            }
        }
        keys[gap] = EMPTY;
    }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> shift);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private void allocateAndRehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key != EMPTY) {
                int slot = home(key);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = oldValues[i];
            }
        }
    }
}
