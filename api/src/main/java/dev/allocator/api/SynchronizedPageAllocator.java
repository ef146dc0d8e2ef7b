package dev.allocator.api;

/** {@link Allocators#synchronizedPageAllocator(PageAllocator)}: every method under {@code this} monitor. */
final class SynchronizedPageAllocator extends SynchronizedBaseAllocator<PageAllocator> implements PageAllocator {
    SynchronizedPageAllocator(PageAllocator delegate) {
        super(delegate);
    }

    @Override
    public synchronized long pageSize() {
        return delegate.pageSize();
    }

    @Override
    public synchronized long allocPages(long numPages, long alignPow2) {
        return delegate.allocPages(numPages, alignPow2);
    }

    @Override
    public synchronized long allocPagesAt(long base, long numPages, long alignPow2) {
        return delegate.allocPagesAt(base, numPages, alignPow2);
    }

    @Override
    public synchronized void deallocPages(long pos, long numPages) {
        delegate.deallocPages(pos, numPages);
    }

    @Override
    public synchronized long totalPages() {
        return delegate.totalPages();
    }

    @Override
    public synchronized long usedPages() {
        return delegate.usedPages();
    }

    @Override
    public synchronized long availablePages() {
        return delegate.availablePages();
    }

    @Override
    public synchronized long usableSize(long numPages, long alignPow2) {
        return delegate.usableSize(numPages, alignPow2);
    }

    @Override
    public synchronized boolean tryResize(long pos, long oldPages, long newPages) {
        return delegate.tryResize(pos, oldPages, newPages);
    }
}
