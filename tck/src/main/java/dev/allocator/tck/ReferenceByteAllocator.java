package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;

/**
 * A reference byte allocator: first fit (the lowest address where the block fits, regions in address order), every
 * block rounded up to a multiple of 8 bytes (size 0 takes 8). Slow, O(live blocks) per call, and obviously correct:
 * a fixture for tests that need a byte allocator that is not under test, such as the tck's own tests, a tool's
 * golden outputs, or a provider's comparison runs. It passes {@link ByteAllocatorContract} and takes any region
 * ({@code init(0, Long.MAX_VALUE)} costs what a small one does).
 *
 * <p>{@code init} after any region was added (by {@code init} or {@code addMemory}) is MEMORY_OVERLAP; a visitor
 * that changes the allocator ends the walk with {@link java.util.ConcurrentModificationException} once it returns.
 * Not thread safe. Not final only for the tck's own deliberately broken variants.
 */
public class ReferenceByteAllocator extends ReferenceAllocatorBase implements ByteAllocator {
    /** Creates an uninitialised allocator. */
    public ReferenceByteAllocator() {
        this(new FirstFit(1));
    }

    /** For variants with another core. */
    ReferenceByteAllocator(FirstFit core) {
        super(core);
    }

    @Override
    public long alloc(long size, long align) {
        return core().alloc(usableSize(size, align), align);
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        core().free(pos, usableSize(size, align));
    }

    @Override
    public long totalBytes() {
        return core().total();
    }

    @Override
    public long usedBytes() {
        return core().used();
    }

    @Override
    public long availableBytes() {
        return core().available();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code size} rounded up to a multiple of 8, at least 8
     */
    @Override
    public long usableSize(long size, long align) {
        FirstFit.checkRequest(size, align, 0);
        if (size > Long.MAX_VALUE - align || size > Long.MAX_VALUE - 8) {
            throw AllocException.invalidParam("size " + size + " with alignment " + align + " overflows a long");
        }
        return Math.max(8, (size + 7) & -8L);
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        return core().tryResize(pos, usableSize(oldSize, align), usableSize(newSize, align));
    }

    @Override
    public String toString() {
        return "ReferenceByteAllocator[" + core().used() + " of " + core().total() + " bytes used]";
    }
}
