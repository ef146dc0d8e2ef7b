package dev.allocator.records;

import java.util.Arrays;

/**
 * Records of a fixed number of {@code long} words ({@code stride}): word 0 of record {@code r} is
 * {@code starts[r]}, its other words are pairs of {@code int} halves in {@code halves}, so that writing a half is
 * one plain store (no read-modify-write of a {@code long}).
 *
 * <pre>
 *   starts  | r0.w0 | r1.w0 | r2 (released: link) | r3.w0 | ...spare...
 *   halves  | r0: w1.hi w1.lo w2.hi w2.lo | r1: ... |                 two ints per word after word 0
 *                              ^ released stack: r2 -&gt; NIL (linked through word 0)
 * </pre>
 *
 * <p>A record never moves while it lives, so other records, lists and indexes refer to it by its number. A
 * released record is handed out again before a new one (last released first), so the array grows with the most
 * records ever live at once. Growing (doubling) is the only allocation, and it happens only in
 * {@link #ensureRoom(int)}: an allocator asks for the room an operation needs before it changes anything, so a
 * failed growth (an {@link OutOfMemoryError}, or {@code false} past {@link #maxRecords()}) leaves everything as it
 * was.
 *
 * <p>Word 0 of a live record must be {@code >= 0} (the allocators keep a block's start address there): a released
 * record has a negative word 0 (its link in the stack of released records), which is how {@link #isLive(int)}
 * tells them apart without any other storage.
 *
 * <p>Not thread safe; nothing is checked on the accessors.
 */
public final class RecordStore {
    /** No record: the end of a list or chain. */
    public static final int NIL = -1;

    private static final long LOW = 0xFFFF_FFFFL;
    /** Word 0 of a released record: negative, whatever the link in its low half. */
    private static final long RELEASED = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 16;
    /** Largest array the JVMs allow in practice. */
    private static final int MAX_WORDS = Integer.MAX_VALUE - 8;

    private final int stride;
    /** Ints per record in {@link #halves}: two per word after word 0. */
    private final int halvesPerRecord;
    private final int maxRecords;
    private long[] starts;
    private int[] halves;
    /** Records the arrays hold. */
    private int capacity;
    /** Records {@code [0, highWater)} have been handed out at least once. */
    private int highWater;
    private int releasedHead = NIL;
    private int releasedCount;

