package dev.allocator.bitmap;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.Regions;
import java.util.ConcurrentModificationException;
import java.util.Objects;

/**
 * A page allocator on a bitmap with a summary tree: one bit per page, runs of free pages found in O(log pages)
 * (the original's {@code BitmapPageAllocator}, without its compile-time capacity), plus one bit per page marking
 * where each allocation starts, so frees are checked exactly.
 *
 * <p>Behaviour:
 * <ul>
 *   <li>Regions are given in bytes; a region's start must be a multiple of the page size (else INVALID_PARAM)
 *       and it manages the whole pages inside it (a partial last page is ignored). Any number of disjoint regions
 *       anywhere in {@code [0, Long.MAX_VALUE]} may be added ({@link #addMemory} before {@link #init} acts as
 *       {@code init}); metadata is about 4.6 bits per page of the regions (used bits, start bits, the summary
 *       tree and the word indexes), nothing for the gaps between them. One region holds at most {@value Integer#MAX_VALUE} pages
 *       (8 TiB of 4 KiB pages).</li>
 *   <li>{@link #allocPages} returns the lowest run of free pages, within one region, whose address is a multiple
 *       of the alignment (any power of two; one below the page size counts as the page size). A request takes
 *       exactly its pages: {@link #usableSize} is the page count.</li>
 *   <li>{@link #deallocPages} and {@link #tryResize} take exactly one live allocation (its address and its
 *       current page count); anything else (a free page, a double free, part of a run, two runs at once, a run
 *       outside the regions) is NOT_ALLOCATED and nothing changes. The original frees whatever it is given, and
 *       ignores a free page.</li>
 *   <li>{@link #forEachBlock} reports each live allocation and each maximal free run;
 *       {@link AllocatorStats#liveBlocks()} is the number of live allocations.</li>
 *   <li>Before {@link #init}, allocations are NO_MEMORY; {@code init} twice is MEMORY_OVERLAP.</li>
 * </ul>
 *
 * <p>Costs, with no objects created: one page (alignment up to the page size) is allocated and freed in O(log64
 * pages), through indexes of the bitmap's words, the summary tree catching up at the next run request. A run costs
 * O(pages/64) for its bits plus, per region tried, O(log pages) to find it when it is unaligned or no longer than
 * its alignment (up to 2048 pages); a run longer than its alignment tries the lowest free run long enough in
 * O(log pages), then, if that one is badly placed, walks only the parts of the tree that may hold an aligned fit.
 * {@link #stats()} and {@link #forEachBlock} cost O(runs * log64 pages); {@link #reset()} the cheaper of O(used
 * runs * log pages) and O(pages / 64). Not thread safe.
 */
public final class BitmapPageAllocator implements PageAllocator {
    /** The page size used when none is given: 4096 bytes. */
    public static final long DEFAULT_PAGE_SIZE = 4096;

    private final long pageSize;
    private final int pageShift;
    private final long capacityPages;
    private final Regions byteRegions = new Regions();
    private final BitmapRegions pages = new BitmapRegions();
    private boolean initialised;

    /** Creates an allocator of 4096-byte pages with no capacity limit. */
    public BitmapPageAllocator() {
        this(DEFAULT_PAGE_SIZE);
    }

    /**
     * Creates an allocator with no capacity limit.
     *
     * @param pageSize bytes per page, a power of two
     * @throws AllocException INVALID_PARAM if it is not
     */
    public BitmapPageAllocator(long pageSize) {
        this(pageSize, 0);
    }

