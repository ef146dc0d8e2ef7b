package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.Regions;
import java.util.Arrays;

/*
 * How it works
 * ------------
 *
 *   regions (never merged)   [ region 0 .......................................)   [ region 1 ..........)
 *   blocks, address order    | used | free      | used | used |  free            |   | free              |
 *                              <------ physPrev / physNext: record indices, NIL at a region's ends ------>
 *
 *   BlockTable (records keyed by start)              FreeLists (one list per size class)
 *     slot  start  size  physPrev|Next freePrev|Next    firstLevelBitmap       ...0000 1010
 *     [0]   EMPTY                                       secondLevelBitmaps[3]  ...0100 0000
 *     [1]   4096   512    7 | 3         USED            heads[list] -> record 5 -> record 2 -> NIL
 *     [2]   9216   1024   4 | NIL       5 | NIL
 *     ...   (open addressing: the start hashes to the slot, so the record IS the lookup)
 *
 * alloc(size, align)
 *   round size up to the granularity (this is usableSize) -> add (align - granularity) of slack if align is larger
 *   -> round up to a list boundary (SizeClasses.searchListOf) -> FreeLists.findNonEmpty: two bitmap look-ups ->
 *   take that list's head: it is big enough without looking -> cut off the alignment gap (it stays free, as its own
 *   block) and the tail past the size (free) -> mark the rest used. If the rounded search finds nothing, a few
 *   blocks of the request's own lists are tried exactly (closeFit) before giving up.
 * dealloc(pos, size, align)
 *   hash pos to its record (one probe run, no second index) -> check it is used and has that size -> merge with a
 *   free physical predecessor and/or successor -> file the result in its list -> delete the absorbed records.
 *
 * Invariants (checked by the tests through forEachBlock and stats)
 *   1. the blocks of a region tile [alignUp(start, g), alignDown(end, g)) exactly, linked in address order by
 *      physPrev/physNext; the first block of a region always starts at alignUp(start, g);
 *   2. every block start and size is a multiple of the granularity g, every size >= g;
 *   3. no two free blocks are physical neighbours: freeing merges at once;
 *   4. a block is free iff it is in exactly one free list, list listOf(size); a list is non-empty iff its bits are
 *      set in both bitmaps;
 *   5. usedBytes = sum of used block sizes; totalBytes - usedBytes = sum of free block sizes;
 *      liveBlocks / freeBlocks count the used / free records.
 * Every public method checks all its arguments and every condition that can fail before it changes anything.
 */

/**
 * A Two-Level Segregated Fit byte allocator (Masmano, Ripoll, Crespo, Real: "TLSF: a new dynamic memory allocator
 * for real-time systems", ECRTS 2004), the algorithm the original crate takes from {@code rlsf}.
 *
 * <p>Allocation and free take O(1) time whatever the number of blocks: free blocks sit in segregated lists, one per
 * size class (a power of two split into {@code 2^sl-bits} steps), found through two levels of bitmaps; a request
 * takes the first block of the first non-empty class that is large enough (good fit), splits off the rest, and a
 * freed block merges at once with free physical neighbours. Any power-of-two alignment is served, and the gap in
 * front of an aligned block stays free as a block of its own.
 *
 * <p>The bookkeeping lives out of band in primitive arrays owned by this object, never in the managed range: a
 * record per block (start, size, neighbours, list links) in a table hashed by start address, so {@code dealloc}
 * finds its block in O(1). Nothing is allocated on the Java heap per call once the table has grown to the largest
 * number of blocks seen (it grows geometrically; {@code initial-blocks} presizes it for a hard O(1) bound).
 *
 * <p>Sizes are rounded up to the granularity (default 16 bytes, the minimum block): {@link #usableSize} tells the
 * result, and {@link #usedBytes()} grows by exactly that. Regions are trimmed to the granularity at both ends and
 * never merge with each other. {@code dealloc} detects, in O(1), an address that is not a live block, a double
 * free and a size that does not round to the block's size ({@code NOT_ALLOCATED}). {@code init} twice is
 * {@code MEMORY_OVERLAP}; {@code addMemory} before {@code init} is allowed and counts as initialising.
 *
 * <p>Not thread safe; see {@link dev.allocator.api.Allocators#synchronizedByteAllocator(ByteAllocator)}.
 */
