package dev.allocator.api;

/** {@link Allocators#synchronizedIdAllocator(IdAllocator)}: every method under {@code this} monitor. */
final class SynchronizedIdAllocator extends SynchronizedBaseAllocator<IdAllocator> implements IdAllocator {
    SynchronizedIdAllocator(IdAllocator delegate) {
        super(delegate);
    }

    @Override
    public synchronized long allocId(long count, long alignPow2) {
        return delegate.allocId(count, alignPow2);
    }

    @Override
    public synchronized void deallocId(long startId, long count) {
        delegate.deallocId(startId, count);
    }

    @Override
    public synchronized boolean isAllocated(long id) {
        return delegate.isAllocated(id);
    }

    @Override
    public synchronized void allocFixedId(long id) {
        delegate.allocFixedId(id);
    }

    @Override
    public synchronized long size() {
        return delegate.size();
    }

    @Override
    public synchronized long used() {
        return delegate.used();
    }

    @Override
    public synchronized long available() {
        return delegate.available();
    }

    @Override
    public synchronized long usableSize(long count, long alignPow2) {
        return delegate.usableSize(count, alignPow2);
    }

    @Override
    public synchronized boolean tryResize(long startId, long oldCount, long newCount) {
        return delegate.tryResize(startId, oldCount, newCount);
    }
}
