package dev.allocator.bench;

import dev.allocator.api.ByteAllocator;
import java.nio.ByteBuffer;

/**
 * One of our byte allocators handing out {@link ByteBuffer} slices of one direct buffer, the way a user would wrap
 * it to get something comparable to Netty's {@code ByteBuf}: the allocator manages the offsets {@code [0, capacity)}
 * and each allocation creates a slice object. The difference between this and {@link OurSubject} is the cost of
 * handing out an object per block. Not thread safe.
 */
public final class ByteBufferSlices {
    private final ByteAllocator allocator;
    private final ByteBuffer pool;
    private final long poolAddress;

    /**
     * Allocates a direct buffer of {@code capacity} bytes and hands its offsets to {@code allocator}.
     *
     * @param allocator an allocator not yet initialised
     * @param capacity  pool size in bytes
     */
    public ByteBufferSlices(ByteAllocator allocator, int capacity) {
        this.allocator = allocator;
        this.pool = ByteBuffer.allocateDirect(capacity);
        this.poolAddress = UnsafeAccess.address(pool);
        allocator.init(0, capacity);
    }

    /**
     * A slice of {@code size} bytes whose offset in the pool is aligned to {@code align}.
     *
     * @return the slice, or null when the pool has no room for it
     */
    public ByteBuffer allocate(int size, int align) {
        long offset = allocator.tryAlloc(size, align);
        if (offset == ByteAllocator.NO_BLOCK) {
            return null;
        }
        return pool.slice((int) offset, size);
    }

    /** Returns a slice from {@link #allocate} with the alignment it was allocated with. */
    public void free(ByteBuffer slice, int align) {
        allocator.dealloc(UnsafeAccess.address(slice) - poolAddress, slice.capacity(), align);
    }

    /** Frees every slice at once (slices handed out must no longer be used). */
    public void reset() {
        allocator.reset();
    }
}