public final class TlsfByteAllocator implements ByteAllocator {
    /** Default {@code sl-bits}: 32 second-level lists per power of two, as the original ({@code SLLEN 32}). */
    public static final int DEFAULT_SECOND_LEVEL_BITS = 5;
    /** Default {@code granularity}: the minimum block and the unit sizes are rounded to, in bytes. */
    public static final int DEFAULT_GRANULARITY = 16;
    /** Default {@code initial-blocks}: blocks the metadata is sized for before it first grows. */
    public static final int DEFAULT_INITIAL_BLOCKS = 256;
    /** Largest {@code initial-blocks}. */
    public static final int MAX_INITIAL_BLOCKS = 1 << 24;
    /** Largest {@code granularity}. */
    public static final int MAX_GRANULARITY = 1 << 30;

    /** Blocks {@link #closeFit} looks at before a request is declared out of memory. */
    private static final int CLOSE_FIT_CANDIDATES = 4;

    private final SizeClasses classes;
    private final FreeLists lists;
    private final BlockTable table;
    private final long granularity;
    private final long granularityMask;
    private final Regions regions = new Regions();
    /** First block start of each region with usable bytes, in the order the regions were added. */
    private long[] regionBlockStarts = new long[4];
    private int usableRegions;
    /** Scratch for {@link #reset()}: the first record of each region. */
    private int[] regionFirstRecords = new int[0];
    private boolean initialised;
    private long total;
    private long used;
    private long liveBlocks;
    private long freeBlocks;

    /** Creates an allocator with the default options (32 second-level lists, 16-byte granularity). */
    public TlsfByteAllocator() {
        this(DEFAULT_SECOND_LEVEL_BITS, DEFAULT_GRANULARITY, DEFAULT_INITIAL_BLOCKS);
    }

    /**
     * Creates an allocator with the given options.
     *
     * @param secondLevelBits log2 of the number of lists per power of two, 0 to 6 (option {@code sl-bits})
     * @param granularity     minimum block size and rounding unit in bytes, a power of two up to
     *                        {@link #MAX_GRANULARITY} (option {@code granularity})
     * @param initialBlocks   blocks to size the metadata for up front, 0 to {@link #MAX_INITIAL_BLOCKS}
     *                        (option {@code initial-blocks})
     * @throws AllocException INVALID_PARAM naming the value that is out of range
     */
    public TlsfByteAllocator(int secondLevelBits, long granularity, int initialBlocks) {
        if (secondLevelBits < 0 || secondLevelBits > SizeClasses.MAX_SECOND_LEVEL_BITS) {
            throw AllocException.invalidParam("sl-bits " + secondLevelBits + " is not in [0, "
                    + SizeClasses.MAX_SECOND_LEVEL_BITS + "]");
        }
        if (granularity <= 0 || (granularity & (granularity - 1)) != 0 || granularity > MAX_GRANULARITY) {
            throw AllocException.invalidParam("granularity " + granularity + " is not a power of two in [1, "
                    + MAX_GRANULARITY + "]");
        }
        if (initialBlocks < 0 || initialBlocks > MAX_INITIAL_BLOCKS) {
            throw AllocException.invalidParam("initial-blocks " + initialBlocks + " is not in [0, "
                    + MAX_INITIAL_BLOCKS + "]");
        }
        this.granularity = granularity;
        this.granularityMask = granularity - 1;
        this.classes = new SizeClasses(Long.numberOfTrailingZeros(granularity), secondLevelBits);
        this.lists = new FreeLists(classes);
        this.table = new BlockTable(initialBlocks, lists);
        lists.attach(table);
    }

