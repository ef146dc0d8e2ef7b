package dev.allocator.tlsf;

/**
 * Maps a block size to its free list: TLSF's two-level index, flattened to one number.
 *
 * <p>Sizes are counted in granules ({@code size >> granularityShift}). With {@code s = secondLevelBits}:
 * <pre>
 *   granules g            first level        second level              list
 *   g < 2^s               0                  g (exact sizes)           g
 *   g >= 2^s              log2(g) - s + 1    next s bits below the top (shift << s) + (g >>> shift),
 *                                                                      shift = log2(g) - s
 * </pre>
 * so the list number is {@code firstLevel << s | secondLevel}, lists grow with size, and every list holds sizes
 * in {@code [lowerBound(list), lowerBound(list + 1))}. A block is filed under {@link #listOf(long)} (its size
 * rounded down to a list); a request searches from {@link #searchListOf(long)} (rounded up), so any block found
 * there is large enough without looking at it. Sizes below {@code 2^63} need at most 64 first levels.
 */
final class SizeClasses {
    /** First levels: one bit each in a {@code long} bitmap. */
    static final int FIRST_LEVELS = 64;
    /** Largest {@code secondLevelBits}: a second-level bitmap is one {@code long}. */
    static final int MAX_SECOND_LEVEL_BITS = 6;

    private final int granularityShift;
    private final int secondLevelBits;

    SizeClasses(int granularityShift, int secondLevelBits) {
        this.granularityShift = granularityShift;
        this.secondLevelBits = secondLevelBits;
    }

    int secondLevelBits() {
        return secondLevelBits;
    }

    /** Number of lists: 64 first levels of {@code 2^secondLevelBits} each. */
    int listCount() {
        return FIRST_LEVELS << secondLevelBits;
    }

    /**
     * The list a free block of {@code size} bytes belongs to: the largest list whose lower bound is not above it.
     *
     * @param size a positive multiple of the granularity
     */
    int listOf(long size) {
        long granules = size >>> granularityShift;
        int shift = Math.max(0, 63 - Long.numberOfLeadingZeros(granules) - secondLevelBits);
        return (shift << secondLevelBits) + (int) (granules >>> shift);
    }

    /**
     * The first list whose every block holds {@code size} bytes: {@code size} rounded up to a list boundary.
     *
     * @param size a positive multiple of the granularity
     * @return the list, or -1 if no list is guaranteed to hold it (sizes near {@code 2^63})
     */
    int searchListOf(long size) {
        long granules = size >>> granularityShift;
        int shift = Math.max(0, 63 - Long.numberOfLeadingZeros(granules) - secondLevelBits);
        long roundedUp = granules + (1L << shift) - 1;
        if (roundedUp < 0 || roundedUp >>> (63 - granularityShift) != 0) {
            return -1;
        }
        int list = listOf(roundedUp << granularityShift);
        return list < listCount() ? list : -1;
    }

    /**
     * The smallest size filed under {@code list}.
     *
     * @param list a list number
     * @return bytes; {@code Long.MAX_VALUE} if the bound does not fit in a long
     */
    long lowerBound(int list) {
        if (list < (1 << secondLevelBits)) {
            return (long) list << granularityShift;
        }
        int shift = (list >>> secondLevelBits) - 1;
        if (shift + secondLevelBits + 1 + granularityShift > 63) {
            return Long.MAX_VALUE;
        }
        long granules = (long) ((list & ((1 << secondLevelBits) - 1)) | (1 << secondLevelBits)) << shift;
        return granules << granularityShift;
    }
}
