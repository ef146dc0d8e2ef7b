package dev.allocator.api;

/**
 * Forwards the {@link BaseAllocator} methods under {@code this} monitor; the three synchronized views extend it.
 *
 * @param <A> the kind of allocator guarded
 */
abstract class SynchronizedBaseAllocator<A extends BaseAllocator> implements BaseAllocator {
    /** The guarded allocator; touched only while holding {@code this}. */
    final A delegate;

    SynchronizedBaseAllocator(A delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void init(long start, long size) {
        delegate.init(start, size);
    }

    @Override
    public synchronized void addMemory(long start, long size) {
        delegate.addMemory(start, size);
    }

    @Override
    public synchronized void reset() {
        delegate.reset();
    }

    @Override
    public synchronized AllocatorStats stats() {
        return delegate.stats();
    }

    @Override
    public synchronized void forEachBlock(BlockVisitor visitor) {
        delegate.forEachBlock(visitor);
    }

    @Override
    public synchronized String toString() {
        return "synchronized " + delegate;
    }
}
