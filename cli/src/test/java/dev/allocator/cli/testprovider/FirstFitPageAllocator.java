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
        checkAligned(start);
        space.add(start >> pageShift, size >> pageShift, true);
    }

    @Override
    public void addMemory(long start, long size) {
        checkAligned(start);
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
        throw AllocException.invalidParam("allocPagesAt is not supported by this test allocator");
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
        if (numPages < 1 || alignPow2 <= 0 || (alignPow2 & (alignPow2 - 1)) != 0) {
            throw AllocException.invalidParam("bad count " + numPages + " or align " + alignPow2);
        }
        return numPages;
    }

    @Override
    public boolean tryResize(long pos, long oldPages, long newPages) {
        return false;
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

    private void checkAligned(long address) {
        if ((address & (pageSize - 1)) != 0) {
            throw AllocException.invalidParam("address " + address + " is not page aligned");
        }
    }
}
