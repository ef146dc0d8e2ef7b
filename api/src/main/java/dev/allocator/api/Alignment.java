package dev.allocator.api;

/**
 * Alignment arithmetic on {@code long} addresses, safe against overflow.
 *
 * <p>Every alignment must be a power of two (1, 2, 4, ...); anything else is
 * {@link AllocError#INVALID_PARAM}. Results that would not fit in a {@code long} are
 * {@link AllocError#INVALID_PARAM} too, never a silent wrap-around.
 */
public final class Alignment {
    private Alignment() {
    }

    /**
     * Tells whether {@code value} is a power of two (1, 2, 4, ... 2^62).
     *
     * @param value any value
     * @return true for a positive power of two; false for zero, negatives and everything else
     */
    public static boolean isPowerOfTwo(long value) {
        return value > 0 && (value & (value - 1)) == 0;
    }

    /**
     * Rounds {@code value} down to a multiple of {@code align}.
     *
     * @param value a value, negative values round towards negative infinity
     * @param align a power of two
     * @return the greatest multiple of {@code align} not above {@code value}
     * @throws AllocException INVALID_PARAM if {@code align} is not a power of two
     */
    public static long alignDown(long value, long align) {
        requirePowerOfTwo(align);
        return value & -align;
    }

    /**
     * Rounds {@code value} up to a multiple of {@code align}.
     *
     * @param value a value
     * @param align a power of two
     * @return the least multiple of {@code align} not below {@code value}
     * @throws AllocException INVALID_PARAM if {@code align} is not a power of two, or the result
     *                        would exceed {@link Long#MAX_VALUE}
     */
    public static long alignUp(long value, long align) {
        requirePowerOfTwo(align);
        long padding = -value & (align - 1);
        if (value > Long.MAX_VALUE - padding) {
            throw AllocException.invalidParam(
                    "aligning " + value + " up to " + align + " overflows a long");
        }
        return value + padding;
    }

    /**
     * Tells whether {@code value} is a multiple of {@code align}.
     *
     * @param value a value
     * @param align a power of two
     * @return true if {@code value} is aligned
     * @throws AllocException INVALID_PARAM if {@code align} is not a power of two
     */
    public static boolean isAligned(long value, long align) {
        requirePowerOfTwo(align);
        return (value & (align - 1)) == 0;
    }

    /**
     * Checks an alignment argument.
     *
     * @param align the alignment a caller passed
     * @return {@code align}, for chaining
     * @throws AllocException INVALID_PARAM naming the value if it is not a power of two
     */
    public static long requirePowerOfTwo(long align) {
        if (!isPowerOfTwo(align)) {
            throw AllocException.invalidParam("alignment " + align + " is not a power of two");
        }
        return align;
    }
}
