package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.PageAllocator;

/**
 * A reference page allocator: first fit over pages, alignments below the page size meaning the page size. Slow,
 * O(live runs) per call, and obviously correct: a fixture for tests that need a page allocator that is not under
 * test. It passes {@link PageAllocatorContract}. Rules as {@link ReferenceByteAllocator}'s. Not thread safe.
 */
public class ReferencePageAllocator extends ReferenceAllocatorBase implements PageAllocator {
    /** The page size of {@link #ReferencePageAllocator()}. */
    public static final long DEFAULT_PAGE_SIZE = 4096;

    private final long pageSize;

    /** Creates an uninitialised allocator of 4 KiB pages. */
    public ReferencePageAllocator() {
        this(DEFAULT_PAGE_SIZE);
    }

    /**
     * Creates an uninitialised allocator.
     *
     * @param pageSize bytes per page, a power of two
     * @throws AllocException INVALID_PARAM if {@code pageSize} is not a power of two
     */
    public ReferencePageAllocator(long pageSize) {
        super(new FirstFit(checkPageSize(pageSize)));
        this.pageSize = pageSize;
    }

    private static long checkPageSize(long pageSize) {
        if (pageSize <= 0 || (pageSize & (pageSize - 1)) != 0) {
            throw AllocException.invalidParam("page size " + pageSize + " is not a power of two");
        }
        return pageSize;
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public long allocPages(long numPages, long alignPow2) {
        return core().alloc(usableSize(numPages, alignPow2), Math.max(pageSize, alignPow2));
    }

    @Override
    public long allocPagesAt(long base, long numPages, long alignPow2) {
        usableSize(numPages, alignPow2);
        if (base < 0 || base % pageSize != 0 || base % alignPow2 != 0) {
            throw AllocException.invalidParam("base " + base + " is not aligned to " + Math.max(pageSize, alignPow2));
        }
        return core().allocAt(base, numPages);
    }

    @Override
    public void deallocPages(long pos, long numPages) {
        if (pos < 0 || pos % pageSize != 0 || numPages < 1) {
            throw AllocException.invalidParam("bad run " + pos + " +" + numPages + " pages");
        }
        core().free(pos, numPages);
    }

    @Override
    public long totalPages() {
        return core().total();
    }

    @Override
    public long usedPages() {
        return core().used();
    }

    @Override
    public long availablePages() {
        return core().available();
    }

    @Override
    public long usableSize(long numPages, long alignPow2) {
        FirstFit.checkRequest(numPages, alignPow2, 1);
        if (numPages > Long.MAX_VALUE / pageSize) {
            throw AllocException.invalidParam(numPages + " pages of " + pageSize + " bytes overflow a long");
        }
        return numPages;
    }

    @Override
    public boolean tryResize(long pos, long oldPages, long newPages) {
        if (newPages < 1) {
            throw AllocException.invalidParam("new page count " + newPages);
        }
        return core().tryResize(pos, oldPages, newPages);
    }

    @Override
    public String toString() {
        return "ReferencePageAllocator[" + core().used() + " of " + core().total() + " pages of " + pageSize
                + " bytes used]";
    }
}
