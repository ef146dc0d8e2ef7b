package dev.allocator.memory;

import java.util.Arrays;

/**
 * The live blocks of a pool: block address to the exact size and alignment it was allocated with. An open
 * addressing hash table with linear probing over three parallel primitive arrays, so lookups, inserts and removals
 * are O(1) on average and create no objects.
 *
 * <pre>
 *   slot:        0      1      2      3      4      5      6      7
 *   addresses: [ -1 | 4096 | 8256 |  -1  |  -1  | 9000 |  -1  |  -1  ]   -1 marks an empty slot
 *   sizes:     [  . |  100 |   24 |   .  |   .  |  512 |   .  |   .  ]
 *   alignShift:[  . |   12 |    3 |   .  |   .  |    0 |   .  |   .  ]   alignment = 1 << alignShift
 * </pre>
 *
 * <p>Invariants: the capacity is a power of two and at least twice the count (load factor at most 1/2); every
 * address sits in its home slot or after it in an unbroken run of full slots (linear probing), which removal keeps
 * by shifting later entries of the run back instead of leaving tombstones. The table grows by doubling and never
 * shrinks, so its size follows the peak number of live blocks.
 *
 * <p>Slot numbers returned by {@link #find(long)} stay valid until the next {@link #put} or {@link #removeAt}.
 * Not thread safe.
 */
final class LiveBlocks {
    static final long EMPTY = -1L;
    private static final int MIN_CAPACITY = 16;

    private long[] addresses;
    private long[] sizes;
    private byte[] alignShifts;
    private int mask;
    private int hashShift;
    private int count;

    LiveBlocks() {
        allocate(MIN_CAPACITY);
    }

    /** Number of live blocks. */
    int count() {
        return count;
    }

    /** Slots in the table (twice the most blocks it holds without growing). */
    int capacity() {
        return addresses.length;
    }

    /**
     * Finds a block.
     *
     * @param address a block address, {@code >= 0}
     * @return its slot, or -1 if no live block starts there
     */
    int find(long address) {
        int slot = home(address);
        while (true) {
            long key = addresses[slot];
            if (key == address) {
                return slot;
            }
            if (key == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Makes room for one more block now, so that the {@link #put} after a successful allocation cannot fail for
     * want of heap: if growing the table throws {@link OutOfMemoryError}, nothing has been allocated yet.
     */
    void reserveOne() {
        if (2 * (count + 1) > addresses.length) {
            grow();
        }
    }

    /**
     * Records a new block. The address must not be live already.
     *
     * @param address   block address, {@code >= 0}
     * @param size      the size it was allocated with
     * @param alignment a power of two
     */
    void put(long address, long size, long alignment) {
        reserveOne();
        insert(address, size, (byte) Long.numberOfTrailingZeros(alignment));
        count++;
    }

    /** The address stored in a slot. */
    long address(int slot) {
        return addresses[slot];
    }

    /** The size of the block in a slot. */
    long size(int slot) {
        return sizes[slot];
    }

    /** The alignment of the block in a slot. */
    long alignment(int slot) {
        return 1L << alignShifts[slot];
    }

    /** Changes the size of the block in a slot (after a resize in place). */
    void setSize(int slot, long size) {
        sizes[slot] = size;
    }

    /**
     * Forgets the block in a slot, shifting back later members of its probe run so that no lookup stops short.
     *
     * @param slot a slot {@link #find(long)} returned
     */
    void removeAt(int slot) {
        int hole = slot;
        int next = (hole + 1) & mask;
        while (addresses[next] != EMPTY) {
            int nextHome = home(addresses[next]);
            // The entry at next may move into the hole only if its home is not inside (hole, next].
            if (((next - nextHome) & mask) >= ((next - hole) & mask)) {
                addresses[hole] = addresses[next];
                sizes[hole] = sizes[next];
                alignShifts[hole] = alignShifts[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        addresses[hole] = EMPTY;
        count--;
    }

    private void insert(long address, long size, byte alignShift) {
        int slot = home(address);
        while (addresses[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        addresses[slot] = address;
        sizes[slot] = size;
        alignShifts[slot] = alignShift;
    }

    private int home(long address) {
        // Fibonacci hashing: block addresses share their low bits (alignment), so take the product's top bits.
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> hashShift);
    }

    private void grow() {
        long[] oldAddresses = addresses;
        long[] oldSizes = sizes;
        byte[] oldShifts = alignShifts;
        allocate(oldAddresses.length * 2);
        for (int slot = 0; slot < oldAddresses.length; slot++) {
            if (oldAddresses[slot] != EMPTY) {
                insert(oldAddresses[slot], oldSizes[slot], oldShifts[slot]);
            }
        }
    }

    /** Replaces the arrays with empty ones of {@code capacity}; all three are created before any is replaced. */
    private void allocate(int capacity) {
        long[] newAddresses = new long[capacity];
        long[] newSizes = new long[capacity];
        byte[] newShifts = new byte[capacity];
        Arrays.fill(newAddresses, EMPTY);
        addresses = newAddresses;
        sizes = newSizes;
        alignShifts = newShifts;
        mask = capacity - 1;
        hashShift = 64 - Integer.numberOfTrailingZeros(capacity);
    }
}
