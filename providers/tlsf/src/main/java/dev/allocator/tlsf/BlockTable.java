package dev.allocator.tlsf;

/**
 * Block records, stored in an open-addressed hash table keyed by the block's start address: the address hashes
 * straight to the record, so freeing needs no separate address-to-slot index.
 *
 * <p>A record is four {@code long}s at {@code 4 * index}:
 * <pre>
 *   [start][size][physPrev:int | physNext:int][freePrev:int | freeNext:int]
 * </pre>
 * {@code start == EMPTY} marks a vacant slot. Links hold record indices ({@link #NIL} at an end). A used block
 * has {@link #USED} in place of its free links. The table uses linear probing with a Fibonacci hash, stays at
 * most three quarters full, and deletes by shifting later entries back (no tombstones). A shifted record changes index,
 * so every link to it is patched: its physical neighbours and free-list neighbours are patched here, a free-list
 * head is reported to the {@link ListHeads} owner. Growth rehashes and renumbers every link the same way.
 *
 * <p>Indices stay valid until the next {@link #remove(int, int)} or {@link #ensureRoom(int)}; {@link #insert}
 * never moves a record. Not thread safe.
 */
final class BlockTable {
    /** No record: the end of a chain or list. */
    static final int NIL = -1;
    /** Marks a vacant slot; block starts are never negative. */
    static final long EMPTY = -1L;
    /** The free-link word of a used block. */
    static final long USED = 0x8000_0000_8000_0000L;
    /** Largest capacity: record fields are addressed by an {@code int} index times four. */
    static final int MAX_CAPACITY = 1 << 28;

    private static final int STRIDE = 4;
    /**
     * Longs left unused in front of the first record. A large table is a humongous object in G1, placed at the
     * start of a heap region; with the 16-byte array header this puts every 32-byte record inside one cache line.
     */
    private static final int PAD = 2;
    private static final long FIBONACCI = 0x9E37_79B9_7F4A_7C15L;
    private static final long LOW = 0xFFFF_FFFFL;

    /** Whoever keeps free-list heads outside the table: told when a list's first record changes index. */
    interface ListHeads {
        /**
         * The first record of the list that holds blocks of {@code size} bytes is now at {@code index}.
         *
         * @param size  the record's size
         * @param index its new index
         */
        void headMoved(long size, int index);
    }

    private final ListHeads heads;
    private long[] records;
    private int mask;
    private int hashShift;
    private int count;

    /**
     * Creates a table with room for {@code expectedRecords} before it grows.
     *
     * @param expectedRecords records to presize for, {@code >= 0}
     * @param heads           told when a free-list head moves
     */
    BlockTable(int expectedRecords, ListHeads heads) {
        this.heads = heads;
        allocate(capacityFor(expectedRecords));
    }

    /** Smallest power-of-two capacity that holds {@code records} at most three quarters full; -1 if too large. */
    private static int capacityFor(long records) {
        long wanted = Math.max(16, (4 * records + 2) / 3);
        if (wanted > MAX_CAPACITY) {
            return -1;
        }
        return (int) Long.highestOneBit(wanted - 1) << 1;
    }