    /**
     * Creates a store.
     *
     * @param stride         words per record, at least 1
     * @param initialRecords records to make room for at once, {@code >= 0}
     * @throws IllegalArgumentException if {@code stride < 1} or {@code initialRecords} is negative or too large
     */
    public RecordStore(int stride, int initialRecords) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride " + stride + " < 1");
        }
        this.stride = stride;
        this.halvesPerRecord = 2 * (stride - 1);
        this.maxRecords = MAX_WORDS / Math.max(1, halvesPerRecord);
        if (initialRecords < 0 || initialRecords > maxRecords) {
            throw new IllegalArgumentException("initialRecords " + initialRecords + " not in [0, " + maxRecords + "]");
        }
        this.capacity = Math.max(MIN_CAPACITY, initialRecords);
        this.starts = new long[capacity];
        this.halves = new int[capacity * halvesPerRecord];
    }

    /**
     * Returns the most records a store of this stride can hold.
     *
     * @return the bound
     */
    public int maxRecords() {
        return maxRecords;
    }

    /**
     * Makes sure the next {@code more} calls of {@link #add()} allocate nothing. Grows by half again at least.
     *
     * @param more records about to be added
     * @return false, with nothing changed, if that would pass {@link #maxRecords()}
     * @throws OutOfMemoryError if the heap cannot hold the larger array; nothing changed then either
     */
    public boolean ensureRoom(int more) {
        if (capacity - highWater + releasedCount >= more) {
            return true;
        }
        long needed = (long) highWater + more - releasedCount;
        if (needed > maxRecords) {
            return false;
        }
        int grown = (int) Math.min(maxRecords, Math.max(needed, 2L * capacity));
        long[] grownStarts = Arrays.copyOf(starts, grown);
        halves = Arrays.copyOf(halves, grown * halvesPerRecord);
        starts = grownStarts;
        capacity = grown;
        return true;
    }

    /**
     * Takes a record: the last one released, or a new one. Its words hold whatever they held: set them all.
     * Call {@link #ensureRoom(int)} first; otherwise this may grow the array itself.
     *
     * @return the record's number
     * @throws IllegalStateException if the store is full ({@link #maxRecords()})
     */
    public int add() {
        int record = releasedHead;
        if (record != NIL) {
            releasedHead = (int) starts[record];
            releasedCount--;
            return record;
        }
        if (highWater == capacity && !ensureRoom(1)) {
            throw new IllegalStateException("record store is full: " + maxRecords + " records");
        }
        return highWater++;
    }

    /**
     * Gives a record back; its number is handed out again by a later {@link #add()}. The caller must hold no
     * reference to it any more.
     *
     * @param record a live record
     */
    public void release(int record) {
        starts[record] = RELEASED | (releasedHead & LOW);
        releasedHead = record;
        releasedCount++;
    }

    /** Releases every record at once, in O(1); the array keeps its size. */
    public void clear() {
        highWater = 0;
        releasedHead = NIL;
        releasedCount = 0;
    }

    /**
     * Returns one above the highest record number handed out so far: records {@code [0, bound())} are live or
     * released ({@link #isLive(int)} tells which).
     *
     * @return the bound
     */
    public int bound() {
        return highWater;
    }

    /**
     * Tells whether a record below {@link #bound()} is live (added and not released).
     *
     * @param record a record number below {@link #bound()}
     * @return true if it is live
     */
    public boolean isLive(int record) {
        return starts[record] >= 0;
    }

    /**
     * Returns the number of live records.
     *
     * @return records added and not released
     */
    public int count() {
        return highWater - releasedCount;
    }

    /**
     * Returns the bytes of the array, for reports.
     *
     * @return bytes held
     */
    public long footprintBytes() {
        return (long) starts.length * Long.BYTES + (long) halves.length * Integer.BYTES;
    }

    /**
     * Reads a word.
     *
     * @param record a live record
     * @param field  the word, {@code [0, stride)}
     * @return its value
     */
    public long get(int record, int field) {
        if (field == 0) {
            return starts[record];
        }
        int at = record * halvesPerRecord + 2 * (field - 1);
        return ((long) halves[at] << 32) | (halves[at + 1] & LOW);
    }

    /**
     * Writes a word.
     *
     * @param record a live record
     * @param field  the word, {@code [0, stride)}
     * @param value  its new value
     */
    public void set(int record, int field, long value) {
        if (field == 0) {
            starts[record] = value;
            return;
        }
        int at = record * halvesPerRecord + 2 * (field - 1);
        halves[at] = (int) (value >> 32);
        halves[at + 1] = (int) value;
    }

    /**
     * Reads the high 32 bits of a word after word 0.
     *
     * @param record a live record
     * @param field  the word, {@code [1, stride)}
     * @return the high half
     */
    public int high(int record, int field) {
        return halves[record * halvesPerRecord + 2 * field - 2];
    }

    /**
     * Reads the low 32 bits of a word after word 0.
     *
     * @param record a live record
     * @param field  the word, {@code [1, stride)}
     * @return the low half
     */
    public int low(int record, int field) {
        return halves[record * halvesPerRecord + 2 * field - 1];
    }

    /**
     * Writes the high 32 bits of a word after word 0, keeping the low ones.
     *
     * @param record a live record
     * @param field  the word, {@code [1, stride)}
     * @param value  the new high half
     */
    public void setHigh(int record, int field, int value) {
        halves[record * halvesPerRecord + 2 * field - 2] = value;
    }

    /**
     * Writes the low 32 bits of a word after word 0, keeping the high ones.
     *
     * @param record a live record
     * @param field  the word, {@code [1, stride)}
     * @param value  the new low half
     */
    public void setLow(int record, int field, int value) {
        halves[record * halvesPerRecord + 2 * field - 1] = value;
    }

    /**
     * Writes both halves of a word after word 0.
     *
     * @param record a live record
     * @param field  the word, {@code [1, stride)}
     * @param high   the high half
     * @param low    the low half
     */
    public void setHalves(int record, int field, int high, int low) {
        int at = record * halvesPerRecord + 2 * field - 2;
        halves[at] = high;
        halves[at + 1] = low;
    }
}
