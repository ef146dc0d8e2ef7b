package dev.allocator.memory;

import dev.allocator.records.AddressIndex;
import dev.allocator.records.RecordStore;

/**
 * The live blocks of a pool: block address to the exact size and alignment it was allocated with, one record per
 * block in the records the allocators use ({@link RecordStore}: records never move) found by address through an
 * {@link AddressIndex}, so lookups, inserts and removals are O(1) on average and create no objects.
 *
 * <pre>
 *   record  word 0: address   word 1: size   word 2: alignment shift (high half) | index chain (low half)
 *   [0]     4096              100            12 | NIL
 *   [1]     8256              24             3  | 0
 * </pre>
 *
 * <p>The arrays grow with the most blocks live at once and never shrink. A record number returned by
 * {@link #find(long)} stays valid until that block is removed. Not thread safe.
 */
final class LiveBlocks {
    private static final int ADDRESS = 0;
    private static final int SIZE = 1;
    private static final int ALIGN_AND_LINK = 2;

    private final RecordStore records = new RecordStore(3, 16);
    private final AddressIndex byAddress = new AddressIndex(records, ALIGN_AND_LINK, 16);

    /** Number of live blocks. */
    int count() {
        return byAddress.count();
    }

    /**
     * Finds a block.
     *
     * @param address a block address, {@code >= 0}
     * @return its record, or -1 if no live block starts there
     */
    int find(long address) {
        return byAddress.find(address);
    }

    /**
     * Makes room for one more block now, so that the {@link #put} after a successful allocation cannot fail for
     * want of heap: if growing throws {@link OutOfMemoryError}, nothing has been allocated yet.
     */
    void reserveOne() {
        if (!records.ensureRoom(1)) {
            throw new IllegalStateException("more live blocks than " + records.maxRecords());
        }
        byAddress.ensureRoom(1);
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
        int record = records.add();
        records.set(record, ADDRESS, address);
        records.set(record, SIZE, size);
        records.setHigh(record, ALIGN_AND_LINK, Long.numberOfTrailingZeros(alignment));
        byAddress.insert(record);
    }

    /** The address of the block in a record. */
    long address(int record) {
        return records.get(record, ADDRESS);
    }

    /** The size of the block in a record. */
    long size(int record) {
        return records.get(record, SIZE);
    }

    /** The alignment of the block in a record. */
    long alignment(int record) {
        return 1L << records.high(record, ALIGN_AND_LINK);
    }

    /** Changes the size of the block in a record (after a resize in place). */
    void setSize(int record, long size) {
        records.set(record, SIZE, size);
    }

    /** Bytes the tables hold, for tests. */
    long footprintBytes() {
        return records.footprintBytes() + byAddress.footprintBytes();
    }

    /**
     * Forgets the block in a record.
     *
     * @param record a record {@link #find(long)} returned
     */
    void removeAt(int record) {
        byAddress.remove(record);
        records.release(record);
    }
}
