package dev.allocator.buddy;

/**
 * Power-of-two arithmetic of the buddy system: the order a request rounds to, and how a range is carved into
 * maximal aligned blocks. Pure functions on {@code long}, no state.
 */
final class BlockMath {
    /** The order {@link #requestOrder} returns when the rounded size does not fit in a {@code long}. */
    static final int TOO_LARGE = 63;

    private BlockMath() {
    }

    /**
     * The order (log2 of the block size) a request takes: {@code max(nextPowerOfTwo(size), align, minBlock)}.
     *
     * @param size     bytes, {@code >= 0}
     * @param align    a power of two
     * @param minOrder log2 of the smallest block
     * @return the order, or {@link #TOO_LARGE} if the block would exceed 2^62 bytes
     */
    static int requestOrder(long size, long align, int minOrder) {
        long need = Math.max(size, align);
        if (need > 1L << 62) {
            return TOO_LARGE;
        }
        int order = 64 - Long.numberOfLeadingZeros(need - 1); // need >= align >= 1: order 0 for need 1
        return Math.max(order, minOrder);
    }

    /**
     * The first block start of a range: {@code start} rounded up to {@code 2^minOrder}.
     *
     * @return the rounded start, or {@code end} if no whole block of {@code 2^minOrder} bytes fits
     */
    static long carveStart(long start, long end, int minOrder) {
        long lowBits = (1L << minOrder) - 1;
        if ((start & lowBits) == 0) {
            return start;
        }
        if ((start | lowBits) >= end - 1) {
            return end;
        }
        return (start | lowBits) + 1;
    }

    /**
     * The last block end of a range: {@code end} rounded down to {@code 2^minOrder}.
     */
    static long carveEnd(long end, int minOrder) {
        return end & -(1L << minOrder);
    }

    /**
     * The order of the largest block that starts at {@code position}, is aligned to its size and ends by
     * {@code end}, capped below {@code maxOrder}.
     *
     * @param position a block start, {@code < end}
     * @param end      end of the range
     * @param maxOrder one above the largest order
     */
    static int carveOrder(long position, long end, int maxOrder) {
        int alignedOrder = Long.numberOfTrailingZeros(position);
        int fittingOrder = 63 - Long.numberOfLeadingZeros(end - position);
        return Math.min(Math.min(alignedOrder, fittingOrder), maxOrder - 1);
    }
}
