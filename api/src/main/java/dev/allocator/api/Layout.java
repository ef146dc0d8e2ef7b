package dev.allocator.api;

/**
 * The size and alignment of a block, checked once: {@code size >= 0}, {@code align} a power of two, and
 * {@code size + align} fits in a {@code long} (so the size rounded up to the alignment does too). Rust's
 * {@code core::alloc::Layout}, with the overflow rule of the error table in ARCHITECTURE.md.
 *
 * <p>{@link #check(long, long)} is that rule for callers that do not want an object: every byte allocator of
 * this project validates {@code alloc}, {@code dealloc}, {@code usableSize} and {@code tryResize} with it, so all
 * reject the same requests with the same messages.
 *
 * @param size  size in bytes, zero or more
 * @param align alignment in bytes, a power of two
 */
public record Layout(long size, long align) {
    /**
     * Validates the components.
     *
     * @param size  size in bytes, zero or more
     * @param align alignment in bytes, a power of two
     * @throws AllocException INVALID_PARAM naming the bad value
     */
    public Layout {
        check(size, align);
    }

    /**
     * Checks a size and an alignment as the constructor does, without creating a layout. Allocation-free.
     *
     * @param size  size in bytes
     * @param align alignment in bytes
     * @throws AllocException INVALID_PARAM naming the bad value: a negative size, an alignment that is not a power
     *                        of two, or {@code size + align} past {@link Long#MAX_VALUE}
     */
    public static void check(long size, long align) {
        if (size < 0 || align <= 0 || (align & (align - 1)) != 0 || size > Long.MAX_VALUE - align) {
            throw invalid(size, align);
        }
    }

    private static AllocException invalid(long size, long align) {
        if (size < 0) {
            return AllocException.invalidParam("size " + size + " is negative");
        }
        if (!Alignment.isPowerOfTwo(align)) {
            return AllocException.invalidParam("alignment " + align + " is not a power of two");
        }
        return AllocException.invalidParam("size " + size + " with alignment " + align + " overflows a long");
    }

    /**
     * Returns a validated layout.
     *
     * @param size  size in bytes, zero or more
     * @param align alignment in bytes, a power of two
     * @return the layout
     * @throws AllocException INVALID_PARAM naming the bad value
     */
    public static Layout of(long size, long align) {
        return new Layout(size, align);
    }
}