    /**
     * Creates an allocator.
     *
     * @param pageSize      bytes per page, a power of two
     * @param capacityBytes the most bytes of pages all regions together may hold (rounded down to whole pages);
     *                      0 for no limit
     * @throws AllocException INVALID_PARAM if the page size is not a power of two or the capacity is negative
     */
    public BitmapPageAllocator(long pageSize, long capacityBytes) {
        if (!Alignment.isPowerOfTwo(pageSize)) {
            throw AllocException.invalidParam("page size " + pageSize + " is not a power of two");
        }
        if (capacityBytes < 0) {
            throw AllocException.invalidParam("capacity " + capacityBytes + " is negative");
        }
        this.pageSize = pageSize;
        this.pageShift = Long.numberOfTrailingZeros(pageSize);
        this.capacityPages = capacityBytes == 0 ? Long.MAX_VALUE : capacityBytes >>> pageShift;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Manages the whole pages inside {@code [start, start + size)}.
     *
     * @throws AllocException MEMORY_OVERLAP if already initialised; INVALID_PARAM for a bad range, a start that is
     *                        not a multiple of the page size, a region of
     *                        more than {@value Integer#MAX_VALUE} pages, or one that would exceed the capacity
     */
    @Override
    public void init(long start, long size) {
        if (initialised) {
            throw AllocException.memoryOverlap("already initialised; init(" + start + ", " + size
                    + ") again is rejected, use addMemory for more regions");
        }
        addRegion(start, size);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Supported (the original refuses it): the new region's pages are searched after those of lower
     * regions. Called before {@link #init}, it acts as {@code init}.
     *
     * @throws AllocException INVALID_PARAM for a bad range, an unaligned start, a region of more than
     *                        {@value Integer#MAX_VALUE} pages, or one that would exceed the capacity; MEMORY_OVERLAP
     *                        if it overlaps a region
     */
    @Override
    public void addMemory(long start, long size) {
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        byteRegions.checkAddable(start, size);
        if ((start & (pageSize - 1)) != 0) {
            throw AllocException.invalidParam("region start " + start + " is not a multiple of the page size "
                    + pageSize);
        }
        long firstPage = start >>> pageShift;
        long pageCount = size >>> pageShift;
        pages.checkAddable(firstPage, pageCount);
        if (pageCount > capacityPages - pages.total()) {
            throw AllocException.invalidParam("region [" + start + ", " + (start + size) + ") of " + pageCount
                    + " pages would bring the total to " + (pages.total() + pageCount) + " pages, over the capacity of "
                    + capacityPages + " pages");
        }
        byteRegions.add(start, size);
        pages.add(firstPage, pageCount);
        initialised = true;
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The lowest fitting run wins: regions in address order, and within a region the lowest aligned start.
     */
    @Override
    public long allocPages(long numPages, long alignPow2) {
        long alignPages = checkRequest(numPages, alignPow2);
        if (!initialised) {
            throw AllocException.noMemory("no memory for " + numPages + " pages: the allocator is not initialised");
        }
        long page = pages.alloc(numPages, alignPages);
        if (page < 0) {
            throw AllocException.noMemory("no memory for " + numPages + " pages aligned to " + alignPow2 + ": "
                    + availablePages() + " pages available, largest free run " + pages.largestFree() + " pages");
        }
        return page << pageShift;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Before {@link #init} this is NO_MEMORY, as every allocation.
     */
    @Override
    public long allocPagesAt(long base, long numPages, long alignPow2) {
        checkRequest(numPages, alignPow2);
        long align = Math.max(alignPow2, pageSize);
        Arguments.requireRunInRange(base, numPages, pageSize, "base address");
        if ((base & (align - 1)) != 0) {
            throw AllocException.invalidParam("base address " + base + " is not aligned to " + align);
        }
        if (!initialised) {
            throw AllocException.noMemory("no memory for " + numPages + " pages at " + base
                    + ": the allocator is not initialised");
        }
        int outcome = pages.allocAt(base >>> pageShift, numPages);
        if (outcome == BitmapRegions.OUTSIDE) {
            throw AllocException.invalidParam("the run of " + numPages + " pages at " + base
                    + " does not lie inside one region");
        }
        if (outcome == BitmapRegions.BUSY) {
            throw AllocException.noMemory("no memory for " + numPages + " pages at " + base + ": the page at "
                    + (pages.firstUsed(base >>> pageShift, numPages) << pageShift) + " is allocated");
        }
        return base;
    }

    /** Checks a count and an alignment; returns the alignment in pages. */
    private long checkRequest(long numPages, long alignPow2) {
        Arguments.requireCount(numPages, "page count");
        Arguments.requireAlign(alignPow2);
        Arguments.requireRunInRange(0, numPages, pageSize, "address");
        return Math.max(alignPow2, pageSize) >>> pageShift;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The run must be exactly one live allocation: its address and its page count.
     */
    @Override
    public void deallocPages(long pos, long numPages) {
        checkRun(pos, numPages);
        if (!pages.free(pos >>> pageShift, numPages)) {
            throw notAllocated(pos, numPages);
        }
    }

    private void checkRun(long pos, long numPages) {
        Arguments.requireCount(numPages, "page count");
        Arguments.requireRunInRange(pos, numPages, pageSize, "address");
        if ((pos & (pageSize - 1)) != 0) {
            throw AllocException.invalidParam("address " + pos + " is not aligned to the page size " + pageSize);
        }
    }

    private AllocException notAllocated(long pos, long numPages) {
        return AllocException.notAllocated("the run of " + numPages + " pages at " + pos
                + " is not a live allocation (a free page, another count, or outside the regions)");
    }

    @Override
    public long totalPages() {
        return pages.total();
    }

    @Override
    public long usedPages() {
        return pages.used();
    }

    @Override
    public long availablePages() {
        return pages.total() - pages.used();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A bitmap takes exactly the pages asked for, so this is {@code numPages}.
     */
    @Override
    public long usableSize(long numPages, long alignPow2) {
        checkRequest(numPages, alignPow2);
        return numPages;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Shrinking frees the tail pages; growing takes the free pages right after the run, within its region.
     */
    @Override
    public boolean tryResize(long pos, long oldPages, long newPages) {
        checkRun(pos, oldPages);
        Arguments.requireCount(newPages, "new page count");
        long page = pos >>> pageShift;
        if (!pages.isAllocation(page, oldPages)) {
            throw notAllocated(pos, oldPages);
        }
        return pages.resize(page, oldPages, newPages);
    }

    @Override
    public void reset() {
        pages.reset();
    }

    /**
     * {@inheritDoc}
     *
     * <p>In pages; {@code liveBlocks} as described in the class comment.
     */
    @Override
    public AllocatorStats stats() {
        return pages.stats();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reports each live allocation and each maximal free run, as (address, pages, used). The visitor must not
     * change this allocator.
     *
     * @throws NullPointerException            if {@code visitor} is null
     * @throws ConcurrentModificationException if the visitor allocated, freed, resized, reset or added memory
     *                                         (detected when that visit returns; the walk stops there, the change
     *                                         stays)
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        pages.forEachRun((firstPage, count, used) -> visitor.visit(firstPage << pageShift, count, used));
    }

    /**
     * Returns the bytes of metadata the allocator holds for its regions (bitmap words and summary tree), array
     * headers and region bookkeeping not counted.
     *
     * @return bytes
     */
    public long metadataBytes() {
        return pages.metadataBytes();
    }

    @Override
    public String toString() {
        return "BitmapPageAllocator[pageSize=" + pageSize + ", totalPages=" + totalPages() + ", usedPages="
                + usedPages() + "]";
    }
}
