package dev.allocator.records;

import static dev.allocator.records.RecordStore.NIL;

import java.util.Arrays;

/**
 * A fixed number of doubly linked lists of records, threaded through one word of each record (previous in the high
 * half, next in the low half), used as stacks: push at the head, unlink from anywhere in O(1).
 *
 * <pre>
 *   heads[3] -&gt; r7 &lt;-&gt; r3 &lt;-&gt; r12 -&gt; NIL        r3.linkField = (prev r7 | next r12)
 * </pre>
 *
 * <p>A record is in at most one list at a time; while it is in none, its link word is the caller's. Which lists
 * are empty is the caller's business too ({@link #push} and {@link #unlink} say when that changes), so that each
 * allocator keeps the summary it searches best (a 64-bit mask, two bitmap levels). Not thread safe.
 */
public final class RecordLists {
    private final RecordStore records;
    private final int linkField;
    private final int[] heads;

    /**
     * Creates empty lists.
     *
     * @param records   the records the lists link
     * @param linkField the word that holds a listed record's links
     * @param lists     how many lists
     */
    public RecordLists(RecordStore records, int linkField, int lists) {
        this.records = records;
        this.linkField = linkField;
        this.heads = new int[lists];
        Arrays.fill(heads, NIL);
    }

    /**
     * Returns the first record of a list.
     *
     * @param list a list
     * @return its head, or {@link RecordStore#NIL} if it is empty
     */
    public int head(int list) {
        return heads[list];
    }

    /**
     * Returns the record after another in its list.
     *
     * @param record a listed record
     * @return the next record, or {@link RecordStore#NIL}
     */
    public int next(int record) {
        return records.low(record, linkField);
    }

    /**
     * Puts a record at the head of a list.
     *
     * @param list   the list
     * @param record a record in no list
     * @return true if the list was empty before
     */
    public boolean push(int list, int record) {
        int first = heads[list];
        records.setHalves(record, linkField, NIL, first);
        heads[list] = record;
        if (first == NIL) {
            return true;
        }
        records.setHigh(first, linkField, record);
        return false;
    }

    /**
     * Takes a record out of its list. Its link word is left as it was.
     *
     * @param list   the list holding it
     * @param record the record
     * @return true if the list is empty now
     */
    public boolean unlink(int list, int record) {
        int previous = records.high(record, linkField);
        int next = records.low(record, linkField);
        if (next != NIL) {
            records.setHigh(next, linkField, previous);
        }
        if (previous != NIL) {
            records.setLow(previous, linkField, next);
            return false;
        }
        heads[list] = next;
        return next == NIL;
    }

    /** Empties every list, in O(lists); the records are the caller's business. */
    public void clear() {
        Arrays.fill(heads, NIL);
    }
}
