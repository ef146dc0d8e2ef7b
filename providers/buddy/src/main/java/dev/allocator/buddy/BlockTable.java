package dev.allocator.buddy;

import dev.allocator.buddy.internal.AddressMap;
import dev.allocator.buddy.internal.IdPool;
import java.util.Arrays;

/**
 * Every block the buddy allocator currently has, free or used: one node per block, found by its start address in
 * O(1). A node holds the block's start and one packed {@code int}: order (log2 of its size, bits 0-5), whether it is
 * used (bit 6) and the region it was carved from (bits 7-30; buddies of different regions never merge), so checking
 * a buddy reads one array element. Node ids of removed blocks are reused, so the arrays grow with
 * the largest number of blocks ever held at once, never with the size of the managed range.
 */
final class BlockTable {
    /** What {@link #find(long)} returns for an address where no block starts. */
    static final int NONE = AddressMap.MISSING;
    /** Region ids must be below this. */
    static final int MAX_REGIONS = 1 << 24;

    private static final int ORDER_BITS = 0x3F;
    private static final int USED_BIT = 0x40;
    private static final int REGION_SHIFT = 7;

    private final AddressMap byStart = new AddressMap();
    private long[] starts = new long[16];
    private int[] info = new int[16];
    private final IdPool ids = new IdPool();

    /**
     * Records a block starting at an address where no block starts yet.
     *
     * @return its node id
     */
    int add(long start, int order, int region, boolean isUsed) {
        int node = ids.take();
        if (node == starts.length) {
            grow();
        }
        starts[node] = start;
        info[node] = (region << REGION_SHIFT) | (isUsed ? USED_BIT : 0) | order;
        byStart.put(start, node);
        return node;
    }

    /** Finds the block starting at {@code start}: its node id, or {@link #NONE}. */
    int find(long start) {
        return byStart.get(start);
    }

    /** Forgets a block; its node id may be handed out again. */
    void remove(int node) {
        byStart.remove(starts[node]);
        ids.release(node);
    }

    long start(int node) {
        return starts[node];
    }

    int order(int node) {
        return info[node] & ORDER_BITS;
    }

    boolean isUsed(int node) {
        return (info[node] & USED_BIT) != 0;
    }

    int region(int node) {
        return info[node] >>> REGION_SHIFT;
    }

    /** Whether the node is a FREE block of {@code order} carved from {@code region}: a buddy that can merge. */
    boolean isFree(int node, int order, int region) {
        return info[node] == ((region << REGION_SHIFT) | order);
    }

    void setOrder(int node, int order) {
        info[node] = (info[node] & ~ORDER_BITS) | order;
    }

    void setUsed(int node, boolean isUsed) {
        info[node] = isUsed ? info[node] | USED_BIT : info[node] & ~USED_BIT;
    }

    /** Number of blocks held. */
    int size() {
        return byStart.size();
    }

    /** Forgets every block. */
    void clear() {
        byStart.clear();
        ids.clear();
    }

    private void grow() {
        int length = starts.length << 1;
        starts = Arrays.copyOf(starts, length);
        info = Arrays.copyOf(info, length);
    }
}
