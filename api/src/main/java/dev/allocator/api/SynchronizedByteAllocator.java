package dev.allocator.api;

/** {@link Allocators#synchronizedByteAllocator(ByteAllocator)}: every method under {@code this} monitor. */
final class SynchronizedByteAllocator extends SynchronizedBaseAllocator<ByteAllocator> implements ByteAllocator {
    SynchronizedByteAllocator(ByteAllocator delegate) {
        super(delegate);
    }

    @Override
    public synchronized long alloc(long size, long align) {
        return delegate.alloc(size, align);
    }

    @Override
    public synchronized long tryAlloc(long size, long align) {
        return delegate.tryAlloc(size, align);
    }

    @Override
    public synchronized void dealloc(long pos, long size, long align) {
        delegate.dealloc(pos, size, align);
    }

    @Override
    public synchronized long alloc(Layout layout) {
        return delegate.alloc(layout);
    }

    @Override
    public synchronized void dealloc(long pos, Layout layout) {
        delegate.dealloc(pos, layout);
    }

    @Override
    public synchronized long totalBytes() {
        return delegate.totalBytes();
    }

    @Override
    public synchronized long usedBytes() {
        return delegate.usedBytes();
    }

    @Override
    public synchronized long availableBytes() {
        return delegate.availableBytes();
    }

    @Override
    public synchronized long usableSize(long size, long align) {
        return delegate.usableSize(size, align);
    }

    @Override
    public synchronized boolean tryResize(long pos, long oldSize, long newSize, long align) {
        return delegate.tryResize(pos, oldSize, newSize, align);
    }
}
