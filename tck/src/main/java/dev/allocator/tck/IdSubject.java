package dev.allocator.tck;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.spi.AllocatorKind;

/** {@link Subject} over an {@link IdAllocator}: sizes are counts of IDs, addresses are IDs. */
final class IdSubject implements Subject {
    private final IdAllocator allocator;

    IdSubject(IdAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.ID;
    }

    @Override
    public BaseAllocator allocator() {
        return allocator;
    }

    @Override
    public long unit() {
        return 1;
    }

    @Override
    public long alloc(long size, long align) {
        return allocator.allocId(size, align);
    }

    @Override
    public long tryAlloc(long size, long align) {
        return alloc(size, align);
    }

    /** {@code allocFixedId(base)}; size and align are ignored (always one ID). */
    @Override
    public long allocAt(long base, long size, long align) {
        allocator.allocFixedId(base);
        return base;
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        allocator.deallocId(pos, size);
    }

    @Override
    public long usableSize(long size, long align) {
        return allocator.usableSize(size, align);
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        return allocator.tryResize(pos, oldSize, newSize);
    }

    @Override
    public long total() {
        return allocator.size();
    }

    @Override
    public long used() {
        return allocator.used();
    }

    @Override
    public long available() {
        return allocator.available();
    }

    @Override
    public boolean isAllocated(long id) {
        return allocator.isAllocated(id);
    }

    @Override
    public String renderAlloc(long size, long align) {
        return "a.allocId(" + Op.lit(size) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String renderTryAlloc(long size, long align) {
        return renderAlloc(size, align);
    }

    @Override
    public String renderAllocAt(String base, long size, long align) {
        return "a.allocFixedId(" + base + ")";
    }

    @Override
    public String renderDealloc(String pos, long size, long align) {
        return "a.deallocId(" + pos + ", " + Op.lit(size) + ")";
    }

    @Override
    public String renderResize(String pos, long oldSize, long newSize, long align) {
        return "a.tryResize(" + pos + ", " + Op.lit(oldSize) + ", " + Op.lit(newSize) + ")";
    }

    @Override
    public String typeName() {
        return "IdAllocator";
    }
}
