package dev.allocator.buddy;

import dev.allocator.buddy.internal.AddressMap;
import dev.allocator.buddy.internal.IdPool;
import java.util.Arrays;

/**
 * Every block the buddy allocator currently has, free or used: one node per block, found by its start address in
 * O(1). A node holds the block's start, order (log2 of its size), whether it is used, and the region it was carved
 * from (buddies of different regions never merge). Node ids of removed blocks are reused, so the arrays grow with
 * the largest number of blocks ever held at once, never with the size of the managed range.
 */
final class BlockTable {
    /** What {@link #find(long)} returns for an address where no block starts. */
    static final int NONE = AddressMap.MISSING;

    private final AddressMap byStart = new AddressMap();
    private long[] starts = new long[16];
    private byte[] orders = new byte[16];
    private boolean[] used = new boolean[16];
    private int[] regions = new int[16];
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
        orders[node] = (byte) order;
        used[node] = isUsed;
        regions[node] = region;
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
        return orders[node];
    }

    boolean isUsed(int node) {
        return used[node];
    }

    int region(int node) {
        return regions[node];
    }

    void setOrder(int node, int order) {
        orders[node] = (byte) order;
    }

    void setUsed(int node, boolean isUsed) {
        used[node] = isUsed;
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
        orders = Arrays.copyOf(orders, length);
        used = Arrays.copyOf(used, length);
        regions = Arrays.copyOf(regions, length);
    }
}
