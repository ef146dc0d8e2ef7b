package dev.allocator.tck;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;

/** {@link Subject} over a {@link PageAllocator}: sizes in pages, addresses and alignments in bytes. */
final class PageSubject implements Subject {
    private final PageAllocator allocator;
    private final long pageSize;

    PageSubject(PageAllocator allocator) {
        this.allocator = allocator;
        this.pageSize = allocator.pageSize();
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.PAGE;
    }

    @Override
    public BaseAllocator allocator() {
        return allocator;
    }

    @Override
    public long unit() {
        return pageSize;
    }

    @Override
    public long alloc(long size, long align) {
        return allocator.allocPages(size, align);
    }

    @Override
    public long tryAlloc(long size, long align) {
        return alloc(size, align);
    }

    @Override
    public long allocAt(long base, long size, long align) {
        return allocator.allocPagesAt(base, size, align);
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        allocator.deallocPages(pos, size);
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
        return allocator.totalPages();
    }

    @Override
    public long used() {
        return allocator.usedPages();
    }

    @Override
    public long available() {
        return allocator.availablePages();
    }

    @Override
    public String renderAlloc(long size, long align) {
        return "a.allocPages(" + Op.lit(size) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String renderTryAlloc(long size, long align) {
        return renderAlloc(size, align);
    }

    @Override
    public String renderAllocAt(String base, long size, long align) {
        return "a.allocPagesAt(" + base + ", " + Op.lit(size) + ", " + Op.lit(align) + ")";
    }

    @Override
    public String renderDealloc(String pos, long size, long align) {
        return "a.deallocPages(" + pos + ", " + Op.lit(size) + ")";
    }

    @Override
    public String renderResize(String pos, long oldSize, long newSize, long align) {
        return "a.tryResize(" + pos + ", " + Op.lit(oldSize) + ", " + Op.lit(newSize) + ")";
    }

    @Override
    public String typeName() {
        return "PageAllocator";
    }
}
