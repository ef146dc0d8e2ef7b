package dev.allocator.tck;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;

/** {@link Subject} over a {@link ByteAllocator}. */
final class ByteSubject implements Subject {
    private final ByteAllocator allocator;

    ByteSubject(ByteAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.BYTE;
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
        return allocator.alloc(size, align);
    }

    @Override
    public long tryAlloc(long size, long align) {
        return allocator.tryAlloc(size, align);
    }

    @Override
    public long allocAt(long base, long size, long align) {
        throw new UnsupportedOperationException("byte allocators have no allocAt");
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        allocator.dealloc(pos, size, align);
    }

    @Override
    public long usableSize(long size, long align) {
        return allocator.usableSize(size, align);
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        return allocator.tryResize(pos, oldSize, newSize, align);
    }

    @Override
    public long total() {
        return allocator.totalBytes();
    }

    @Override
    public long used() {
        return allocator.usedBytes();
    }

    @Override
    public long available() {
        return allocator.availableBytes();
    }

    @Override
    public String renderAlloc(long size, long align) {
        return "a.alloc(" + Op.lit(size) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String renderTryAlloc(long size, long align) {
        return "a.tryAlloc(" + Op.lit(size) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String renderAllocAt(String base, long size, long align) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String renderDealloc(String pos, long size, long align) {
        return "a.dealloc(" + pos + ", " + Op.lit(size) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String renderResize(String pos, long oldSize, long newSize, long align) {
        return "a.tryResize(" + pos + ", " + Op.lit(oldSize) + ", " + Op.lit(newSize) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String typeName() {
        return "ByteAllocator";
    }
}
