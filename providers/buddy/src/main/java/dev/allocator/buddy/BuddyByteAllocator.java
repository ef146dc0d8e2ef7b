package dev.allocator.buddy;

/*
 * How it works
 * ============
 * Every block is a power of two, 2^order bytes, and starts at a multiple of its size (absolute addresses, so the
 * buddy of the block at `start` of order k is at `start ^ 2^k`). A region is carved into maximal aligned blocks:
 *
 *   region [48, 200), min-block 16:
 *     48      64              128                     192  200
 *     |--16--|------64-------|---------64------------|-8-|       the 8 bytes at 192 are below min-block: ignored
 *
 * Out-of-band bookkeeping, all primitive arrays:
 *
 *   BlockTable   start -> node (AddressMap), per node: start, order, used?, region   every block, free or used
 *   LinkedStacks one list per order of the FREE nodes, plus a bit mask of the non-empty orders
 *
 *     order 6 free: [node 1: 64] <-> [node 2: 128]       nonEmpty = 0b1000000
 *     order 4 used: node 0 at 48
 *
 * alloc(size, align): order k = log2(max(nextPowerOfTwo(size), align, minBlock)); the lowest non-empty list at or
 *   above k comes from the mask (one numberOfTrailingZeros); pop its head; while its order is above k, split it:
 *   the node keeps the lower half, the upper half becomes a new free node. O(max-order).
 * dealloc(pos, size, align): the node at pos must be used and of the order the size rounds to (else NOT_ALLOCATED,
 *   nothing changed). Then, while the buddy at start ^ 2^k is a FREE node of order k from the same region, unlink
 *   it from its list (O(1): doubly linked), drop one of the two nodes and go up an order. O(max-order), no scan.
 *
 * Invariants:
 *   - the blocks of a region tile its carved part exactly; every block start is in the BlockTable;
 *   - a node is in the free list of its order iff it is free;
 *   - two free buddies of the same order and region never both exist (they would have merged);
 *   - used == sum of 2^order over used nodes; total == sum over all nodes;
 *   - with no block live, the free lists are exactly as right after the regions were added (the free that empties
 *     the allocator re-stacks them in carving order), so an emptied allocator behaves as a fresh one.
 * Metadata is proportional to the number of blocks held (free plus used), never to the size of the range.
 */

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.Regions;
import dev.allocator.buddy.internal.LinkedStacks;
import java.util.Arrays;

/**
 * A buddy byte allocator: every block is a power of two aligned to its size; a free block merges with its buddy
 * as long as the buddy is free too. The port of the original's {@code buddy_system_allocator::Heap}, with the same
 * rounding ({@code max(nextPowerOfTwo(size), align, minBlock)}) and the same carving of ranges into maximal aligned
 * blocks, but finding a buddy in O(1) through an address index instead of scanning a free list.
 *
 * <p>Complexity: {@code alloc}, {@code tryAlloc}, {@code dealloc} and {@code tryResize} are O(max-order);
 * {@code stats()} is O(1); {@code forEachBlock} and {@code reset} are O(blocks). The free that leaves no block
 * live also puts the free lists back in their initial order, O(free blocks), so that an emptied allocator hands
 * out exactly the addresses a fresh one would. Metadata grows with the number of
 * blocks held, not with the bytes managed: a 2^40-byte region costs a few hundred nodes until it is split.
 *
 * <p>{@code usedBytes()} counts the rounded block sizes: a request of 4,160 bytes takes 8 KiB. Bytes of a region
 * that do not fill a whole aligned block of {@code minBlock} bytes (its unaligned ends) are ignored and not counted
 * in {@code totalBytes()}. Blocks never span two regions, even adjacent ones. {@code init} twice is
 * {@code MEMORY_OVERLAP}. Not thread safe.
 */
public final class BuddyByteAllocator implements ByteAllocator {
    /** The default smallest block, in bytes. */
    public static final long DEFAULT_MIN_BLOCK = 16;
    /** The default number of orders: blocks up to 2^31 bytes, as the original's {@code Heap<32>}. */
    public static final int DEFAULT_MAX_ORDER = 32;
    /** The largest {@code maxOrder}: blocks up to 2^61 bytes. */
    public static final int MAX_MAX_ORDER = 62;