    private void allocate(int capacity) {
        records = new long[PAD + capacity * STRIDE];
        for (int i = PAD; i < records.length; i += STRIDE) {
            records[i] = EMPTY;
        }
        mask = capacity - 1;
        hashShift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** Number of records. */
    int count() {
        return count;
    }

    /** Number of slots. */
    int capacity() {
        return mask + 1;
    }

    private int home(long start) {
        return (int) ((start * FIBONACCI) >>> hashShift);
    }

    /**
     * Finds the record of the block starting at {@code start}.
     *
     * @param start an address, {@code >= 0}
     * @return its index, or {@link #NIL}
     */
    int find(long start) {
        long[] table = records;
        int index = home(start);
        while (true) {
            long key = table[index * STRIDE + PAD];
            if (key == start) {
                return index;
            }
            if (key == EMPTY) {
                return NIL;
            }
            index = (index + 1) & mask;
        }
    }

    /**
     * Makes sure {@code more} records can be inserted without growing. May renumber every record.
     *
     * @param more records about to be inserted
     * @return false if the table cannot grow that far ({@link #MAX_CAPACITY}); nothing changed then
     */
    boolean ensureRoom(int more) {
        long needed = (long) count + more;
        if (4 * needed <= 3L * capacity()) {
            return true;
        }
        int capacity = capacityFor(needed);
        if (capacity < 0) {
            return false;
        }
        rehash(capacity);
        return true;
    }

    private void rehash(int capacity) {
        long[] old = records;
        int oldCapacity = (old.length - PAD) / STRIDE;
        int[] renumbered = new int[oldCapacity];
        allocate(capacity);
        long[] table = records;
        for (int from = 0; from < oldCapacity; from++) {
            long start = old[from * STRIDE + PAD];
            if (start == EMPTY) {
                continue;
            }
            int to = home(start);
            while (table[to * STRIDE + PAD] != EMPTY) {
                to = (to + 1) & mask;
            }
            System.arraycopy(old, from * STRIDE + PAD, table, to * STRIDE + PAD, STRIDE);
            renumbered[from] = to;
        }
        for (int at = PAD; at < table.length; at += STRIDE) {
            if (table[at] == EMPTY) {
                continue;
            }
            table[at + 2] = pack(renumber(renumbered, high(table[at + 2])), renumber(renumbered, low(table[at + 2])));
            long free = table[at + 3];
            if (free != USED) {
                int freePrev = high(free);
                table[at + 3] = pack(renumber(renumbered, freePrev), renumber(renumbered, low(free)));
                if (freePrev == NIL) {
                    heads.headMoved(table[at + 1], (at - PAD) / STRIDE);
                }
            }
        }
    }

    private static int renumber(int[] renumbered, int index) {
        return index == NIL ? NIL : renumbered[index];
    }

    /**
     * Adds a used record with no links. Call {@link #ensureRoom(int)} first; moves no other record.
     *
     * @param start the block's address, not yet in the table
     * @param size  its size
     * @return the new record's index
     */
    int insert(long start, long size) {
        long[] table = records;
        int index = home(start);
        while (table[index * STRIDE + PAD] != EMPTY) {
            index = (index + 1) & mask;
        }
        int at = index * STRIDE + PAD;
        table[at] = start;
        table[at + 1] = size;
        table[at + 2] = pack(NIL, NIL);
        table[at + 3] = USED;
        count++;
        return index;
    }

    /**
     * Deletes a record nothing links to any more (see {@link #detach(int)}), shifting later records of its probe
     * run back and patching the links to each one moved.
     *
     * @param victim  the record to delete
     * @param tracked another record the caller still needs, or {@link #NIL}
     * @return the index {@code tracked} has now
     */
    int remove(int victim, int tracked) {
        long[] table = records;
        int hole = victim;
        int index = victim;
        while (true) {
            index = (index + 1) & mask;
            long start = table[index * STRIDE + PAD];
            if (start == EMPTY) {
                break;
            }
            int home = home(start);
            if (((index - home) & mask) >= ((index - hole) & mask)) {
                move(index, hole);
                if (tracked == index) {
                    tracked = hole;
                }
                hole = index;
            }
        }
        table[hole * STRIDE + PAD] = EMPTY;
        count--;
        return tracked;
    }

    private void move(int from, int to) {
        long[] table = records;
        System.arraycopy(table, from * STRIDE + PAD, table, to * STRIDE + PAD, STRIDE);
        int at = to * STRIDE + PAD;
        long phys = table[at + 2];
        int physPrev = high(phys);
        int physNext = low(phys);
        if (physPrev != NIL) {
            setPhysNext(physPrev, to);
        }
        if (physNext != NIL) {
            setPhysPrev(physNext, to);
        }
        long free = table[at + 3];
        if (free != USED) {
            int freePrev = high(free);
            int freeNext = low(free);
            if (freePrev != NIL) {
                setFreeNext(freePrev, to);
            } else {
                heads.headMoved(table[at + 1], to);
            }
            if (freeNext != NIL) {
                setFreePrev(freeNext, to);
            }
        }
    }

    /**
     * Empties the table by walking chains of physical neighbours, without probing: every record must lie on one
     * of the chains. Costs O(records), not O(capacity).
     *
     * @param firstRecords the first record of each chain
     * @param chains       how many entries of {@code firstRecords} to use
     */
    void clearChains(int[] firstRecords, int chains) {
        long[] table = records;
        for (int chain = 0; chain < chains; chain++) {
            int index = firstRecords[chain];
            while (index != NIL) {
                int at = index * STRIDE + PAD;
                index = low(table[at + 2]);
                table[at] = EMPTY;
                count--;
            }
        }
    }

    /** Clears a record's links so that moving it patches nothing: for a record about to be removed. */
    void detach(int index) {
        records[index * STRIDE + PAD + 2] = pack(NIL, NIL);
        records[index * STRIDE + PAD + 3] = USED;
    }

    long start(int index) {
        return records[index * STRIDE + PAD];
    }

    long size(int index) {
        return records[index * STRIDE + PAD + 1];
    }

    void setSize(int index, long size) {
        records[index * STRIDE + PAD + 1] = size;
    }

    int physPrev(int index) {
        return high(records[index * STRIDE + PAD + 2]);
    }

    int physNext(int index) {
        return low(records[index * STRIDE + PAD + 2]);
    }

    void setPhysPrev(int index, int prev) {
        setHigh(index * STRIDE + PAD + 2, prev);
    }

    void setPhysNext(int index, int next) {
        setLow(index * STRIDE + PAD + 2, next);
    }

    /** Links {@code first} and {@code second} as physical neighbours; either may be {@link #NIL}. */
    void linkPhysical(int first, int second) {
        if (first != NIL) {
            setPhysNext(first, second);
        }
        if (second != NIL) {
            setPhysPrev(second, first);
        }
    }

    boolean isFree(int index) {
        return records[index * STRIDE + PAD + 3] != USED;
    }

    int freePrev(int index) {
        return high(records[index * STRIDE + PAD + 3]);
    }

    int freeNext(int index) {
        return low(records[index * STRIDE + PAD + 3]);
    }

    /** Marks a record free with the given free-list links. */
    void setFreeLinks(int index, int prev, int next) {
        records[index * STRIDE + PAD + 3] = pack(prev, next);
    }

    void setFreePrev(int index, int prev) {
        setHigh(index * STRIDE + PAD + 3, prev);
    }

    void setFreeNext(int index, int next) {
        setLow(index * STRIDE + PAD + 3, next);
    }

    /** Marks a record used (no free-list links). */
    void markUsed(int index) {
        records[index * STRIDE + PAD + 3] = USED;
    }

    /** Bytes of metadata held, for tests and reports. */
    long footprintBytes() {
        return (long) records.length * Long.BYTES;
    }

    private void setHigh(int at, int value) {
        records[at] = (records[at] & LOW) | ((long) value << 32);
    }

    private void setLow(int at, int value) {
        records[at] = (records[at] & ~LOW) | (value & LOW);
    }

    private static long pack(int high, int low) {
        return ((long) high << 32) | (low & LOW);
    }

    private static int high(long word) {
        return (int) (word >> 32);
    }

    private static int low(long word) {
        return (int) word;
    }
}
