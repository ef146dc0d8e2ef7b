package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.Layout;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.Regions;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Objects;

/*
 * How it works
 * ------------
 *
 *   regions (never merged)  S[ region 0 ...................................)S  S[ region 1 ..........)S
 *   blocks, address order    | used | free      | used | used |  free      |    | free              |
 *                              <--- physPrev / physNext: record numbers; S = the region's sentinel records --->
 *
 *   BlockTable: a record per block (RecordStore: numbered, never moved), three longs
 *     record  start  physPrev|physNext  links                    size = start of physNext - start
 *     [9]     0      NIL | 0            SENTINEL                   (the start of region 0)
 *     [0]     0      9   | 3            USED | index chain        (used blocks are in the AddressIndex)
 *     [3]     512    0   | 5            freePrev | freeNext        (free blocks are in one free list)
 *     [5]     65536  3   | NIL          SENTINEL                   (the end of region 0)
 *   FreeLists: one list per size class, heads[list] -> record -> record -> NIL; two bitmap levels say which lists
 *   are non-empty.
 *
 * alloc(size, align)
 *   round size up to the granularity (this is usableSize) -> add (align - granularity) of slack if align is larger
 *   -> round up to a list boundary (SizeClasses.searchListOf) -> FreeLists.findNonEmpty: two bitmap look-ups ->
 *   take that list's head: it is big enough without looking -> cut off the alignment gap (it keeps the record and
 *   stays free) and the tail past the size -> mark the rest used and index it. Without a gap the tail keeps the
 *   free block's record: its start moves up, and it changes lists only if its size class changed (carving a big
 *   block from its start touches no list at all). If the rounded search finds nothing, a few blocks of the
 *   request's own lists are tried exactly (closeFit) before giving up.
 * dealloc(pos, size, align)
 *   find pos in the index of used blocks -> check the size (start of physNext - pos) and alignment -> merge with
 *   a free physical predecessor and/or successor: the free neighbour keeps its record and moves its boundary (and
 *   changes lists only if its size class changed); absorbed records go back to the store, nothing else moves.
 *
 * Undoing the last allocation
 *   A dealloc of the block the previous call allocated (nothing in between) is the exact inverse of that
 *   allocation: the block came from a list head and had no free neighbours, so freeing it merges the gap and tail
 *   back into the very block it was cut from and files that at the head of the same list, with the same records
 *   free. Such a free is recorded (recentFreed) instead of done; if the next call allocates the same size and
 *   alignment, it would cut the same block the same way, so it just takes the block back: O(1) for the steady
 *   alloc/free pair. Any other call first does the recorded free (settle), so every answer, placement included,
 *   is exactly what eager freeing gives. Not deferred: a free that empties an allocator of several regions (it
 *   refiles the regions, below) and allocations found by closeFit (not a list head).
 *
 * Invariants (checked by the tests through forEachBlock and stats)
 *   1. the blocks of a region tile [alignUp(start, g), alignDown(end, g)) exactly, linked in address order
 *      between the region's two sentinel records, which never change;
 *   2. every block start and size is a multiple of the granularity g, every size >= g;
 *   3. no two free blocks are physical neighbours: freeing merges at once (or at settle, see above);
 *   4. a block is free iff it is in exactly one free list, list listOf(size), and used iff it is in the index;
 *      a list is non-empty iff its bits are set in both bitmaps;
 *   5. usedBytes = sum of used block sizes (the recorded free counted as freed); liveBlocks counts them;
 *      freeBlocks counts the free records;
 *   6. with no live block, every region is one free block, filed in the order the regions were added.
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
 * 24-byte record per block (start, neighbours, list or index link; records never move) and an index of the used
 * blocks by start address, so {@code dealloc} finds its block in O(1): about 30 bytes per live block. Nothing is
 * allocated on the Java heap per call once the arrays have grown to the most blocks seen (they grow by half;
 * {@code initial-blocks} presizes them for a hard O(1) bound). A free of the block allocated by the call just
 * before is undone lazily, so a steady alloc/free pair costs O(1) without splitting and merging (see the source).
 *
 * <p>Sizes are rounded up to the granularity (default 16 bytes, the minimum block): {@link #usableSize} tells the
 * result, and {@link #usedBytes()} grows by exactly that. Regions are trimmed to the granularity at both ends and
 * never merge with each other. {@code dealloc} detects, in O(1), an address that is not a live block, a double
 * free and a size that does not round to the block's size ({@code NOT_ALLOCATED}). {@code init} twice, or after
 * {@code addMemory}, is {@code MEMORY_OVERLAP}; {@code addMemory} before {@code init} is allowed and counts as
 * initialising. A call that changes the allocator from inside {@link #forEachBlock} throws
 * {@link ConcurrentModificationException} and changes nothing.
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
    /** Per region with usable bytes, in the order added: its first block's start, end, and head sentinel. */
    private long[] addedStarts = new long[4];
    private long[] addedEnds = new long[4];
    private int[] addedHeads = new int[4];
    private int usableRegions;
    /** Per region of {@link #regions} (address order): its head sentinel, or NIL if it has no usable bytes. */
    private int[] headByAddress = new int[4];
    private boolean initialised;
    private long total;
    private long used;
    private long liveBlocks;
    private long freeBlocks;
    /** Number of {@link #forEachBlock} calls running: changes are refused while it is not 0. */
    private int walks;

    /** The block the last call allocated from a list head, while no other call has come since; or NIL. */
    private int recentBlock = NIL;
    private long recentRounded;
    private long recentAlign;
    /** Whether {@link #recentBlock} was freed by the next call, a free not done yet (see "Undoing..." above). */
    private boolean recentFreed;

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
        this.table = new BlockTable(initialBlocks);
        this.lists = new FreeLists(classes, table.records(), BlockTable.LINKS);
    }

    /**
     * Creates an allocator from provider options: {@code sl-bits}, {@code granularity} (a size, e.g. {@code 16}
     * or {@code 4KiB}) and {@code initial-blocks}; missing keys take their defaults.
     *
     * @param options the options
     * @return a new, uninitialised allocator
     * @throws AllocException INVALID_PARAM for an unknown key or a bad value
     * @throws NullPointerException if {@code options} is null
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
        checkNotWalking();
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
        checkNotWalking();
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        regions.checkAddable(start, size);
        long blockStart = firstBlockStart(start);
        long blockEnd = blockEnd(start + size);
        boolean usable = blockStart >= 0 && blockEnd > blockStart;
        if (usable && !table.ensureRoom(3)) {
            throw AllocException.noMemory("block table is full (" + table.count() + " records); cannot add region ["
                    + start + ", +" + size + ")");
        }
        growRegionArrays();
        settle();
        int at = regions.add(start, size);
        initialised = true;
        if (at < 0) {
            return;
        }
        System.arraycopy(headByAddress, at, headByAddress, at + 1, regions.count() - 1 - at);
        headByAddress[at] = NIL;
        if (usable) {
            addedStarts[usableRegions] = blockStart;
            addedEnds[usableRegions] = blockEnd;
            addedHeads[usableRegions] = fileRegion(blockStart, blockEnd, at);
            usableRegions++;
            total += blockEnd - blockStart;
        }
    }

    /** Makes room for one more region in the per-region arrays, before anything changes. */
    private void growRegionArrays() {
        if (regions.count() == headByAddress.length) {
            headByAddress = Arrays.copyOf(headByAddress, 2 * regions.count());
        }
        if (usableRegions == addedStarts.length) {
            int length = 2 * usableRegions;
            addedStarts = Arrays.copyOf(addedStarts, length);
            addedEnds = Arrays.copyOf(addedEnds, length);
            addedHeads = Arrays.copyOf(addedHeads, length);
        }
    }

    /** Makes {@code [blockStart, blockEnd)} one free block between two sentinels; returns the head sentinel. */
    private int fileRegion(long blockStart, long blockEnd, int addressIndex) {
        int head = table.addSentinel(blockStart, NIL);
        int block = table.add(blockStart);
        table.linkPhysical(head, block);
        table.addSentinel(blockEnd, block);
        lists.push(block, blockEnd - blockStart);
        freeBlocks++;
        headByAddress[addressIndex] = head;
        return head;
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
        checkNotWalking();
        if (recentFreed && rounded == recentRounded && align == recentAlign) {
            recentFreed = false;
            used += rounded;
            liveBlocks++;
            return table.start(recentBlock);
        }
        if (rounded > total - used || !table.ensureRoom(2)) {
            return NO_BLOCK;
        }
        settle();
        // Room for the padding an alignment above the granularity may need. No overflow: rounded + align -
        // granularity <= size + align - 1, which Layout.check keeps within a long.
        long search = rounded + Math.max(align - granularity, 0);
        int list = lists.findNonEmpty(classes.searchListOf(search));
        if (list >= 0) {
            int block = carve(lists.head(list), list, rounded, align);
            recentBlock = block;
            recentRounded = rounded;
            recentAlign = align;
            return table.start(block);
        }
        int block = closeFit(rounded, align);
        return block == NIL ? NO_BLOCK : table.start(carve(block, -1, rounded, align));
    }

    /**
     * Looks at up to {@link #CLOSE_FIT_CANDIDATES} free blocks from the request's own size class upwards for one
     * that holds it exactly: the lists the rounded-up search skipped. Only runs when that search failed.
     */
    private int closeFit(long rounded, long align) {
        int budget = CLOSE_FIT_CANDIDATES;
        int list = lists.findNonEmpty(classes.listOf(rounded));
        while (list >= 0) {
            for (int block = lists.head(list); block != NIL; block = lists.next(block)) {
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

    /**
     * Turns free {@code block} (known to fit; in {@code list}, or -1 if not known) into a used block of
     * {@code rounded} bytes at an aligned address. Needs room for two records. Returns the used block's record.
     */
    private int carve(int block, int list, long rounded, long align) {
        long start = table.start(block);
        int next = table.physNext(block);
        long end = table.start(next);
        if (list < 0) {
            list = classes.listOf(end - start);
        }
        long address = start + (-start & (align - 1));
        long tailStart = address + rounded;
        int allocated;
        if (address == start && tailStart != end) {
            // the tail keeps the free record: its start moves up, its list only changes with its size class
            allocated = table.add(start);
            table.linkBetween(table.physPrev(block), allocated, block);
            table.setStart(block, tailStart);
            relist(block, list, end - tailStart);
        } else {
            lists.unlinkFrom(list, block);
            allocated = block;
            if (address != start) {
                allocated = table.add(address);
                table.linkBetween(block, allocated, next);
                lists.push(block, address - start);
            } else {
                freeBlocks--;
            }
            if (tailStart != end) {
                int tail = table.add(tailStart);
                table.linkBetween(allocated, tail, next);
                lists.push(tail, end - tailStart);
                freeBlocks++;
            }
        }
        table.markUsed(allocated);
        used += rounded;
        liveBlocks++;
        return allocated;
    }

    /** Moves a listed free block from {@code list} to the list of its new size, if that is another list. */
    private void relist(int block, int list, long size) {
        int newList = classes.listOf(size);
        if (newList != list) {
            lists.unlinkFrom(list, block);
            lists.pushTo(newList, block);
        }
    }

    // ---------------------------------------------------------------------------------------------------- free

    /**
     * {@inheritDoc}
     *
     * <p>O(1), except that the free which leaves no live block in an allocator of several regions costs
     * O(regions): it files the regions' blocks again in the order a fresh allocator has them, so that an emptied
     * allocator behaves exactly as a fresh one. {@code size} must round (see {@link #usableSize}) to the block's
     * size and {@code pos} must be a multiple of {@code align}; otherwise, and for a double free or an address
     * that is no live block, NOT_ALLOCATED with nothing changed.
     */
    @Override
    public void dealloc(long pos, long size, long align) {
        long rounded = roundedSize(size, align);
        checkNotWalking();
        int block = liveBlock(pos, size, rounded, align);
        if (block == recentBlock) {
            used -= rounded;
            liveBlocks--;
            if (liveBlocks > 0 || usableRegions <= 1) {
                recentFreed = true;
                return;
            }
            recentBlock = NIL;
            release(block);
            return;
        }
        settle();
        used -= rounded;
        liveBlocks--;
        release(block);
    }

    /** Finds the live block {@code pos}/{@code size}/{@code align} names, or throws NOT_ALLOCATED. */
    private int liveBlock(long pos, long size, long rounded, long align) {
        int block = table.findUsed(pos);
        if (block == NIL || (recentFreed && block == recentBlock)) {
            throw AllocException.notAllocated("no live block starts at address " + pos
                    + ": never allocated, already freed (a double free?), or inside another block");
        }
        long blockSize = table.size(block);
        if (blockSize != rounded) {
            throw AllocException.notAllocated("block at " + pos + " holds " + blockSize + " bytes, but size "
                    + size + " rounds to " + rounded);
        }
        if ((pos & (align - 1)) != 0) {
            throw AllocException.notAllocated("block at " + pos + " is not aligned to " + align
                    + ", so it was not allocated with that alignment");
        }
        return block;
    }

    /** Does the free recorded by the undo (if any) and forgets the recent allocation. */
    private void settle() {
        if (recentFreed) {
            recentFreed = false;
            release(recentBlock);
        }
        recentBlock = NIL;
    }

    /** Frees a used block (counters already updated), merging it with free physical neighbours. */
    private void release(int block) {
        table.unindex(block);
        long start = table.start(block);
        int next = table.physNext(block);
        long end = table.start(next);
        int before = table.physPrev(block);
        boolean mergeBefore = table.isFree(before);
        if (table.isFree(next)) {
            int after = table.physNext(next);
            long afterStart = table.start(after);
            if (!mergeBefore) {
                // the free successor keeps its record and moves its start down
                table.linkPhysical(before, next);
                table.release(block);
                table.setStart(next, start);
                relist(next, classes.listOf(afterStart - end), afterStart - start);
                finishFree();
                return;
            }
            lists.unlink(next, afterStart - end);
            table.release(next);
            freeBlocks--;
            next = after;
            end = afterStart;
        }
        if (mergeBefore) {
            // the free predecessor keeps its record and grows
            long beforeStart = table.start(before);
            table.linkPhysical(before, next);
            table.release(block);
            relist(before, classes.listOf(start - beforeStart), end - beforeStart);
        } else {
            lists.push(block, end - start);
            freeBlocks++;
        }
        finishFree();
    }

    /** The end of every free: an allocator of several regions left empty refiles them in the order added. */
    private void finishFree() {
        if (liveBlocks == 0 && usableRegions > 1) {
            refileRegionsInOrderAdded();
        }
    }

    /**
     * With no live block each region is one free block; files them again in the order the regions were added, so
     * that the lists (and so every later answer) are exactly those of a fresh allocator. O(regions).
     */
    private void refileRegionsInOrderAdded() {
        for (int region = 0; region < usableRegions; region++) {
            lists.unlink(table.physNext(addedHeads[region]), addedEnds[region] - addedStarts[region]);
        }
        for (int region = 0; region < usableRegions; region++) {
            lists.push(table.physNext(addedHeads[region]), addedEnds[region] - addedStarts[region]);
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
        checkNotWalking();
        int block = liveBlock(pos, oldSize, oldRounded, align);
        if (newRounded == oldRounded) {
            return true;
        }
        if (!table.ensureRoom(1)) {
            return false;
        }
        settle();
        int next = table.physNext(block);
        boolean nextFree = table.isFree(next);
        if (newRounded < oldRounded) {
            shrink(block, next, nextFree, oldRounded - newRounded);
            return true;
        }
        long needed = newRounded - oldRounded;
        if (!nextFree || table.size(next) < needed) {
            return false;
        }
        grow(block, next, needed);
        return true;
    }

    private void shrink(int block, int next, boolean nextFree, long cut) {
        long tailStart = table.start(next) - cut;
        used -= cut;
        if (nextFree) {
            long nextEnd = table.end(next);
            lists.unlink(next, nextEnd - table.start(next));
            table.setStart(next, tailStart);
            lists.push(next, nextEnd - tailStart);
        } else {
            int tail = table.add(tailStart);
            table.linkPhysical(block, tail);
            table.linkPhysical(tail, next);
            lists.push(tail, cut);
            freeBlocks++;
        }
    }

    private void grow(int block, int next, long needed) {
        long nextStart = table.start(next);
        long nextEnd = table.end(next);
        lists.unlink(next, nextEnd - nextStart);
        used += needed;
        if (nextEnd - nextStart > needed) {
            table.setStart(next, nextStart + needed);
            lists.push(next, nextEnd - nextStart - needed);
        } else {
            table.linkPhysical(block, table.physNext(next));
            table.release(next);
            freeBlocks--;
        }
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

    /** Checks a size and alignment ({@link Layout#check}) and rounds the size to a block size. */
    private long roundedSize(long size, long align) {
        Layout.check(size, align);
        if (size > Long.MAX_VALUE - granularityMask) {
            throw AllocException.invalidParam("size " + size + " rounded up to the granularity " + granularity
                    + " overflows a long");
        }
        return Math.max(granularity, (size + granularityMask) & ~granularityMask); // size 0 gets a granule too
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
        settle();
        return new AllocatorStats(total, used, total - used, liveBlocks, freeBlocks, largestFreeBlock());
    }

    private long largestFreeBlock() {
        settle();
        int list = lists.highestNonEmpty();
        long largest = 0;
        if (list >= 0) {
            for (int block = lists.head(list); block != NIL; block = lists.next(block)) {
                largest = Math.max(largest, table.size(block));
            }
        }
        return largest;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks each region's physical chain of blocks: O(blocks). Reports the granularity-trimmed part of each
     * region; free blocks are always maximal within their region. A call from {@code visitor} that would change
     * the allocator throws {@link ConcurrentModificationException} and changes nothing.
     *
     * @throws NullPointerException if {@code visitor} is null
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        settle();
        walks++;
        try {
            for (int region = 0; region < regions.count(); region++) {
                if (headByAddress[region] == NIL) {
                    continue;
                }
                int block = table.physNext(headByAddress[region]);
                for (int next = table.physNext(block); next != NIL; block = next, next = table.physNext(next)) {
                    long start = table.start(block);
                    visitor.visit(start, table.start(next) - start, !table.isFree(block));
                }
            }
        } finally {
            walks--;
        }
    }

    private void checkNotWalking() {
        if (walks != 0) {
            throw new ConcurrentModificationException("the allocator cannot change while forEachBlock walks it");
        }
    }

    /** A region's start rounded up to the granularity; negative if that overflows. */
    private long firstBlockStart(long regionStart) {
        return regionStart + (-regionStart & granularityMask);
    }

    /** A region's end rounded down to the granularity. */
    private long blockEnd(long regionEnd) {
        return regionEnd & ~granularityMask;
    }

    /**
     * {@inheritDoc}
     *
     * <p>O(regions + blocks): empties the block table, then files one free block per region, in the order the
     * regions were added (as a fresh allocator has them).
     */
    @Override
    public void reset() {
        checkNotWalking();
        recentBlock = NIL;
        recentFreed = false;
        table.clear();
        lists.clear();
        used = 0;
        liveBlocks = 0;
        freeBlocks = 0;
        for (int region = 0; region < usableRegions; region++) {
            int addressIndex = regions.indexOf(addedStarts[region]);
            addedHeads[region] = fileRegion(addedStarts[region], addedEnds[region], addressIndex);
        }
    }

    /** Number of block records (used and free, sentinels not counted) in the metadata, for tests. */
    int blockRecords() {
        settle();
        return table.count() - 2 * usableRegions;
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