    private final int minOrder;
    private final int maxOrder;
    private final Regions regions = new Regions();
    private final BlockTable blocks = new BlockTable();
    private final LinkedStacks freeLists;

    /** The regions in the order they were added: starts and ends, for {@code reset}. Index = region id. */
    private long[] addedStarts = new long[4];
    private long[] addedEnds = new long[4];
    private int addedCount;

    private boolean initialised;
    private long totalBytes;
    private long usedBytes;
    private long liveBlocks;

    /** Creates an allocator with the defaults: 16-byte minimum block, 32 orders (blocks up to 2 GiB). */
    public BuddyByteAllocator() {
        this(DEFAULT_MIN_BLOCK, DEFAULT_MAX_ORDER);
    }

    /**
     * Creates an allocator.
     *
     * @param minBlock the smallest block in bytes, a power of two below {@code 2^maxOrder}
     * @param maxOrder the number of orders, 1 to 62: blocks are at most {@code 2^(maxOrder-1)} bytes
     * @throws AllocException INVALID_PARAM naming the value if either is out of range
     */
    public BuddyByteAllocator(long minBlock, int maxOrder) {
        if (maxOrder < 1 || maxOrder > MAX_MAX_ORDER) {
            throw AllocException.invalidParam("max-order " + maxOrder + " is not in [1, " + MAX_MAX_ORDER + "]");
        }
        if (!Alignment.isPowerOfTwo(minBlock)) {
            throw AllocException.invalidParam("min-block " + minBlock + " is not a power of two");
        }
        int minBlockOrder = Long.numberOfTrailingZeros(minBlock);
        if (minBlockOrder >= maxOrder) {
            throw AllocException.invalidParam("min-block " + minBlock + " is not below the largest block 2^"
                    + (maxOrder - 1) + " (max-order " + maxOrder + ")");
        }
        this.minOrder = minBlockOrder;
        this.maxOrder = maxOrder;
        this.freeLists = new LinkedStacks(maxOrder);
    }

    /**
     * Returns the smallest block size.
     *
     * @return bytes, a power of two
     */
    public long minBlock() {
        return 1L << minOrder;
    }

    /**
     * Returns the largest block size: {@code 2^(maxOrder-1)}.
     *
     * @return bytes, a power of two
     */
    public long maxBlock() {
        return 1L << (maxOrder - 1);
    }

    /**
     * {@inheritDoc}
     *
     * @throws AllocException INVALID_PARAM for a bad range; MEMORY_OVERLAP if already initialised
     */
    @Override
    public void init(long start, long size) {
        if (initialised) {
            throw AllocException.memoryOverlap("allocator already initialised; init [" + start + ", +" + size
                    + ") rejected, use addMemory");
        }
        addMemory(start, size);
        initialised = true;
    }

    /**
     * {@inheritDoc} Only the part made of whole aligned blocks of at least {@code minBlock} bytes is used.
     */
    @Override
    public void addMemory(long start, long size) {
        if (addedCount == BlockTable.MAX_REGIONS) {
            throw AllocException.invalidParam("region [" + start + ", +" + size + ") rejected: at most "
                    + BlockTable.MAX_REGIONS + " regions");
        }
        regions.add(start, size); // validates: INVALID_PARAM or MEMORY_OVERLAP, nothing changed
        if (addedCount == addedStarts.length) {
            addedStarts = Arrays.copyOf(addedStarts, addedCount << 1);
            addedEnds = Arrays.copyOf(addedEnds, addedCount << 1);
        }
        addedStarts[addedCount] = start;
        addedEnds[addedCount] = start + size;
        totalBytes += carve(addedCount);
        addedCount++;
    }

    @Override
    public long alloc(long size, long align) {
        int order = checkedOrder(size, align);
        long start = allocOrder(order);
        if (start == NO_BLOCK) {
            throw noMemory(size, align);
        }
        return start;
    }

    /** Like {@link #alloc(long, long)}, but returns {@link #NO_BLOCK} on exhaustion, without an exception. */
    @Override
    public long tryAlloc(long size, long align) {
        return allocOrder(checkedOrder(size, align));
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        int order = checkedOrder(size, align);
        int node = liveNode(pos, order);
        if (node == BlockTable.NONE) {
            throw notAllocated(pos, size, align);
        }
        usedBytes -= 1L << order;
        liveBlocks--;
        free(node, order);
        if (liveBlocks == 0) {
            restoreCarvingOrder();
        }
    }

