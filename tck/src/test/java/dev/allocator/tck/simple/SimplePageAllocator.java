package dev.allocator.tck.simple;

import dev.allocator.api.AllocException;
import dev.allocator.api.PageAllocator;

/** First-fit page allocator for the tck's own tests, 4 KiB pages. */
public class SimplePageAllocator extends SimpleAllocatorBase implements PageAllocator {
    private static final long PAGE = 4096;

    public SimplePageAllocator() {
        super(new FirstFit(PAGE));
    }

    @Override
    public long pageSize() {
        return PAGE;
    }

    @Override
    public long allocPages(long numPages, long alignPow2) {
        return core.alloc(usableSize(numPages, alignPow2), Math.max(PAGE, alignPow2));
    }

    @Override
    public long allocPagesAt(long base, long numPages, long alignPow2) {
        usableSize(numPages, alignPow2);
        if (base < 0 || base % PAGE != 0 || base % alignPow2 != 0) {
            throw AllocException.invalidParam("base " + base + " is not aligned to " + Math.max(PAGE, alignPow2));
        }
        return core.allocAt(base, numPages);
    }

    @Override
    public void deallocPages(long pos, long numPages) {
        if (pos < 0 || pos % PAGE != 0 || numPages < 1) {
            throw AllocException.invalidParam("bad run " + pos + " +" + numPages + " pages");
        }
        core.free(pos, numPages);
    }

    @Override
    public long totalPages() {
        return core.total();
    }

    @Override
    public long usedPages() {
        return core.used();
    }

    @Override
    public long availablePages() {
        return core.available();
    }

    @Override
    public long usableSize(long numPages, long alignPow2) {
        FirstFit.checkRequest(numPages, alignPow2, 1);
        if (numPages > Long.MAX_VALUE / PAGE) {
            throw AllocException.invalidParam(numPages + " pages overflow");
        }
        return numPages;
    }

    @Override
    public boolean tryResize(long pos, long oldPages, long newPages) {
        if (newPages < 1) {
            throw AllocException.invalidParam("new page count " + newPages);
        }
        return core.tryResize(pos, oldPages, newPages);
    }
}
