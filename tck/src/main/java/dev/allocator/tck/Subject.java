package dev.allocator.tck;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.spi.AllocatorKind;

/**
 * One view over the three allocator kinds, so that the model, the runner and the shrinker are written once.
 *
 * <p>Sizes are in the allocator's unit (bytes, pages, IDs); addresses are the allocator's addresses. A unit
 * spans {@link #unit()} addresses: 1 for bytes and IDs, the page size for pages. Each method also renders
 * itself as the Java call a developer would write, for shrunk reproductions.
 */
interface Subject {
    /** The kind of allocator behind this view. */
    AllocatorKind kind();

    /** The allocator itself. */
    BaseAllocator allocator();

    /** Addresses spanned by one unit. */
    long unit();

    /** Smallest valid request size: 0 for bytes, 1 for pages and IDs. */
    default long minSize() {
        return kind() == AllocatorKind.BYTE ? 0 : 1;
    }

    default void init(long start, long size) {
        allocator().init(start, size);
    }

    default void addMemory(long start, long size) {
        allocator().addMemory(start, size);
    }

    long alloc(long size, long align);

    /** Byte allocators: {@code tryAlloc}, which returns {@code NO_BLOCK} instead of throwing NO_MEMORY. */
    long tryAlloc(long size, long align);

    /** Page allocators: {@code allocPagesAt}; ID allocators: {@code allocFixedId(base)} (size 1). */
    long allocAt(long base, long size, long align);

    void dealloc(long pos, long size, long align);

    long usableSize(long size, long align);

    boolean tryResize(long pos, long oldSize, long newSize, long align);

    long total();

    long used();

    long available();

    default AllocatorStats stats() {
        return allocator().stats();
    }

    default void forEachBlock(BlockVisitor visitor) {
        allocator().forEachBlock(visitor);
    }

    default void reset() {
        allocator().reset();
    }

    /** ID allocators only: {@code isAllocated}. */
    default boolean isAllocated(long id) {
        throw new UnsupportedOperationException();
    }

    String renderAlloc(long size, long align);

    String renderTryAlloc(long size, long align);

    String renderAllocAt(String base, long size, long align);

    String renderDealloc(String pos, long size, long align);

    String renderResize(String pos, long oldSize, long newSize, long align);

    /** The declared type of the allocator variable in rendered code. */
    String typeName();
}
