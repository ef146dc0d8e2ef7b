package dev.allocator.cli.testprovider;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.PageAllocator;

/** A first-fit page allocator for tests, over page numbers ({@code address / pageSize}). */
public final class FirstFitPageAllocator implements PageAllocator {
    private final FirstFitSpace space = new FirstFitSpace();
    private final long pageSize;
    private final int pageShift;

    FirstFitPageAllocator(long pageSize) {
        this.pageSize = pageSize;
        this.pageShift = Long.numberOfTrailingZeros(pageSize);
    }

    @Override
    public void init(long start, long size) {
        checkRange(start, size);
        space.add(start >> pageShift, size >> pageShift, true);
    }

    @Override
    public void addMemory(long start, long size) {
        checkRange(start, size);
        space.add(start >> pageShift, size >> pageShift, false);
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public long allocPages(long numPages, long alignPow2) {
        long pages = usableSize(numPages, alignPow2);
        long page = space.alloc(pages, Math.max(1, alignPow2 >> pageShift));
        if (page < 0) {
            throw AllocException.noMemory("no memory for " + numPages + " pages aligned to " + alignPow2);
        }
        return page << pageShift;
    }

    @Override
    public long allocPagesAt(long base, long numPages, long alignPow2) {
        long pages = usableSize(numPages, alignPow2);
        checkAligned(base);
        if ((base & (alignPow2 - 1)) != 0) {
            throw AllocException.invalidParam("base " + base + " is not aligned to " + alignPow2);
        }
        if (!space.allocAt(base >> pageShift, pages)) {
            throw AllocException.noMemory("pages " + base + "+" + numPages + " are taken");
        }
        return base;
    }

    @Override
    public void deallocPages(long pos, long numPages) {
        checkAligned(pos);
        space.free(pos >> pageShift, numPages);
    }

    @Override
    public long totalPages() {
        return space.total();
    }

    @Override
    public long usedPages() {
        return space.used();
    }

    @Override
    public long availablePages() {
        return space.total() - space.used();
    }

    @Override
    public long usableSize(long numPages, long alignPow2) {
        if (numPages < 1 || alignPow2 <= 0 || (alignPow2 & (alignPow2 - 1)) != 0
                || numPages > (Long.MAX_VALUE >> pageShift)) {
            throw AllocException.invalidParam("bad count " + numPages + " or align " + alignPow2);
        }
        return numPages;
    }

    @Override
    public boolean tryResize(long pos, long oldPages, long newPages) {
        checkAligned(pos);
        if (!space.isLive(pos >> pageShift, oldPages)) {
            throw AllocException.notAllocated("no live run of " + oldPages + " pages at " + pos);
        }
        if (newPages < 1) {
            throw AllocException.invalidParam("bad count " + newPages);
        }
        return newPages == oldPages;
    }

    @Override
    public void reset() {
        space.reset();
    }

    @Override
    public AllocatorStats stats() {
        return space.stats();
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        space.forEach(visitor, pageShift);
    }

    private void checkRange(long start, long size) {
        checkAligned(start);
        if (size < 0 || start > Long.MAX_VALUE - size) {
            throw AllocException.invalidParam("bad region " + start + "+" + size);
        }
    }

    private void checkAligned(long address) {
        if ((address & (pageSize - 1)) != 0) {
            throw AllocException.invalidParam("address " + address + " is not page aligned");
        }
    }
}
