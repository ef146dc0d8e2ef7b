package dev.allocator.buddy;

/*
 * How it works
 * ============
 * Every block is a power of two, 2^order bytes, and starts at a multiple of its size (absolute addresses, so the
 * buddy of the block at `start` of order k is at `start ^ 2^k`). A region is carved into maximal aligned blocks,
 * at most 2^top bytes (top = max-order - 1):
 *
 *   region [48, 2^40 + 200), min-block 16, top 31:
 *     48  64   128  256 ...  2^31       2 * 2^31  ...        2^40   2^40+128   2^40+200
 *     |16 |64 |128 |...     |  top block  | top block |  ...  |  128  |  64  |8|     the 8 bytes are below min-block
 *     '-- head: materialized --'-- middle: virgin, not materialized --'-- tail: materialized --'
 *
 * Only the head and tail (at most 2 * (top + 1) blocks) get records when a region is added; the middle run of
 * top-order blocks stays "virgin" (a start and an end per region) and a block is taken from its start when no
 * listed block is large enough. So a 2^62-byte region costs what a 1 MiB one does, and metadata grows with the
 * blocks actually held.
 *
 * Out-of-band bookkeeping (BlockTable): a record per materialized block (start, order, free?, region; never moved),
 * an index by start, and one list of free blocks per order with a mask of the non-empty orders.
 *
 * alloc(size, align): order k = log2(max(nextPowerOfTwo(size), align, minBlock)); the lowest non-empty list at or
 *   above k comes from the mask (one numberOfTrailingZeros), else a virgin top block; take it and, while its order
 *   is above k, split it: it keeps the lower half, the upper half becomes a new free block. O(max-order).
 * dealloc(pos, size, align): the block at pos must be used and of the order the size rounds to (else NOT_ALLOCATED,
 *   nothing changed). Then, while the buddy at start ^ 2^k is a FREE block of order k from the same region, unlink
 *   it (O(1): doubly linked), drop the upper record of the two and go up an order. O(max-order), no scan.
 *
 * The split path: a split of a block M of order f down to order k leaves a path of blocks tiling M,
 *
 *     M = [s, s + 2^f):   | L: k | H: k |  k+1  |  k+2  | ... |  f-1  |
 *                         L = pathLow (at s) handed out; H = pathHigh and the pieces k+1 .. f-1 filed free
 *
 *   where the lists of orders k to f-1 held nothing before (f was the lowest order at or above k with a free
 *   block). The allocator remembers the last split path until a block from outside it is filed in a list of
 *   order k to f (by a free, a resize, a new region: the path is forgotten). Meanwhile its blocks come and go whole
 *   (a piece taken is handed out unsplit; a free of a block of the path while L or H is used merges nothing). The
 *   free that leaves L and H both free merges the path up to the first piece in use, or into M (M's buddy is not
 *   free: it would have been filed in list f), and files the merged block at the head of its list; the next
 *   allocation of order k finds no free block of a lower order, takes the merged block and splits it the same way
 *   again, handing out s. So that free is only recorded (pathFreed; a free of H is recorded as one of L, with H
 *   filed free instead, as the split gives), and so is, after it, a free of a piece (filed: the merges would take it
 *   in, the split would file it again); the next allocation of order k takes L back in O(1), and any other call
 *   first does the recorded free (settle), which merges the path away. Every answer, placement included, is what
 *   eager merging gives; a steady alloc/free pair, and two blocks in flight (a then b, of a's size or larger; freed
 *   in either order), cost O(1) instead of a split and a merge per order.
 *
 * Invariants:
 *   - the materialized blocks and the virgin middle of a region tile its carved part exactly;
 *   - a block is in the free list of its order iff it is free; every materialized block is in the index;
 *   - two free buddies of the same order and region never both exist (they would have merged);
 *   - used == sum of 2^order over used blocks (the recorded free counted as freed); total == carved bytes;
 *   - while a path is remembered, M is tiled by L, H and its pieces (free, or used whole), the lists of orders k
 *     to f-1 hold blocks of the path only, and M's buddy is not free; while its free is recorded, L is marked used
 *     and H is free.
 */

