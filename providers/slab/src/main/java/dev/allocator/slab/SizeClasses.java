package dev.allocator.slab;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import java.util.Arrays;

/**
 * The slab's size classes: distinct powers of two in increasing order, and the O(1) choice of the class for a
 * request (the first class whose size covers both the size and the alignment), through a table indexed by
 * {@code ceil(log2(max(size, align)))}.
 */
final class SizeClasses {
    /** What {@link #classFor(long, long)} returns when no class covers a request. */
    static final int NONE = -1;

    private final long[] sizes;
    /** The largest class size: requests above it take no class. */
    private final long largest;
    private final int[] shifts;
    private final byte[] classByOrder = new byte[64];

    /**
     * Checks and stores the classes.
     *
     * @param sizes     block sizes, powers of two, strictly increasing
     * @param largestOk the largest size accepted
     * @throws AllocException INVALID_PARAM naming the offending value
     */
    SizeClasses(long[] sizes, long largestOk) {
        if (sizes.length == 0) {
            throw AllocException.invalidParam("classes is empty");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (!Alignment.isPowerOfTwo(sizes[i])) {
                throw AllocException.invalidParam("class size " + sizes[i] + " is not a power of two");
            }
            if (sizes[i] > largestOk) {
                throw AllocException.invalidParam("class size " + sizes[i] + " exceeds " + largestOk);
            }
            if (i > 0 && sizes[i] <= sizes[i - 1]) {
                throw AllocException.invalidParam("class sizes " + Arrays.toString(sizes)
                        + " are not strictly increasing at " + sizes[i]);
            }
        }
        this.sizes = sizes.clone();
        this.largest = sizes[sizes.length - 1];
        this.shifts = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            shifts[i] = Long.numberOfTrailingZeros(sizes[i]);
        }
        int sizeClass = 0;
        for (int order = 0; order < 64; order++) {
            while (sizeClass < sizes.length && shifts[sizeClass] < order) {
                sizeClass++;
            }
            classByOrder[order] = (byte) (sizeClass < sizes.length ? sizeClass : NONE);
        }
    }

    /**
     * The class a request goes to.
     *
     * @param size  bytes, {@code >= 0}
     * @param align a power of two
     * @return the class index, or {@link #NONE} if the request is larger (or more aligned) than every class
     */
    int classFor(long size, long align) {
        long need = Math.max(size, align);
        if (need > largest) {
            return NONE;
        }
        int order = 64 - Long.numberOfLeadingZeros(need - 1); // need >= align >= 1: order 0 for need 1
        return classByOrder[order];
    }

    /** Number of classes. */
    int count() {
        return sizes.length;
    }

    /** Block size of a class. */
    long size(int sizeClass) {
        return sizes[sizeClass];
    }

    /** log2 of the block size of a class. */
    int shift(int sizeClass) {
        return shifts[sizeClass];
    }

    /** The largest class size. */
    long largest() {
        return largest;
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
