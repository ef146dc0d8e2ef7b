package dev.allocator.tlsf;

import dev.allocator.records.AddressIndex;
import dev.allocator.records.RecordStore;

/**
 * The TLSF blocks: one record per block, three {@code long}s, in a {@link RecordStore} (records never move), and
 * an {@link AddressIndex} over the USED blocks only, so that {@code dealloc} finds its block by address.
 *
 * <pre>
 *   word 0  START  the block's first address
 *   word 1  PHYS   physPrev (high half) | physNext (low half): the blocks before and after it in its region
 *   word 2  LINKS  free block:  freePrev | freeNext    (its {@link FreeLists} list)
 *                  used block:  USED     | index link  (its {@link AddressIndex} chain)
 *                  sentinel:    SENTINEL | unused
 * </pre>
 *
 * <p>A block's size is not stored: it is the start of its physical successor minus its own start. Every region
 * begins and ends with a <em>sentinel</em> record (at its trimmed start and end), so every block has a predecessor
 * and a successor, and a region's first record never changes; sentinels are never free, never indexed and never
 * handed out. Free blocks are reached only through the free
 * lists and their neighbours, never by address, so they need no index entry. 24 bytes per block plus 4 to 8 bytes
 * of index per used block. Not thread safe.
 */
final class BlockTable {
    /** No record: the end of a chain or list. */
    static final int NIL = RecordStore.NIL;
    /** Word 2, whose halves are list links or the index link. */
    static final int LINKS = 2;

    private static final int START = 0;
    private static final int PHYS = 1;
    private static final int STRIDE = 3;
    private static final int USED = Integer.MIN_VALUE;
    private static final int SENTINEL = Integer.MIN_VALUE + 1;

    private final RecordStore records;
    private final AddressIndex usedBlocks;

    /**
     * Creates an empty table with room for {@code expectedBlocks} before it grows.
     *
     * @param expectedBlocks blocks to presize for, {@code >= 0}
     */
    BlockTable(int expectedBlocks) {
        this.records = new RecordStore(STRIDE, expectedBlocks);
        this.usedBlocks = new AddressIndex(records, LINKS, expectedBlocks, LINKS, USED);
    }

    /** The records, for the free lists threaded through them. */
    RecordStore records() {
        return records;
    }

    /**
     * Makes room for {@code more} new records, all of which may become used, so that the next changes allocate
     * nothing. Nothing changes if it fails.
     *
     * @return false if the table cannot hold that many records
     * @throws OutOfMemoryError if the heap cannot hold the larger arrays; nothing changed then
     */
    boolean ensureRoom(int more) {
        if (!records.ensureRoom(more)) {
            return false;
        }
        usedBlocks.ensureRoom(more);
        return true;
    }

    /** Adds a block record at {@code start} with no links; the caller links it and files it as free or used. */
    int add(long start) {
        int record = records.add();
        records.set(record, START, start);
        return record;
    }

    /**
     * Adds a sentinel at {@code address}, after {@code previous} (a region's last block), or first in a region if
     * {@code previous} is {@link #NIL}; it has no successor yet.
     */
    int addSentinel(long address, int previous) {
        int sentinel = add(address);
        records.setHalves(sentinel, LINKS, SENTINEL, NIL);
        records.setHalves(sentinel, PHYS, previous, NIL);
        if (previous != NIL) {
            records.setLow(previous, PHYS, sentinel);
        }
        return sentinel;
    }

    /** Gives a record nothing links to any more back to the store. */
    void release(int record) {
        records.release(record);
    }

    /** Forgets every block, keeping the arrays. O(index buckets). */
    void clear() {
        records.clear();
        usedBlocks.clear();
    }

    /** The used block starting at {@code start}, or {@link #NIL}. */
    int findUsed(long start) {
        return usedBlocks.find(start);
    }

    /** Marks a block (in no free list) used and indexes it by its start. */
    void markUsed(int record) {
        records.setHigh(record, LINKS, USED);
        usedBlocks.insert(record);
    }

    /** Takes a used block out of the index; the caller then files it free or releases it. */
    void unindex(int record) {
        usedBlocks.remove(record);
    }

    boolean isFree(int record) {
        return records.high(record, LINKS) >= NIL;
    }

    long start(int record) {
        return records.get(record, START);
    }

    void setStart(int record, long start) {
        records.set(record, START, start);
    }

    /** The block's size: where its physical successor starts. Not for a sentinel. */
    long size(int record) {
        return records.get(records.low(record, PHYS), START) - records.get(record, START);
    }

    /** The block's end: where its physical successor starts. Not for a sentinel. */
    long end(int record) {
        return records.get(records.low(record, PHYS), START);
    }

    int physPrev(int record) {
        return records.high(record, PHYS);
    }

    int physNext(int record) {
        return records.low(record, PHYS);
    }

    /** Makes {@code second} the physical successor of {@code first}. */
    void linkPhysical(int first, int second) {
        records.setLow(first, PHYS, second);
        records.setHigh(second, PHYS, first);
    }

    /** Sets both physical neighbours of {@code record} (and their links back to it). */
    void linkBetween(int previous, int record, int next) {
        records.setHalves(record, PHYS, previous, next);
        records.setLow(previous, PHYS, record);
        records.setHigh(next, PHYS, record);
    }

    /** Number of block records, sentinels included. */
    int count() {
        return records.count();
    }

    /** Bytes of metadata held: records and index. */
    long footprintBytes() {
        return records.footprintBytes() + usedBlocks.footprintBytes();
    }
}
