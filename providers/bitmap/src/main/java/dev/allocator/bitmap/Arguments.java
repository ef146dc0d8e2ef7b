package dev.allocator.bitmap;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;

/** Argument checks at the public boundary of both bitmap allocators; each throws INVALID_PARAM naming the value. */
final class Arguments {
    private Arguments() {
    }

    /**
     * Checks a count of pages or IDs.
     *
     * @param count the count given
     * @param what  what it counts, for the message ("page count")
     */
    static void requireCount(long count, String what) {
        if (count < 1) {
            throw AllocException.invalidParam(what + " " + count + " must be at least 1");
        }
    }

    /**
     * Checks an alignment.
     *
     * @param align the alignment given
     */
    static void requireAlign(long align) {
        Alignment.requirePowerOfTwo(align);
    }

    /**
     * Checks that {@code count} units of {@code unitSize} starting at {@code first} end at or before
     * {@link Long#MAX_VALUE}, and that {@code first} is not negative.
     *
     * @param first    first address or ID
     * @param count    units, {@code >= 1}
     * @param unitSize bytes (or IDs) per unit, a power of two
     * @param what     what {@code first} is, for the message ("address")
     */
    static void requireRunInRange(long first, long count, long unitSize, String what) {
        if (first < 0) {
            throw AllocException.invalidParam(what + " " + first + " is negative");
        }
        // unitSize is a power of two: a shift, not a 64-bit division (tens of cycles on every alloc and free).
        if (count > (Long.MAX_VALUE - first) >>> Long.numberOfTrailingZeros(unitSize)) {
            throw AllocException.invalidParam("a run of " + count + " x " + unitSize + " from " + what + " "
                    + first + " ends past Long.MAX_VALUE");
        }
    }
}