    /**
     * Creates an allocator from provider options: {@code sl-bits}, {@code granularity} (a size, e.g. {@code 16}
     * or {@code 4KiB}) and {@code initial-blocks}; missing keys take their defaults.
     *
     * @param options the options
     * @return a new, uninitialised allocator
     * @throws AllocException INVALID_PARAM for an unknown key or a bad value
     */
    public static TlsfByteAllocator create(AllocatorOptions options) {
        AllocatorOptions all = options.withDefaults(TlsfProvider.DEFAULTS, TlsfProvider.NAME);
        long granularity = all.getSize(TlsfProvider.GRANULARITY);
        if (granularity > MAX_GRANULARITY) {
            throw AllocException.invalidParam("granularity " + granularity + " is larger than " + MAX_GRANULARITY);
        }
        return new TlsfByteAllocator(all.getInt(TlsfProvider.SECOND_LEVEL_BITS), granularity,
                all.getInt(TlsfProvider.INITIAL_BLOCKS));
    }

    /**
     * Returns the granularity: the minimum block size and the unit sizes are rounded up to.
     *
     * @return bytes, a power of two
     */
    public long granularity() {
        return granularity;
    }

    // ---------------------------------------------------------------------------------------------------- regions

    /**
     * {@inheritDoc}
     *
     * <p>The region is trimmed to the granularity at both ends; a region smaller than that adds no usable bytes.
     *
     * @throws AllocException MEMORY_OVERLAP if already initialised (by {@code init} or {@code addMemory});
     *                        INVALID_PARAM for a bad range
     */
    @Override
    public void init(long start, long size) {
        if (initialised) {
            throw AllocException.memoryOverlap("already initialised; add region [" + start + ", +" + size
                    + ") with addMemory");
        }
        addRegion(start, size);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Allowed before {@link #init}, which then counts as already done.
     */
    @Override
    public void addMemory(long start, long size) {
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        regions.checkAddable(start, size);
        long blockStart = firstBlockStart(start);
        long usable = usableLength(blockStart, start + size);
        if (usable > 0 && !table.ensureRoom(1)) {
            throw AllocException.noMemory("block table is full (" + table.count() + " blocks); cannot add region ["
                    + start + ", +" + size + ")");
        }
        if (usable > 0 && usableRegions == regionBlockStarts.length) {
            regionBlockStarts = Arrays.copyOf(regionBlockStarts, 2 * usableRegions);
        }
        regions.add(start, size);
        initialised = true;
        if (usable > 0) {
            regionBlockStarts[usableRegions++] = blockStart;
            int record = table.insert(blockStart, usable);
            lists.push(record);
            freeBlocks++;
            total += usable;
        }
    }

    // ---------------------------------------------------------------------------------------------------- alloc

    /**
     * {@inheritDoc}
     *
     * <p>O(1). The message of a NO_MEMORY error names the bytes available and the largest free block.
     */
    @Override
    public long alloc(long size, long align) {
        long address = tryAlloc(size, align);
        if (address == NO_BLOCK) {
            throw noMemory(size, align);
        }
        return address;
    }

    /**
     * {@inheritDoc}
     *
     * <p>O(1); throws nothing on exhaustion (nor before {@code init}: there is no memory yet).
     */
    @Override
    public long tryAlloc(long size, long align) {
        long rounded = roundedSize(size, align);
        if (rounded > total - used || !table.ensureRoom(2)) {
            return NO_BLOCK;
        }
        long search = rounded;
        if (align > granularity) {
            search += align - granularity;
            if (search < 0) {
                search = Long.MAX_VALUE & ~granularityMask;
            }
        }
        int list = lists.findNonEmpty(classes.searchListOf(search));
        int block = list >= 0 ? lists.head(list) : closeFit(rounded, align);
        if (block == NIL) {
            return NO_BLOCK;
        }
        return carve(block, rounded, align);
    }

    /**
     * Looks at up to {@link #CLOSE_FIT_CANDIDATES} free blocks from the request's own size class upwards for one
     * that holds it exactly: the lists the rounded-up search skipped. Only runs when that search failed.
     */
    private int closeFit(long rounded, long align) {
        int budget = CLOSE_FIT_CANDIDATES;
        int list = lists.findNonEmpty(classes.listOf(rounded));
        while (list >= 0) {
            for (int block = lists.head(list); block != NIL; block = table.freeNext(block)) {
                long gap = -table.start(block) & (align - 1);
                if (table.size(block) - rounded >= gap) {
                    return block;
                }
                if (--budget == 0) {
                    return NIL;
                }
            }
            list = list + 1 < classes.listCount() ? lists.findNonEmpty(list + 1) : -1;
        }
        return NIL;
    }

    /** Turns free {@code block} (known to fit) into a used block of {@code rounded} bytes at an aligned address. */
    private long carve(int block, long rounded, long align) {
        lists.unlink(block);
        long start = table.start(block);
        long size = table.size(block);
        long address = start + (-start & (align - 1));
        int allocated = block;
        if (address != start) {
            long gap = address - start;
            table.setSize(block, gap);
            allocated = table.insert(address, size - gap);
            int after = table.physNext(block);
            table.linkPhysical(block, allocated);
            table.linkPhysical(allocated, after);
            lists.push(block);
        } else {
            freeBlocks--;
        }
        long rest = table.size(allocated) - rounded;
        if (rest > 0) {
            table.setSize(allocated, rounded);
            int tail = table.insert(address + rounded, rest);
            int after = table.physNext(allocated);
            table.linkPhysical(allocated, tail);
            table.linkPhysical(tail, after);
            lists.push(tail);
            freeBlocks++;
        }
        used += rounded;
        liveBlocks++;
        return address;
    }

    // ---------------------------------------------------------------------------------------------------- free

    /**
     * {@inheritDoc}
     *
     * <p>O(1), except that the free which leaves no live block costs O(regions): it files the regions' blocks
     * again in the order a fresh allocator has them, so that an emptied allocator behaves exactly as a fresh one.
     * {@code size} must round (see {@link #usableSize}) to the block's size and {@code pos} must be a
     * multiple of {@code align}; otherwise, and for a double free or an address that is no live block,
     * NOT_ALLOCATED with nothing changed.
     */
    @Override
    public void dealloc(long pos, long size, long align) {
        long rounded = roundedSize(size, align);
        int block = liveBlock(pos, size, rounded, align);
        release(block);
    }

    /** Finds the live block {@code pos}/{@code size}/{@code align} names, or throws NOT_ALLOCATED. */
    private int liveBlock(long pos, long size, long rounded, long align) {
        int block = pos >= 0 ? table.find(pos) : NIL;
        if (block == NIL) {
            throw AllocException.notAllocated("no block starts at address " + pos);
        }
        if (table.isFree(block)) {
            throw AllocException.notAllocated("block at " + pos + " (" + table.size(block)
                    + " bytes) is free: double free?");
        }
        if (table.size(block) != rounded) {
            throw AllocException.notAllocated("block at " + pos + " holds " + table.size(block)
                    + " bytes, but size " + size + " rounds to " + rounded);
        }
        if ((pos & (align - 1)) != 0) {
            throw AllocException.notAllocated("block at " + pos + " is not aligned to " + align
                    + ", so it was not allocated with that alignment");
        }
        return block;
    }

    /** Frees a used block, merging it with free physical neighbours. */
    private void release(int block) {
        long size = table.size(block);
        used -= size;
        liveBlocks--;
        int before = table.physPrev(block);
        int after = table.physNext(block);
        boolean mergeBefore = before != NIL && table.isFree(before);
        boolean mergeAfter = after != NIL && table.isFree(after);
        int absorbedAfter = NIL;
        if (mergeAfter) {
            lists.unlink(after);
            size += table.size(after);
            absorbedAfter = after;
            after = table.physNext(after);
            freeBlocks--;
        }
        int survivor = block;
        if (mergeBefore) {
            lists.unlink(before);
            size += table.size(before);
            survivor = before;
            freeBlocks--;
        }
        table.setSize(survivor, size);
        table.linkPhysical(survivor, after);
        lists.push(survivor);
        freeBlocks++;
        if (absorbedAfter != NIL) {
            table.detach(absorbedAfter);
        }
        if (mergeBefore) {
            table.detach(block);
            absorbedAfter = table.remove(block, absorbedAfter);
        }
        if (absorbedAfter != NIL) {
            table.remove(absorbedAfter, NIL);
        }
        if (liveBlocks == 0 && usableRegions > 1) {
            refileRegionsInOrderAdded();
        }
    }

    /**
     * With no live block each region is one free block; files them again in the order the regions were added, so
     * that the lists (and so every later answer) are exactly those of a fresh allocator. O(regions).
     */
    private void refileRegionsInOrderAdded() {
        lists.clear();
        for (int region = 0; region < usableRegions; region++) {
            lists.push(table.find(regionBlockStarts[region]));
        }
    }

    // ---------------------------------------------------------------------------------------------------- resize

    /**
     * {@inheritDoc}
     *
     * <p>O(1). Grows into a free physical successor if it is large enough; shrinks by splitting off the tail
     * (which merges with a free successor). Sizes that round to the same block size always succeed.
     */
    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        long oldRounded = roundedSize(oldSize, align);
        long newRounded = roundedSize(newSize, align);
        liveBlock(pos, oldSize, oldRounded, align);
        if (newRounded == oldRounded) {
            return true;
        }
        if (!table.ensureRoom(1)) {
            return false;
        }
        int block = table.find(pos);
        int after = table.physNext(block);
        boolean afterFree = after != NIL && table.isFree(after);
        if (newRounded < oldRounded) {
            shrink(block, after, afterFree, newRounded);
            return true;
        }
        long needed = newRounded - oldRounded;
        if (!afterFree || table.size(after) < needed) {
            return false;
        }
        grow(block, after, needed);
        return true;
    }

    private void shrink(int block, int after, boolean afterFree, long newRounded) {
        long start = table.start(block);
        long tailSize = table.size(block) - newRounded;
        table.setSize(block, newRounded);
        used -= tailSize;
        if (afterFree) {
            lists.unlink(after);
            tailSize += table.size(after);
            int afterAfter = table.physNext(after);
            int tail = table.insert(start + newRounded, tailSize);
            table.linkPhysical(block, tail);
            table.linkPhysical(tail, afterAfter);
            lists.push(tail);
            table.detach(after);
            table.remove(after, NIL);
        } else {
            int tail = table.insert(start + newRounded, tailSize);
            table.linkPhysical(block, tail);
            table.linkPhysical(tail, after);
            lists.push(tail);
            freeBlocks++;
        }
    }

    private void grow(int block, int after, long needed) {
        lists.unlink(after);
        long rest = table.size(after) - needed;
        long restStart = table.start(after) + needed;
        int afterAfter = table.physNext(after);
        table.setSize(block, table.size(block) + needed);
        used += needed;
        if (rest > 0) {
            int tail = table.insert(restStart, rest);
            table.linkPhysical(block, tail);
            table.linkPhysical(tail, afterAfter);
            lists.push(tail);
        } else {
            table.linkPhysical(block, afterAfter);
            freeBlocks--;
        }
        table.detach(after);
        table.remove(after, NIL);
    }

    // ---------------------------------------------------------------------------------------------------- sizes

    /**
     * {@inheritDoc}
     *
     * <p>{@code max(granularity, size rounded up to the granularity)}; the alignment adds nothing, because the gap
     * in front of an aligned block stays free.
     */
    @Override
    public long usableSize(long size, long align) {
        return roundedSize(size, align);
    }

    /** Checks a size and alignment and rounds the size to a block size. */
    private long roundedSize(long size, long align) {
        if (size < 0 || align <= 0 || (align & (align - 1)) != 0 || size > Long.MAX_VALUE - (align - 1)
                || size > Long.MAX_VALUE - granularityMask) {
            throw invalidRequest(size, align);
        }
        return size <= granularity ? granularity : (size + granularityMask) & ~granularityMask;
    }

    private static AllocException invalidRequest(long size, long align) {
        if (size < 0) {
            return AllocException.invalidParam("size " + size + " is negative");
        }
        if (align <= 0 || (align & (align - 1)) != 0) {
            return AllocException.invalidParam("alignment " + align + " is not a power of two");
        }
        return AllocException.invalidParam("size " + size + " with alignment " + align + " overflows a long");
    }

    private AllocException noMemory(long size, long align) {
        if (!initialised) {
            return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align
                    + ": the allocator has no region yet (call init)");
        }
        return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align + ": "
                + availableBytes() + " bytes available, largest free block " + largestFreeBlock());
    }

    /** {@inheritDoc} */
    @Override
    public long totalBytes() {
        return total;
    }

    /** {@inheritDoc} */
    @Override
    public long usedBytes() {
        return used;
    }

    /** {@inheritDoc} */
    @Override
    public long availableBytes() {
        return total - used;
    }

    // ---------------------------------------------------------------------------------------------------- introspection

    /**
     * {@inheritDoc}
     *
     * <p>Costs O(blocks in the highest non-empty size class), for the largest free block.
     */
    @Override
    public AllocatorStats stats() {
        return new AllocatorStats(total, used, total - used, liveBlocks, freeBlocks, largestFreeBlock());
    }

    private long largestFreeBlock() {
        int list = lists.highestNonEmpty();
        long largest = 0;
        if (list >= 0) {
            for (int block = lists.head(list); block != NIL; block = table.freeNext(block)) {
                largest = Math.max(largest, table.size(block));
            }
        }
        return largest;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks each region's physical chain of blocks: O(blocks). Reports the granularity-trimmed part of each
     * region; free blocks are always maximal within their region.
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        for (int region = 0; region < regions.count(); region++) {
            int block = firstBlockOf(region);
            while (block != NIL) {
                visitor.visit(table.start(block), table.size(block), !table.isFree(block));
                block = table.physNext(block);
            }
        }
    }

    /** The first record of a region, or NIL if the region is too small to hold a block. */
    private int firstBlockOf(int region) {
        long blockStart = firstBlockStart(regions.start(region));
        return usableLength(blockStart, regions.end(region)) > 0 ? table.find(blockStart) : NIL;
    }

    /** A region's start rounded up to the granularity; negative if that overflows. */
    private long firstBlockStart(long regionStart) {
        return regionStart + (-regionStart & granularityMask);
    }

    /** Bytes from {@code blockStart} to the region's end rounded down to the granularity; 0 if none. */
    private long usableLength(long blockStart, long regionEnd) {
        long blockEnd = regionEnd & ~granularityMask;
        return blockStart >= 0 && blockEnd > blockStart ? blockEnd - blockStart : 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>O(regions + blocks): walks each region's chain once to empty the table, then files one free block per
     * region, in the order the regions were added (as a fresh allocator has them).
     */
    @Override
    public void reset() {
        if (regionFirstRecords.length < usableRegions) {
            regionFirstRecords = new int[regionBlockStarts.length];
        }
        for (int region = 0; region < usableRegions; region++) {
            regionFirstRecords[region] = table.find(regionBlockStarts[region]);
        }
        table.clearChains(regionFirstRecords, usableRegions);
        lists.clear();
        used = 0;
        liveBlocks = 0;
        freeBlocks = usableRegions;
        for (int region = 0; region < usableRegions; region++) {
            long blockStart = regionBlockStarts[region];
            int index = regions.indexOf(blockStart);
            lists.push(table.insert(blockStart, usableLength(blockStart, regions.end(index))));
        }
    }

    /** Number of block records (used and free) in the metadata, for tests. */
    int blockRecords() {
        return table.count();
    }

    /** Bytes of metadata held by the block table, for tests and reports. */
    long metadataBytes() {
        return table.footprintBytes();
    }

    @Override
    public String toString() {
        return "TlsfByteAllocator[total=" + total + ", used=" + used + ", liveBlocks=" + liveBlocks
                + ", freeBlocks=" + freeBlocks + ", granularity=" + granularity + ", sl-bits="
                + classes.secondLevelBits() + "]";
    }
}
