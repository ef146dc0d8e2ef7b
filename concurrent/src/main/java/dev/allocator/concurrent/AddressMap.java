package dev.allocator.concurrent;

import java.util.Arrays;

/**
 * A map from address to size for the blocks held directly from the root: open addressing on {@code long} keys,
 * linear probing, at most half full, backward-shift deletion (no tombstones). Not thread safe: used under the
 * root's lock. O(1) per call; grows geometrically, so it allocates only when it holds more blocks than ever before.
 */
final class AddressMap {
    /** What {@link #get(long)} returns for an address not in the map. */
    static final long MISSING = -1L;
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;
    private int shift;

    AddressMap() {
        allocate(16);
    }

    /** The value for {@code key}, or {@link #MISSING}. */
    long get(long key) {
        int mask = keys.length - 1;
        for (int slot = home(key); ; slot = (slot + 1) & mask) {
            long found = keys[slot];
            if (found == key) {
                return values[slot];
            }
            if (found == EMPTY) {
                return MISSING;
            }
        }
    }

    /** Maps {@code key} (not {@code Long.MIN_VALUE}) to {@code value}, replacing any value it had. */
    void put(long key, long value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = home(key);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == EMPTY) {
            size++;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    /** Removes {@code key}; returns its value, or {@link #MISSING}. */
    long remove(long key) {
        int mask = keys.length - 1;
        int slot = home(key);
        while (keys[slot] != key) {
            if (keys[slot] == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
        long value = values[slot];
        size--;
        // backward shift: move later members of the probe run into the hole
        int hole = slot;
        for (int next = (hole + 1) & mask; keys[next] != EMPTY; next = (next + 1) & mask) {
            int wanted = home(keys[next]);
            boolean movable = hole <= next ? wanted <= hole || wanted > next : wanted <= hole && wanted > next;
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
        }
        keys[hole] = EMPTY;
        return value;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new long[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != EMPTY) {
                put(oldKeys[slot], oldValues[slot]);
            }
        }
    }
}
