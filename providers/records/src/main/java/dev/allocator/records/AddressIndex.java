package dev.allocator.records;

import static dev.allocator.records.RecordStore.NIL;

import java.util.Arrays;

/**
 * Finds records of a {@link RecordStore} by the address in their word 0: a hash table with separate chaining,
 * whose chains are threaded through the records themselves (the low half of word {@code linkField}).
 *
 * <pre>
 *   buckets  [ NIL | 7 | NIL | 2 | ... ]        hash(start) = (start * golden ratio) &gt;&gt;&gt; shift
 *                    |         |
 *   records          r7 -&gt; r4   r2 -&gt; NIL       r7.start == key?  else follow the link in r7
 * </pre>
 *
 * <p>Records never move, so inserting and removing touch one bucket and one chain, and nothing else is patched (an
 * open-addressed table that shifts entries on removal has to re-link every moved entry). There are at least as
 * many buckets as indexed records (a power of two), so a lookup reads about 1.5 records on average; growing to
 * keep that bound happens only in {@link #ensureRoom(int)}, before the caller changes anything.
 *
 * <p>Which live records are indexed is fixed by construction: all of them, or those whose {@code markField} has a
 * given high half (the TLSF allocator indexes its used blocks only), so that growing re-files them by one
 * sequential pass over the records instead of chasing chains. A record must be indexed at most once and its word 0
 * must not change while it is. Not thread safe.
 */
public final class AddressIndex {
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final int MIN_BUCKETS = 16;
    private static final int MAX_BUCKETS = 1 << 30;

    private final RecordStore records;
    private final int linkField;
    private final int markField;
    private final int mark;
    private int[] buckets;
    private int shift;
    private int count;

    /**
     * Creates an empty index that will hold every live record of {@code records}.
     *
     * @param records   the records it indexes
     * @param linkField the word whose low half holds the chain link of an indexed record
     * @param expected  records to size the table for at once
     */
    public AddressIndex(RecordStore records, int linkField, int expected) {
        this(records, linkField, expected, -1, 0);
    }

    /**
     * Creates an empty index that will hold the live records of {@code records} whose word {@code markField} has
     * {@code mark} as its high half (and no others).
     *
     * @param records   the records it indexes
     * @param linkField the word whose low half holds the chain link of an indexed record
     * @param expected  records to size the table for at once
     * @param markField the word whose high half says whether a record is indexed, or -1 for every live record
     * @param mark      that high half
     */
    public AddressIndex(RecordStore records, int linkField, int expected, int markField, int mark) {
        this.records = records;
        this.linkField = linkField;
        this.markField = markField;
        this.mark = mark;
        allocate(bucketsFor(Math.max(MIN_BUCKETS, expected)));
    }

    private static int bucketsFor(long entries) {
        return entries >= MAX_BUCKETS ? MAX_BUCKETS : Integer.highestOneBit((int) entries - 1) << 1;
    }

    private void allocate(int capacity) {
        int[] fresh = new int[capacity];
        Arrays.fill(fresh, NIL);
        buckets = fresh;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private int bucket(long key) {
        return (int) ((key * GOLDEN) >>> shift);
    }

    /**
     * Finds the record whose word 0 is {@code key}.
     *
     * @param key an address
     * @return the record, or {@link RecordStore#NIL}
     */
    public int find(long key) {
        int record = buckets[bucket(key)];
        while (record != NIL && records.get(record, 0) != key) {
            record = records.low(record, linkField);
        }
        return record;
    }

    /**
     * Makes sure {@code more} records can be inserted without growing the table.
     *
     * @param more records about to be inserted
     * @throws OutOfMemoryError if the larger table does not fit; nothing changed then
     */
    public void ensureRoom(int more) {
        long needed = (long) count + more;
        if (needed <= buckets.length || buckets.length == MAX_BUCKETS) {
            return;
        }
        allocate(bucketsFor(needed));
        for (int record = 0, bound = records.bound(); record < bound; record++) {
            if (records.isLive(record) && (markField < 0 || records.high(record, markField) == mark)) {
                link(record);
            }
        }
    }

    /**
     * Indexes a record by its word 0. Call {@link #ensureRoom(int)} first.
     *
     * @param record a record not yet indexed
     */
    public void insert(int record) {
        link(record);
        count++;
    }

    private void link(int record) {
        int bucket = bucket(records.get(record, 0));
        records.setLow(record, linkField, buckets[bucket]);
        buckets[bucket] = record;
    }

    /**
     * Removes a record from the index.
     *
     * @param record an indexed record
     */
    public void remove(int record) {
        int bucket = bucket(records.get(record, 0));
        int next = records.low(record, linkField);
        int current = buckets[bucket];
        if (current == record) {
            buckets[bucket] = next;
        } else {
            int following = records.low(current, linkField);
            while (following != record) {
                current = following;
                following = records.low(current, linkField);
            }
            records.setLow(current, linkField, next);
        }
        count--;
    }

    /**
     * Returns the number of indexed records.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /** Forgets every record: O(buckets), a fill of one {@code int[]}. */
    public void clear() {
        Arrays.fill(buckets, NIL);
        count = 0;
    }

    /**
     * Returns the bytes of the bucket array, for reports.
     *
     * @return bytes held
     */
    public long footprintBytes() {
        return (long) buckets.length * Integer.BYTES;
    }
}
