package dev.allocator.api.spi;

import dev.allocator.api.AllocException;
import java.util.Arrays;

/**
 * The disjoint regions an allocator manages, sorted by address: the shared bookkeeping behind
 * {@code init}/{@code addMemory} for provider authors. Checks ranges ({@code INVALID_PARAM}) and overlap
 * ({@code MEMORY_OVERLAP}) before anything changes. Regions of size zero are accepted and not stored.
 *
 * <p>Not thread safe. Storage is two {@code long[]} arrays; adding a region is O(regions), lookups are
 * O(log regions).
 */
public final class Regions {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int count;
    private long totalSize;

    /** Creates an empty set of regions. */
    public Regions() {
    }

    /**
     * Checks that {@code [start, start + size)} is a valid range: both non-negative, end not past
     * {@link Long#MAX_VALUE}.
     *
     * @param start first address
     * @param size  length
     * @throws AllocException INVALID_PARAM naming the values otherwise
     */
    public static void checkRange(long start, long size) {
        if (start < 0) {
            throw AllocException.invalidParam("region start " + start + " is negative");
        }
        if (size < 0) {
            throw AllocException.invalidParam("region size " + size + " is negative");
        }
        if (start > Long.MAX_VALUE - size) {
            throw AllocException.invalidParam("region [" + start + ", +" + size + ") ends past Long.MAX_VALUE");
        }
    }

    /**
     * Checks that a range is valid and overlaps no region here, without adding it.
     *
     * @param start first address
     * @param size  length
     * @throws AllocException INVALID_PARAM for a bad range; MEMORY_OVERLAP naming the region it overlaps
     */
    public void checkAddable(long start, long size) {
        checkRange(start, size);
        if (size == 0) {
            return;
        }
        int after = insertionPoint(start);
        long end = start + size;
        if (after > 0 && ends[after - 1] > start) {
            throw overlap(start, end, after - 1);
        }
        if (after < count && starts[after] < end) {
            throw overlap(start, end, after);
        }
    }

    /**
     * Adds a region after {@link #checkAddable(long, long)}.
     *
     * @param start first address
     * @param size  length
     * @return the index the region now has, or -1 if {@code size} is zero
     * @throws AllocException INVALID_PARAM or MEMORY_OVERLAP as {@link #checkAddable(long, long)}; nothing changes
     * @throws OutOfMemoryError if the arrays cannot grow; nothing changes either
     */
    public int add(long start, long size) {
        checkAddable(start, size);
        if (size == 0) {
            return -1;
        }
        if (count == starts.length) {
            long[] moreStarts = Arrays.copyOf(starts, count * 2);
            long[] moreEnds = Arrays.copyOf(ends, count * 2);
            starts = moreStarts; // both arrays exist before either is replaced: no half-grown state on OutOfMemoryError
            ends = moreEnds;
        }
        int at = insertionPoint(start);
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(ends, at, ends, at + 1, count - at);
        starts[at] = start;
        ends[at] = start + size;
        count++;
        totalSize += size;
        return at;
    }

    /**
     * Returns the number of regions.
     *
     * @return regions of non-zero size
     */
    public int count() {
        return count;
    }

    /**
     * Returns a region's first address.
     *
     * @param index 0 to {@code count() - 1}, in address order
     * @return its start
     */
    public long start(int index) {
        return starts[index];
    }

    /**
     * Returns a region's end (exclusive).
     *
     * @param index 0 to {@code count() - 1}, in address order
     * @return its end
     */
    public long end(int index) {
        return ends[index];
    }

    /**
     * Returns the sum of the regions' sizes.
     *
     * @return total size
     */
    public long totalSize() {
        return totalSize;
    }

    /**
     * Finds the region holding an address.
     *
     * @param address any address
     * @return the region's index, or -1 if no region holds it
     */
    public int indexOf(long address) {
        int after = insertionPoint(address);
        if (after < count && starts[after] == address) {
            return after;
        }
        if (after > 0 && address < ends[after - 1]) {
            return after - 1;
        }
        return -1;
    }

    /**
     * Tells whether one region holds all of {@code [start, start + size)}.
     *
     * @param start first address
     * @param size  length, {@code >= 0}
     * @return true if the whole range lies in one region
     */
    public boolean containsRange(long start, long size) {
        int index = indexOf(start);
        return index >= 0 && size <= ends[index] - start;
    }

    /** Forgets every region. */
    public void clear() {
        count = 0;
        totalSize = 0;
    }

    /** First index whose start is {@code >= address}. */
    private int insertionPoint(long address) {
        int found = Arrays.binarySearch(starts, 0, count, address);
        return found >= 0 ? found : -found - 1;
    }

    private AllocException overlap(long start, long end, int index) {
        return AllocException.memoryOverlap("region [" + start + ", " + end + ") overlaps region ["
                + starts[index] + ", " + ends[index] + ")");
    }
}