import static dev.allocator.buddy.BlockTable.NIL;
import static dev.allocator.buddy.BlockTable.freeState;
import static dev.allocator.buddy.BlockTable.usedState;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.Layout;
import dev.allocator.api.spi.Regions;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Objects;

/**
 * A buddy byte allocator: every block is a power of two aligned to its size; a free block merges with its buddy
 * as long as the buddy is free too. The port of the original's {@code buddy_system_allocator::Heap}, with the same
 * rounding ({@code max(nextPowerOfTwo(size), align, minBlock)}) and the same carving of ranges into maximal aligned
 * blocks, but finding a buddy in O(1) through an address index instead of scanning a free list.
 *
 * <p>Complexity: {@code alloc}, {@code tryAlloc}, {@code dealloc} and {@code tryResize} are O(max-order);
 * {@code addMemory} is O(max-order) whatever the size of the region (the middle of a large region is carved
 * lazily); {@code stats()} is O(1); {@code forEachBlock} and {@code reset} are O(blocks held). Metadata is about
 * 30 bytes per block held (free or used), never proportional to the bytes managed. The free that would merge the
 * last split back into the block it came from is recorded and done only if the next call is not the allocation
 * that would split it again, so a steady alloc/free pair, and two blocks in flight (the second of the first's size
 * or larger), cost O(1) instead of a split and a merge per level (see the source); every observable answer is the
 * same as with eager merging.
 *
 * <p>{@code usedBytes()} counts the rounded block sizes: a request of 4,160 bytes takes 8 KiB. Bytes of a region
 * that do not fill a whole aligned block of {@code minBlock} bytes (its unaligned ends) are ignored and not counted
 * in {@code totalBytes()}. Blocks never span two regions, even adjacent ones. {@code init} twice, or after
 * {@code addMemory}, is {@code MEMORY_OVERLAP}. A call that changes the allocator from inside
 * {@link #forEachBlock} throws {@link ConcurrentModificationException} and changes nothing. Not thread safe.
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
    /** The largest order: {@code maxOrder - 1}. */
    private final int top;
    private final Regions regions = new Regions();
    private final BlockTable blocks;

    /** Per region id (the order regions were added): the carved range and its virgin middle. */
    private long[] carveStarts = new long[4];
    private long[] carveEnds = new long[4];
    private long[] virginStarts = new long[4];
    private long[] virginEnds = new long[4];
    private int regionCount;
    /** Per region of {@link #regions} (address order): its id. */
    private int[] idByAddress = new int[4];
    /** Top-order blocks not yet materialized, over all regions; the first region id that may still have one. */
    private long virginBlocks;
    private int virginCursor;

    private boolean initialised;
    private long totalBytes;
    private long usedBytes;
    private long liveBlocks;
    /** Number of {@link #forEachBlock} calls running: changes are refused while it is not 0. */
    private int walks;

    /** The split path (see "The split path" above): M's start (-1: none), orders k and f, region, L's and H's
     * records. */
    private long pathStart = -1;
    private int pathOrder;
    private int pathTop = -1;
    private int pathRegion;
    private int pathLow;
    private int pathHigh;
    /** Whether L and H are both free: the free that made them so is recorded, not done (L is still marked used). */
    private boolean pathFreed;

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
        this.top = maxOrder - 1;
        this.blocks = new BlockTable(maxOrder);
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
        return 1L << top;
    }

    /**
     * {@inheritDoc}
     *
     * @throws AllocException INVALID_PARAM for a bad range; MEMORY_OVERLAP if already initialised (by {@code init}
     *                        or {@code addMemory})
     */
    @Override
    public void init(long start, long size) {
        checkNotWalking();
        if (initialised) {
            throw AllocException.memoryOverlap("allocator already initialised; init [" + start + ", +" + size
                    + ") rejected, use addMemory");
        }
        addRegion(start, size);
    }

    /**
     * {@inheritDoc} Only the part made of whole aligned blocks of at least {@code minBlock} bytes is used. Allowed
     * before {@link #init}, which then counts as already done. O(max-order), whatever the size.
     */
    @Override
    public void addMemory(long start, long size) {
        checkNotWalking();
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        regions.checkAddable(start, size); // INVALID_PARAM or MEMORY_OVERLAP, nothing changed
        if (size == 0) {
            initialised = true;
            return;
        }
        if (regionCount == BlockTable.MAX_REGIONS) {
            throw AllocException.invalidParam("region [" + start + ", +" + size + ") rejected: at most "
                    + BlockTable.MAX_REGIONS + " regions");
        }
        long carveEnd = BlockMath.carveEnd(start + size, minOrder);
        long carveStart = Math.min(BlockMath.carveStart(start, start + size, minOrder), carveEnd);
        if (!blocks.ensureRoom(carvedBlocks(carveStart, carveEnd))) {
            throw AllocException.noMemory("block table is full (" + blocks.size() + " blocks); cannot add region ["
                    + start + ", +" + size + ")");
        }
        growRegionArrays();
        endPath();
        int at = regions.add(start, size);
        System.arraycopy(idByAddress, at, idByAddress, at + 1, regions.count() - 1 - at);
        idByAddress[at] = regionCount;
        carveStarts[regionCount] = carveStart;
        carveEnds[regionCount] = carveEnd;
        carve(regionCount);
        regionCount++;
        totalBytes += carveEnd - carveStart;
        initialised = true;
    }

    /** Makes room for one more region in the per-region arrays, before anything changes. */
    private void growRegionArrays() {
        if (regionCount == carveStarts.length) {
            int length = 2 * regionCount;
            carveStarts = Arrays.copyOf(carveStarts, length);
            carveEnds = Arrays.copyOf(carveEnds, length);
            virginStarts = Arrays.copyOf(virginStarts, length);
            virginEnds = Arrays.copyOf(virginEnds, length);
            idByAddress = Arrays.copyOf(idByAddress, length);
        }
    }

    @Override
    public long alloc(long size, long align) {
        long start = tryAlloc(size, align);
        if (start == NO_BLOCK) {
            throw noMemory(size, align);
        }
        return start;
    }

    /** Like {@link #alloc(long, long)}, but returns {@link #NO_BLOCK} on exhaustion, without an exception. */
    @Override
    public long tryAlloc(long size, long align) {
        int order = checkedOrder(size, align);
        checkNotWalking();
        if (pathFreed && order == pathOrder) { // the path is split again as it was: L is handed out
            pathFreed = false;
            usedBytes += 1L << order;
            liveBlocks++;
            return blocks.start(pathLow);
        }
        if (order > top || !blocks.ensureRoom(top + 1)) {
            return NO_BLOCK;
        }
        settle();
        return allocOrder(order);
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        int order = checkedOrder(size, align);
        checkNotWalking();
        int block = liveBlock(pos, order);
        if (block == NIL) {
            throw notAllocated(pos, size, align);
        }
        usedBytes -= 1L << order;
        liveBlocks--;
        if (((pos ^ pathStart) >>> pathTop) == 0) { // a block of the path: no merge now (see "The split path")
            fileInPath(block, order);
        } else {
            free(block);
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
        checkNotWalking();
        int block = liveBlock(pos, oldOrder);
        if (block == NIL) {
            throw notAllocated(pos, oldSize, align);
        }
        if (newOrder == oldOrder) {
            return true;
        }
        if (newOrder < oldOrder) {
            if (!blocks.ensureRoom(oldOrder - newOrder)) {
                return false;
            }
            endPath();
            shrink(block, oldOrder, newOrder);
            return true;
        }
        if (newOrder > top || (pos & ((1L << newOrder) - 1)) != 0) {
            return false; // not the lower half at some order: the space above belongs to another block pair
        }
        endPath();
        return grow(block, oldOrder, newOrder);
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
     * {@inheritDoc} Free ranges are the free blocks, the virgin ones of the regions' middles included (adjacent
     * free blocks that are not buddies cannot be handed out as one, so they count apart); the largest free range
     * is the largest request that can succeed. O(1).
     */
    @Override
    public AllocatorStats stats() {
        settle();
        return new AllocatorStats(totalBytes, usedBytes, totalBytes - usedBytes, liveBlocks,
                blocks.freeCount() + virginBlocks, largestFreeBlock());
    }

    /**
     * {@inheritDoc} Reports the blocks as the allocator holds them, in address order, region by region: each live
     * block and each free block, except that a run of adjacent free blocks of the largest size (as a large region
     * has in its middle) is reported as one free range. O(blocks held).
     *
     * @throws NullPointerException if {@code visitor} is null
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        settle();
        walks++;
        try {
            for (int index = 0; index < regions.count(); index++) {
                walkRegion(idByAddress[index], visitor);
            }
        } finally {
            walks--;
        }
    }

    private void walkRegion(int region, BlockVisitor visitor) {
        long position = carveStarts[region];
        long end = carveEnds[region];
        long runStart = -1;
        while (position < end) {
            long size;
            boolean free;
            if (position == virginStarts[region] && position < virginEnds[region]) {
                size = virginEnds[region] - position;
                free = true;
            } else {
                int state = blocks.state(blocks.find(position));
                size = 1L << BlockTable.orderOf(state);
                free = BlockTable.isFree(state);
            }
            if (free && size >= 1L << top) {
                runStart = runStart < 0 ? position : runStart;
            } else {
                if (runStart >= 0) {
                    visitor.visit(runStart, position - runStart, false);
                    runStart = -1;
                }
                visitor.visit(position, size, !free);
            }
            position += size;
        }
        if (runStart >= 0) {
            visitor.visit(runStart, end - runStart, false);
        }
    }

    /**
     * {@inheritDoc} O(regions * max-order + blocks held): the regions are carved again as when they were added.
     */
    @Override
    public void reset() {
        checkNotWalking();
        int needed = 0;
        for (int region = 0; region < regionCount; region++) {
            needed += carvedBlocks(carveStarts[region], carveEnds[region]);
        }
        if (!blocks.ensureRoom(needed)) {
            throw new IllegalStateException("cannot hold the " + needed + " blocks of a fresh carving");
        }
        pathFreed = false;
        forgetPath();
        blocks.clear();
        usedBytes = 0;
        liveBlocks = 0;
        virginBlocks = 0;
        virginCursor = 0;
        for (int region = 0; region < regionCount; region++) {
            carve(region);
        }
    }

    /**
     * Returns the size of the largest free block: the largest request that can succeed.
     *
     * @return bytes, 0 if none is free
     */
    public long largestFreeBlock() {
        settle();
        if (virginBlocks > 0) {
            return 1L << top;
        }
        int order = blocks.highestNonEmpty();
        return order < 0 ? 0 : 1L << order;
    }

    /** Validates a request and returns its order ({@link BlockMath#TOO_LARGE} when no block could hold it). */
    private int checkedOrder(long size, long align) {
        Layout.check(size, align);
        return BlockMath.requestOrder(size, align, minOrder);
    }

    private void checkNotWalking() {
        if (walks != 0) {
            throw new ConcurrentModificationException("the allocator cannot change while forEachBlock walks it");
        }
    }

    /** Takes a free block of exactly {@code order}, splitting a larger one if needed; or NO_BLOCK. Room ensured. */
    private long allocOrder(int order) {
        int found = blocks.firstNonEmptyFrom(order);
        int block;
        if (found >= 0) {
            block = blocks.head(found);
            blocks.unlink(block, found);
        } else if (virginBlocks > 0) {
            found = top;
            block = takeVirgin();
        } else {
            return NO_BLOCK;
        }
        long start = blocks.start(block);
        int region = BlockTable.regionOf(blocks.state(block));
        if (found > order) {
            pathStart = start;
            pathLow = block;
            pathOrder = order;
            pathTop = found;
            pathRegion = region;
            while (found > order) {
                found--;
                pathHigh = blocks.add(start + (1L << found), freeState(found, region));
            }
        }
        blocks.setState(block, usedState(order, region));
        usedBytes += 1L << order;
        liveBlocks++;
        return start;
    }

    /** Materializes the first virgin top block (there is one), as a used block in no list. */
    private int takeVirgin() {
        while (virginStarts[virginCursor] == virginEnds[virginCursor]) {
            virginCursor++;
        }
        long start = virginStarts[virginCursor];
        virginStarts[virginCursor] = start + (1L << top);
        virginBlocks--;
        return blocks.add(start, usedState(top, virginCursor));
    }

    /** The live block at {@code pos} of {@code order}, or NIL. */
    private int liveBlock(long pos, int order) {
        if (order > top) {
            return NIL;
        }
        int block = blocks.find(pos);
        if (block == NIL || (pathFreed && block == pathLow)) {
            return NIL;
        }
        int state = blocks.state(block);
        return !BlockTable.isFree(state) && BlockTable.orderOf(state) == order ? block : NIL;
    }

    /**
     * Frees a live block of the path (counters already updated) without merging: the free that leaves L and H both
     * free is recorded (a free of H as one of L, with H filed instead: what the next split gives); any other is
     * filed, as eager merging does (a block of the path below it is used) or as settle's merges will take it in.
     */
    private void fileInPath(int block, int order) {
        int freeBottom = freeState(pathOrder, pathRegion);
        if (block == pathLow && blocks.state(pathHigh) == freeBottom) {
            pathFreed = true;
        } else if (block == pathHigh && blocks.state(pathLow) == freeBottom) {
            blocks.unlink(pathLow, pathOrder);
            blocks.setState(pathLow, usedState(pathOrder, pathRegion));
            blocks.setState(pathHigh, freeBottom);
            blocks.push(pathHigh, pathOrder);
            pathFreed = true;
        } else {
            blocks.setState(block, freeState(order, pathRegion));
            blocks.push(block, order);
        }
    }

    /** Frees a live block from outside the path now (counters already updated), after the recorded free if any. */
    private void free(int block) {
        settle();
        int filed = release(block);
        if (filed >= pathOrder && filed <= pathTop) {
            forgetPath(); // filed among the path's orders: the next split would not take the path
        }
    }

    /** Does the recorded free, if any: its merges take the path away. */
    private void settle() {
        if (pathFreed) {
            pathFreed = false;
            int block = pathLow;
            forgetPath();
            release(block);
        }
    }

    /** Before a change the path does not follow (a new region, a resize): the recorded free is done, the path ends. */
    private void endPath() {
        settle();
        forgetPath();
    }

    /** Stops tracking the split path (none recorded free). */
    private void forgetPath() {
        pathStart = -1; // (pos ^ -1) >>> 63 is 1 for every address: no block is in the path
        pathTop = -1;
    }

    /** Frees a used block (counters already updated), merging it with free buddies of its region; its final order. */
    private int release(int block) {
        int state = blocks.state(block);
        int order = BlockTable.orderOf(state);
        int region = BlockTable.regionOf(state);
        long start = blocks.start(block);
        while (order < top) {
            long buddyStart = start ^ (1L << order);
            int buddy = blocks.find(buddyStart);
            if (buddy == NIL || blocks.state(buddy) != freeState(order, region)) {
                break;
            }
            blocks.unlink(buddy, order);
            if (buddyStart < start) {
                blocks.remove(block);
                block = buddy;
                start = buddyStart;
            } else {
                blocks.remove(buddy);
            }
            order++;
        }
        blocks.setState(block, freeState(order, region));
        blocks.push(block, order);
        return order;
    }

    /** Keeps the lower 2^newOrder bytes of a live block and frees the upper halves (which cannot merge). */
    private void shrink(int block, int oldOrder, int newOrder) {
        long start = blocks.start(block);
        int region = BlockTable.regionOf(blocks.state(block));
        for (int order = oldOrder - 1; order >= newOrder; order--) {
            blocks.add(start + (1L << order), freeState(order, region));
        }
        blocks.setState(block, usedState(newOrder, region));
        usedBytes -= (1L << oldOrder) - (1L << newOrder);
    }

    /** Absorbs the free upper buddies from oldOrder up to newOrder, or changes nothing and returns false. */
    private boolean grow(int block, int oldOrder, int newOrder) {
        long start = blocks.start(block);
        int region = BlockTable.regionOf(blocks.state(block));
        for (int order = oldOrder; order < newOrder; order++) {
            int buddy = blocks.find(start + (1L << order));
            if (buddy == NIL || blocks.state(buddy) != freeState(order, region)) {
                return false;
            }
        }
        for (int order = oldOrder; order < newOrder; order++) {
            int buddy = blocks.find(start + (1L << order));
            blocks.unlink(buddy, order);
            blocks.remove(buddy);
        }
        blocks.setState(block, usedState(newOrder, region));
        usedBytes += (1L << newOrder) - (1L << oldOrder);
        return true;
    }

    /**
     * Carves a region: records for the blocks of its head and tail, and its middle of top-order blocks left
     * virgin. Room for {@link #carvedBlocks} records must be ensured.
     */
    private void carve(int region) {
        long start = carveStarts[region];
        long end = carveEnds[region];
        long middleStart = middleStart(start, end);
        long middleEnd = middleEnd(start, end);
        carveRange(start, middleStart, region);
        carveRange(middleEnd, end, region);
        virginStarts[region] = middleStart;
        virginEnds[region] = middleEnd;
        virginBlocks += (middleEnd - middleStart) >>> top;
    }

    private void carveRange(long position, long end, int region) {
        while (position < end) {
            int order = BlockMath.carveOrder(position, end, maxOrder);
            blocks.add(position, freeState(order, region));
            position += 1L << order;
        }
    }

    /** Records a region's carving needs: its head and tail blocks. */
    private int carvedBlocks(long start, long end) {
        return countRange(start, middleStart(start, end)) + countRange(middleEnd(start, end), end);
    }

    private int countRange(long position, long end) {
        int count = 0;
        while (position < end) {
            position += 1L << BlockMath.carveOrder(position, end, maxOrder);
            count++;
        }
        return count;
    }

    /**
     * Where a region's run of top-order blocks starts: its start rounded up to 2^top, or its end if none. A
     * top-order block fits iff the start is at most the last top-order start below the end (both multiples of 2^top,
     * so no rounding is needed to compare, and rounding up cannot overflow once it fits).
     */
    private long middleStart(long start, long end) {
        long topMask = (1L << top) - 1;
        long lastTopStart = (end & ~topMask) - (1L << top);
        return start <= lastTopStart ? (start + topMask) & ~topMask : end;
    }

    /** Where a region's run of top-order blocks ends: its end rounded down to 2^top, or its end if none. */
    private long middleEnd(long start, long end) {
        long middleStart = middleStart(start, end);
        return middleStart == end ? end : end & ~((1L << top) - 1);
    }

    private AllocException noMemory(long size, long align) {
        if (!initialised) {
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

    /** Number of block records held (free and used, virgin ones not counted), for tests. */
    int blockRecords() {
        settle();
        return blocks.size();
    }

    /** Bytes of metadata held, for tests and reports. */
    long metadataBytes() {
        return blocks.footprintBytes();
    }
}