    @Override
    public long usableSize(long size, long align) {
        int order = checkedOrder(size, align);
        if (order == BlockMath.TOO_LARGE) {
            throw AllocException.invalidParam("size " + size + " aligned to " + align
                    + " rounds up past 2^62 bytes");
        }
        return 1L << order;
    }

    /**
     * {@inheritDoc} Shrinking always succeeds (the freed upper halves become free blocks); growing succeeds while
     * the block is the lower half and its upper buddies up to the new order are whole free blocks.
     */
    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        int oldOrder = checkedOrder(oldSize, align);
        int newOrder = checkedOrder(newSize, align);
        int node = liveNode(pos, oldOrder);
        if (node == BlockTable.NONE) {
            throw notAllocated(pos, oldSize, align);
        }
        if (newOrder < oldOrder) {
            shrink(node, oldOrder, newOrder);
            return true;
        }
        if (newOrder > oldOrder) {
            return grow(node, oldOrder, newOrder);
        }
        return true;
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public long usedBytes() {
        return usedBytes;
    }

    @Override
    public long availableBytes() {
        return totalBytes - usedBytes;
    }

    /**
     * {@inheritDoc} Free ranges are the free blocks (adjacent free blocks that are not buddies cannot be handed
     * out as one, so they count apart); the largest free range is the largest request that can succeed. O(1).
     */
    @Override
    public AllocatorStats stats() {
        return new AllocatorStats(totalBytes, usedBytes, totalBytes - usedBytes, liveBlocks, freeLists.size(),
                largestFreeBlock());
    }

    /**
     * {@inheritDoc} Reports every block as the allocator holds it: each live block and each free block, in address
     * order, region by region.
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        for (int index = 0; index < regions.count(); index++) {
            long end = BlockMath.carveEnd(regions.end(index), minOrder);
            long position = BlockMath.carveStart(regions.start(index), regions.end(index), minOrder);
            while (position < end) {
                int node = blocks.find(position);
                long size = 1L << blocks.order(node);
                visitor.visit(position, size, blocks.isUsed(node));
                position += size;
            }
        }
    }

    @Override
    public void reset() {
        blocks.clear();
        freeLists.clear();
        usedBytes = 0;
        liveBlocks = 0;
        for (int region = 0; region < addedCount; region++) {
            carve(region);
        }
    }

    /**
     * Returns the size of the largest free block.
     *
     * @return bytes, 0 if none is free
     */
    public long largestFreeBlock() {
        int order = freeLists.lastNonEmpty();
        return order == LinkedStacks.NONE ? 0 : 1L << order;
    }

    /** Validates a request and returns its order ({@link BlockMath#TOO_LARGE} when no block could hold it). */
    private int checkedOrder(long size, long align) {
        if (size < 0) {
            throw AllocException.invalidParam("size " + size + " is negative");
        }
        Alignment.requirePowerOfTwo(align);
        if (size > Long.MAX_VALUE - align) {
            throw AllocException.invalidParam("size " + size + " + align " + align + " overflows a long");
        }
        return BlockMath.requestOrder(size, align, minOrder);
    }

    /** Takes a free block of exactly {@code order}, splitting a larger one if needed; or NO_BLOCK. */
    private long allocOrder(int order) {
        if (order >= maxOrder) {
            return NO_BLOCK;
        }
        int found = freeLists.firstNonEmptyFrom(order);
        if (found == LinkedStacks.NONE) {
            return NO_BLOCK;
        }
        int node = freeLists.pop(found);
        long start = blocks.start(node);
        int region = blocks.region(node);
        while (found > order) {
            found--;
            freeLists.push(found, blocks.add(start + (1L << found), found, region, false));
        }
        blocks.setOrder(node, order);
        blocks.setUsed(node, true);
        usedBytes += 1L << order;
        liveBlocks++;
        return start;
    }

    /** The node of the live block at {@code pos} of {@code order}, or NONE. */
    private int liveNode(long pos, int order) {
        if (order >= maxOrder) {
            return BlockTable.NONE;
        }
        int node = blocks.find(pos);
        if (node == BlockTable.NONE || !blocks.isUsed(node) || blocks.order(node) != order) {
            return BlockTable.NONE;
        }
        return node;
    }

