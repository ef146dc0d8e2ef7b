package dev.allocator.records;

import java.util.Arrays;

/**
 * Records of a fixed number of {@code long} words ({@code stride}), all in one growing {@code long[]}: record
 * {@code r} is {@code words[r * stride, r * stride + stride)}.
 *
 * <pre>
 *   words   | r0: w0 w1 w2 | r1: w0 w1 w2 | r2: (released) | r3: w0 w1 w2 |  ...spare...  |
 *                                              ^ released stack: r2 -&gt; NIL (linked through word 0)
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
    private final int maxRecords;
    private long[] words;
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
        this.maxRecords = MAX_WORDS / stride;
        if (initialRecords < 0 || initialRecords > maxRecords) {
            throw new IllegalArgumentException("initialRecords " + initialRecords + " not in [0, " + maxRecords + "]");
        }
        this.words = new long[Math.max(MIN_CAPACITY, initialRecords) * stride];
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
        int capacity = words.length / stride;
        if (capacity - highWater + releasedCount >= more) {
            return true;
        }
        long needed = (long) highWater + more - releasedCount;
        if (needed > maxRecords) {
            return false;
        }
        long grown = Math.min(maxRecords, Math.max(needed, 2L * capacity));
        words = Arrays.copyOf(words, (int) grown * stride);
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
            releasedHead = (int) words[record * stride];
            releasedCount--;
            return record;
        }
        if (highWater == words.length / stride && !ensureRoom(1)) {
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
        words[record * stride] = RELEASED | (releasedHead & LOW);
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
        return words[record * stride] >= 0;
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
        return (long) words.length * Long.BYTES;
    }

    /**
     * Reads a word.
     *
     * @param record a live record
     * @param field  the word, {@code [0, stride)}
     * @return its value
     */
    public long get(int record, int field) {
        return words[record * stride + field];
    }

    /**
     * Writes a word.
     *
     * @param record a live record
     * @param field  the word, {@code [0, stride)}
     * @param value  its new value
     */
    public void set(int record, int field, long value) {
        words[record * stride + field] = value;
    }

    /**
     * Reads the high 32 bits of a word.
     *
     * @param record a live record
     * @param field  the word
     * @return the high half
     */
    public int high(int record, int field) {
        return (int) (words[record * stride + field] >> 32);
    }

    /**
     * Reads the low 32 bits of a word.
     *
     * @param record a live record
     * @param field  the word
     * @return the low half
     */
    public int low(int record, int field) {
        return (int) words[record * stride + field];
    }

    /**
     * Writes the high 32 bits of a word, keeping the low ones.
     *
     * @param record a live record
     * @param field  the word
     * @param value  the new high half
     */
    public void setHigh(int record, int field, int value) {
        int at = record * stride + field;
        words[at] = (words[at] & LOW) | ((long) value << 32);
    }

    /**
     * Writes the low 32 bits of a word, keeping the high ones.
     *
     * @param record a live record
     * @param field  the word
     * @param value  the new low half
     */
    public void setLow(int record, int field, int value) {
        int at = record * stride + field;
        words[at] = (words[at] & ~LOW) | (value & LOW);
    }

    /**
     * Writes both halves of a word.
     *
     * @param record a live record
     * @param field  the word
     * @param high   the high half
     * @param low    the low half
     */
    public void setHalves(int record, int field, int high, int low) {
        words[record * stride + field] = ((long) high << 32) | (low & LOW);
    }
}
