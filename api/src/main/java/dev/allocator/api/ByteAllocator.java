package dev.allocator.api;

/**
 * Hands out blocks of bytes of any size and power-of-two alignment. The original's {@code ByteAllocator}.
 *
 * <p>{@link #alloc(long, long)} and {@link #dealloc(long, long, long)} are the hot path: implementations
 * allocate nothing on the Java heap there in steady state. A request of size 0 gets a block of the minimum
 * size, with an address of its own (as {@code malloc(0)}).
 */
public interface ByteAllocator extends BaseAllocator {
    /** What {@link #tryAlloc(long, long)} returns when no block fits: never a valid address. */
    long NO_BLOCK = -1L;

    /**
     * Allocates a block.
     *
     * @param size  bytes wanted, {@code >= 0}
     * @param align alignment of the returned address, a power of two
     * @return the block's address, a multiple of {@code align}
     * @throws AllocException INVALID_PARAM for a bad size or alignment; NO_MEMORY if no free block fits
     */
    long alloc(long size, long align);

    /**
     * Allocates a block, or returns {@link #NO_BLOCK} where {@link #alloc(long, long)} would throw NO_MEMORY.
     * For callers that expect exhaustion and want no exception cost (trace replay, caches that evict on failure).
     *
     * @param size  bytes wanted, {@code >= 0}
     * @param align alignment of the returned address, a power of two
     * @return the block's address, or {@link #NO_BLOCK}
     * @throws AllocException INVALID_PARAM for a bad size or alignment
     */
    default long tryAlloc(long size, long align) {
        try {
            return alloc(size, align);
        } catch (AllocException e) {
            if (e.error() == AllocError.NO_MEMORY) {
                return NO_BLOCK;
            }
            throw e;
        }
    }

    /**
     * Frees a block.
     *
     * @param pos   the address {@link #alloc(long, long)} returned
     * @param size  the size it was allocated (or last resized) with
     * @param align the alignment it was allocated with
     * @throws AllocException NOT_ALLOCATED if {@code pos} is not a live block or the size does not match it;
     *                        INVALID_PARAM for a bad size or alignment
     */
    void dealloc(long pos, long size, long align);

    /**
     * Allocates a block of the given layout.
     *
     * @param layout size and alignment
     * @return the block's address
     * @throws AllocException       NO_MEMORY if no free block fits
     * @throws NullPointerException if {@code layout} is null
     */
    default long alloc(Layout layout) {
        return alloc(java.util.Objects.requireNonNull(layout, "layout").size(), layout.align());
    }

    /**
     * Frees a block allocated with the given layout.
     *
     * @param pos    the block's address
     * @param layout the layout it was allocated with
     * @throws AllocException       NOT_ALLOCATED if {@code pos} is not a live block of that layout
     * @throws NullPointerException if {@code layout} is null
     */
    default void dealloc(long pos, Layout layout) {
        dealloc(pos, java.util.Objects.requireNonNull(layout, "layout").size(), layout.align());
    }

    /**
     * Returns the bytes under management.
     *
     * @return the sum of all regions' usable bytes
     */
    long totalBytes();

    /**
     * Returns the bytes reserved by live blocks, rounding included.
     *
     * @return used bytes, O(1)
     */
    long usedBytes();

    /**
     * Returns {@code totalBytes() - usedBytes()}.
     *
     * @return free bytes, O(1); not all of them may be in one block
     */
    long availableBytes();

    /**
     * Tells how many bytes a request really takes: {@link #usedBytes()} grows by exactly this on a successful
     * {@code alloc(size, align)}. Does not allocate.
     *
     * @param size  bytes wanted, {@code >= 0}
     * @param align a power of two
     * @return the rounded size, {@code >= size}
     * @throws AllocException INVALID_PARAM for a bad size or alignment
     */
    long usableSize(long size, long align);

    /**
     * Grows or shrinks a live block in place, keeping its address.
     *
     * @param pos     the block's address
     * @param oldSize the size it was allocated (or last resized) with
     * @param newSize the size wanted, {@code >= 0}
     * @param align   the alignment it was allocated with
     * @return true if the block now has {@code newSize}; false if it cannot be resized in place, in which case
     *         nothing changed
     * @throws AllocException NOT_ALLOCATED if {@code pos}/{@code oldSize} is not a live block; INVALID_PARAM for
     *                        bad sizes or alignment
     */
    boolean tryResize(long pos, long oldSize, long newSize, long align);
}