    /** Frees the block of {@code node}, merging it with free buddies of its region as far as they go. */
    private void free(int node, int order) {
        long start = blocks.start(node);
        int region = blocks.region(node);
        while (order < maxOrder - 1) {
            long buddyStart = start ^ (1L << order);
            int buddy = blocks.find(buddyStart);
            if (buddy == BlockTable.NONE || !blocks.isFree(buddy, order, region)) {
                break;
            }
            freeLists.remove(order, buddy);
            if (buddyStart < start) {
                blocks.remove(node);
                node = buddy;
                start = buddyStart;
            } else {
                blocks.remove(buddy);
            }
            order++;
        }
        blocks.setOrder(node, order);
        blocks.setUsed(node, false);
        freeLists.push(order, node);
    }

    /** Keeps the lower 2^newOrder bytes of a live block and frees the upper halves (which cannot merge). */
    private void shrink(int node, int oldOrder, int newOrder) {
        long start = blocks.start(node);
        int region = blocks.region(node);
        for (int order = oldOrder - 1; order >= newOrder; order--) {
            freeLists.push(order, blocks.add(start + (1L << order), order, region, false));
        }
        blocks.setOrder(node, newOrder);
        usedBytes -= (1L << oldOrder) - (1L << newOrder);
    }

    /** Absorbs the free upper buddies from oldOrder up to newOrder, or changes nothing and returns false. */
    private boolean grow(int node, int oldOrder, int newOrder) {
        if (newOrder >= maxOrder) {
            return false;
        }
        long start = blocks.start(node);
        if ((start & ((1L << newOrder) - 1)) != 0) {
            return false; // not the lower half at some order: the space above belongs to another block pair
        }
        int region = blocks.region(node);
        for (int order = oldOrder; order < newOrder; order++) {
            int buddy = blocks.find(start + (1L << order));
            if (buddy == BlockTable.NONE || !blocks.isFree(buddy, order, region)) {
                return false;
            }
        }
        for (int order = oldOrder; order < newOrder; order++) {
            int buddy = blocks.find(start + (1L << order));
            freeLists.remove(order, buddy);
            blocks.remove(buddy);
        }
        blocks.setOrder(node, newOrder);
        usedBytes += (1L << newOrder) - (1L << oldOrder);
        return true;
    }

    /**
     * With no block live, every region is merged back into its carving, but the free lists hold the blocks in the
     * order of the frees. Re-stack them in carving order so that an emptied allocator answers exactly as a fresh one
     * (and as after {@link #reset()}). O(free blocks): paid only when the last live block is freed.
     */
    private void restoreCarvingOrder() {
        freeLists.clear();
        for (int region = 0; region < addedCount; region++) {
            long rangeEnd = addedEnds[region];
            long position = BlockMath.carveStart(addedStarts[region], rangeEnd, minOrder);
            long end = BlockMath.carveEnd(rangeEnd, minOrder);
            while (position < end) {
                int node = blocks.find(position);
                int order = blocks.order(node);
                freeLists.push(order, node);
                position += 1L << order;
            }
        }
    }

    /** Carves the region added as number {@code region} into maximal aligned free blocks; returns their bytes. */
    private long carve(int region) {
        long rangeEnd = addedEnds[region];
        long position = BlockMath.carveStart(addedStarts[region], rangeEnd, minOrder);
        long end = BlockMath.carveEnd(rangeEnd, minOrder);
        long carved = 0;
        while (position < end) {
            int order = BlockMath.carveOrder(position, end, maxOrder);
            freeLists.push(order, blocks.add(position, order, region, false));
            position += 1L << order;
            carved += 1L << order;
        }
        return carved;
    }

    private AllocException noMemory(long size, long align) {
        if (!initialised && addedCount == 0) {
            return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align
                    + ": the allocator has no memory yet (call init)");
        }
        String block = size > (1L << 62) ? "more than 2^62" : String.valueOf(1L << BlockMath.requestOrder(
                size, align, minOrder));
        return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align + " (a block of "
                + block + " bytes): " + availableBytes() + " bytes available, largest free block "
                + largestFreeBlock() + ", largest block possible " + maxBlock());
    }

    private static AllocException notAllocated(long pos, long size, long align) {
        return AllocException.notAllocated("no live block at " + pos + " of " + size + " bytes aligned to " + align
                + " (never allocated, already freed, or allocated with a size of another block size)");
    }
}
