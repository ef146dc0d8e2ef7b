package dev.allocator.tck.simple;

import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;

/** First-fit byte allocator for the tck's own tests: every block rounded up to a multiple of 8 bytes (0 -> 8). */
public class SimpleByteAllocator extends SimpleAllocatorBase implements ByteAllocator {
    public SimpleByteAllocator() {
        this(new FirstFit(1));
    }

    /** For variants with another core. */
    protected SimpleByteAllocator(FirstFit core) {
        super(core);
    }

    @Override
    public long alloc(long size, long align) {
        return core.alloc(usableSize(size, align), align);
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        core.free(pos, usableSize(size, align));
    }

    @Override
    public long totalBytes() {
        return core.total();
    }

    @Override
    public long usedBytes() {
        return core.used();
    }

    @Override
    public long availableBytes() {
        return core.available();
    }

    @Override
    public long usableSize(long size, long align) {
        FirstFit.checkRequest(size, align, 0);
        if (size > Long.MAX_VALUE - align || size > Long.MAX_VALUE - 8) {
            throw AllocException.invalidParam("size " + size + " with alignment " + align + " overflows");
        }
        return Math.max(8, (size + 7) & -8L);
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        return core.tryResize(pos, usableSize(oldSize, align), usableSize(newSize, align));
    }
}
