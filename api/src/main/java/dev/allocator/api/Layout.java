package dev.allocator.api;

/**
 * The size and alignment of a block, checked once: {@code size >= 0}, {@code align} a power of two, and
 * {@code size} rounded up to {@code align} fits in a {@code long}. Rust's {@code core::alloc::Layout}.
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
        if (size < 0) {
            throw AllocException.invalidParam("size " + size + " is negative");
        }
        Alignment.requirePowerOfTwo(align);
        if (size > Long.MAX_VALUE - (align - 1)) {
            throw AllocException.invalidParam(
                    "size " + size + " with alignment " + align + " overflows a long");
        }
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
