package dev.allocator.buddy;

import dev.allocator.records.AddressIndex;
import dev.allocator.records.RecordLists;
import dev.allocator.records.RecordStore;

/**
 * Every block the buddy allocator holds, free or used, one record each (three {@code long}s in a
 * {@link RecordStore}: records never move), found by start address in O(1) ({@link AddressIndex}), and the free
 * blocks in one list per order ({@link RecordLists}) with a 64-bit mask of the non-empty orders.
 *
 * <pre>
 *   word 0  START  the block's first address (a multiple of its size)
 *   word 1  INFO   state (high half): order (bits 0-5) | FREE (bit 6) | region id (bits 7-30);  index link (low)
 *   word 2  LINKS  a free block's list links (previous | next); unused while the block is used
 * </pre>
 *
 * <p>Checking whether a buddy can merge compares one {@code int} with the state a free block of that order and
 * region has. 24 bytes per block plus 4 to 8 bytes of index. Not thread safe.
 */
final class BlockTable {
    /** No record. */
    static final int NIL = RecordStore.NIL;
    /** Region ids must be below this. */
    static final int MAX_REGIONS = 1 << 24;

    private static final int START = 0;
    private static final int INFO = 1;
    private static final int LINKS = 2;
    private static final int STRIDE = 3;
    private static final int ORDER_BITS = 0x3F;
    private static final int FREE = 0x40;
    private static final int REGION_SHIFT = 7;

    private final RecordStore records = new RecordStore(STRIDE, 64);
    private final AddressIndex byStart = new AddressIndex(records, INFO, 64);
    private final RecordLists freeLists;
    private long nonEmpty;
    private long freeCount;

    /** Creates an empty table for orders below {@code maxOrder}. */
    BlockTable(int maxOrder) {
        this.freeLists = new RecordLists(records, LINKS, maxOrder);
    }

    /**
     * Makes room for {@code more} new blocks so that the next changes allocate nothing.
     *
     * @return false, with nothing changed, if the table cannot hold that many
     * @throws OutOfMemoryError if the heap cannot hold the larger arrays; nothing changed then
     */
    boolean ensureRoom(int more) {
        if (!records.ensureRoom(more)) {
            return false;
        }
        byStart.ensureRoom(more);
        return true;
    }

    /** The state word of a FREE block of {@code order} from {@code region}. */
    static int freeState(int order, int region) {
        return (region << REGION_SHIFT) | FREE | order;
    }

    /** The state word of a USED block of {@code order} from {@code region}. */
    static int usedState(int order, int region) {
        return (region << REGION_SHIFT) | order;
    }

    static int orderOf(int state) {
        return state & ORDER_BITS;
    }

    static int regionOf(int state) {
        return state >>> REGION_SHIFT;
    }

    static boolean isFree(int state) {
        return (state & FREE) != 0;
    }

    /** Records and indexes a new block with the given state; a free one is also pushed on its order's list. */
    int add(long start, int state) {
        int record = records.add();
        records.set(record, START, start);
        records.setHigh(record, INFO, state);
        byStart.insert(record);
        if (isFree(state)) {
            push(record, orderOf(state));
        }
        return record;
    }

    /** Forgets a block that is in no list. */
    void remove(int record) {
        byStart.remove(record);
        records.release(record);
    }

    /** The block starting at {@code start}, or {@link #NIL}. */
    int find(long start) {
        return byStart.find(start);
    }

    long start(int record) {
        return records.get(record, START);
    }

    int state(int record) {
        return records.high(record, INFO);
    }

    void setState(int record, int state) {
        records.setHigh(record, INFO, state);
    }

    // ---- free lists, one per order

    /** The lowest order at or above {@code order} with a free block, or -1. */
    int firstNonEmptyFrom(int order) {
        long candidates = nonEmpty & (-1L << order);
        return candidates == 0 ? -1 : Long.numberOfTrailingZeros(candidates);
    }

    /** The highest order with a free block, or -1. */
    int highestNonEmpty() {
        return nonEmpty == 0 ? -1 : 63 - Long.numberOfLeadingZeros(nonEmpty);
    }

    /** The first free block of an order, or {@link #NIL}. */
    int head(int order) {
        return freeLists.head(order);
    }

    /** Files a free block (its state already says so) on its order's list. */
    void push(int record, int order) {
        if (freeLists.push(order, record)) {
            nonEmpty |= 1L << order;
        }
        freeCount++;
    }

    /** Takes a free block off its order's list. */
    void unlink(int record, int order) {
        if (freeLists.unlink(order, record)) {
            nonEmpty &= ~(1L << order);
        }
        freeCount--;
    }

    /** Number of free blocks in the lists. */
    long freeCount() {
        return freeCount;
    }

    /** Forgets every block, keeping the arrays. */
    void clear() {
        records.clear();
        byStart.clear();
        freeLists.clear();
        nonEmpty = 0;
        freeCount = 0;
    }

    /** Number of blocks held. */
    int size() {
        return records.count();
    }

    /** Bytes of metadata held: records and index. */
    long footprintBytes() {
        return records.footprintBytes() + byStart.footprintBytes();
    }
}
