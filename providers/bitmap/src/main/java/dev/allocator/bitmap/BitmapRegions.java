package dev.allocator.bitmap;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.spi.Regions;
import java.util.Arrays;

/**
 * Disjoint ranges of units (pages or IDs), each with its own {@link SummaryBitmap}: the state both bitmap
 * allocators share. Units are plain {@code long} numbers (a page number or an ID); alignment is of the unit
 * number itself, so a range starting at unit 3 still hands out units that are multiples of the alignment.
 *
 * <p>Methods trust their arguments (the public classes validate them) and report failure by a return value, so
 * the caller can phrase the error in its own terms. Metadata is proportional to the units managed: ranges far
 * apart cost nothing for the gap between them. Not thread safe.
 */
final class BitmapRegions {
    /** {@link #allocAt} result: the run was taken. */
    static final int TAKEN = 0;
    /** {@link #allocAt} result: the run does not lie inside one range. */
    static final int OUTSIDE = 1;
    /** {@link #allocAt} result: some unit of the run is already used. */
    static final int BUSY = 2;

    private final Regions ranges = new Regions();
    private SummaryBitmap[] bitmaps = new SummaryBitmap[4];
    private long used;
    private long allocations;

    /**
     * Adds a range of units after checking it with {@link #checkAddable(long, long)}.
     *
     * @param first first unit
     * @param count units, {@code >= 0}; zero adds nothing
     */
    void add(long first, long count) {
        checkAddable(first, count);
        if (count == 0) {
            return;
        }
        SummaryBitmap bitmap = new SummaryBitmap(count);
        int at = ranges.add(first, count);
        if (ranges.count() > bitmaps.length) {
            bitmaps = Arrays.copyOf(bitmaps, bitmaps.length * 2);
        }
        System.arraycopy(bitmaps, at, bitmaps, at + 1, ranges.count() - 1 - at);
        bitmaps[at] = bitmap;
    }

    /**
     * Checks that a range of units is valid, overlaps no range here and fits one bitmap.
     *
     * @param first first unit
     * @param count units
     * @throws AllocException INVALID_PARAM or MEMORY_OVERLAP as {@link Regions}, INVALID_PARAM if
     *                                          {@code count} exceeds {@link SummaryBitmap#MAX_BITS}
     */
    void checkAddable(long first, long count) {
        ranges.checkAddable(first, count);
        if (count > SummaryBitmap.MAX_BITS) {
            throw AllocException.invalidParam("a range of " + count
                    + " units exceeds the " + SummaryBitmap.MAX_BITS + " units one bitmap holds");
        }
    }

    /**
     * Returns the units under management.
     *
     * @return the sum of the ranges
     */
    long total() {
        return ranges.totalSize();
    }

    /**
     * Returns the units in use.
     *
     * @return used units, O(1)
     */
    long used() {
        return used;
    }

    /**
     * Returns the length of the longest free run over all ranges: O(ranges).
     *
     * @return units
     */
    long largestFree() {
        long largest = 0;
        for (int i = 0; i < ranges.count(); i++) {
            largest = Math.max(largest, bitmaps[i].largestFreeRun());
        }
        return largest;
    }

    /**
     * Takes the lowest run of {@code count} free units whose first unit is a multiple of {@code align}.
     *
     * @param count units, {@code >= 1}
     * @param align a power of two
     * @return the first unit, or -1 if no range has such a run (then nothing changed)
     */
    long alloc(long count, long align) {
        for (int i = 0; i < ranges.count(); i++) {
            long first = ranges.start(i);
            long offset = bitmaps[i].find(0, count, align, first);
            if (offset >= 0) {
                bitmaps[i].setUsed(offset, count);
                used += count;
                allocations++;
                return first + offset;
            }
        }
        return -1;
    }

    /**
     * Takes the run {@code [first, first + count)}.
     *
     * @param first first unit
     * @param count units, {@code >= 1}, {@code first + count} not past {@link Long#MAX_VALUE}
     * @return {@link #TAKEN}, {@link #OUTSIDE} or {@link #BUSY}; nothing changed unless TAKEN
     */
    int allocAt(long first, long count) {
        int index = ranges.indexOf(first);
        if (index < 0 || count > ranges.end(index) - first) {
            return OUTSIDE;
        }
        long offset = first - ranges.start(index);
        if (!bitmaps[index].isRunFree(offset, count)) {
            return BUSY;
        }
        bitmaps[index].setUsed(offset, count);
        used += count;
        allocations++;
        return TAKEN;
    }

    /**
     * Returns the first used unit of a run that lies in one range.
     *
     * @param first first unit
     * @param count units, {@code >= 1}
     * @return the first used unit, or {@code first + count} if all are free
     */
    long firstUsed(long first, long count) {
        int index = ranges.indexOf(first);
        long start = ranges.start(index);
        return start + Math.min(bitmaps[index].nextUsed(first - start), first - start + count);
    }

    /**
     * Frees the run {@code [first, first + count)} if every unit of it is used.
     *
     * @param first first unit
     * @param count units, {@code >= 1}, {@code first + count} not past {@link Long#MAX_VALUE}
     * @return true if freed; false (nothing changed) if some unit is outside the ranges or free
     */
    boolean free(long first, long count) {
        int index = indexOfUsedRun(first, count);
        if (index < 0) {
            return false;
        }
        bitmaps[index].setFree(first - ranges.start(index), count);
        used -= count;
        allocations = used == 0 ? 0 : allocations - 1;
        return true;
    }

    /**
     * Tells whether the run {@code [first, first + count)} lies in one range and is entirely used.
     *
     * @param first first unit
     * @param count units, {@code >= 1}
     * @return true if so
     */
    boolean isUsed(long first, long count) {
        return indexOfUsedRun(first, count) >= 0;
    }

    private int indexOfUsedRun(long first, long count) {
        int index = ranges.indexOf(first);
        if (index < 0 || count > ranges.end(index) - first
                || !bitmaps[index].isRunUsed(first - ranges.start(index), count)) {
            return -1;
        }
        return index;
    }

    /**
     * Grows or shrinks a used run in place. The caller has checked that {@code [first, first + oldCount)} is
     * used ({@link #isUsed(long, long)}).
     *
     * @param first    first unit of the run
     * @param oldCount its length, {@code >= 1}
     * @param newCount the length wanted, {@code >= 1}
     * @return true if the run now has {@code newCount} units; false (nothing changed) if the units after it are
     *         taken or past the end of its range
     */
    boolean resize(long first, long oldCount, long newCount) {
        int index = ranges.indexOf(first);
        long offset = first - ranges.start(index);
        SummaryBitmap bitmap = bitmaps[index];
        if (newCount < oldCount) {
            bitmap.setFree(offset + newCount, oldCount - newCount);
            used -= oldCount - newCount;
            return true;
        }
        long grow = newCount - oldCount;
        if (grow == 0) {
            return true;
        }
        long tail = offset + oldCount;
        if (grow > bitmap.size() - tail || !bitmap.isRunFree(tail, grow)) {
            return false;
        }
        bitmap.setUsed(tail, grow);
        used += grow;
        return true;
    }

    /**
     * Tells whether a unit is used.
     *
     * @param unit any unit
     * @return true if it lies in a range and is used
     */
    boolean isUsed(long unit) {
        int index = ranges.indexOf(unit);
        return index >= 0 && !bitmaps[index].isFree(unit - ranges.start(index));
    }

    /**
     * Tells whether one range holds all of {@code [first, first + count)}.
     *
     * @param first first unit
     * @param count units, {@code >= 0}
     * @return true if managed
     */
    boolean containsRun(long first, long count) {
        return ranges.containsRange(first, count);
    }

    /**
     * Tells whether a unit lies in a range.
     *
     * @param unit any unit
     * @return true if managed
     */
    boolean contains(long unit) {
        return ranges.indexOf(unit) >= 0;
    }

    /** Frees every used run, keeping the ranges: O(ranges + used runs * log). */
    void reset() {
        for (int i = 0; i < ranges.count(); i++) {
            SummaryBitmap bitmap = bitmaps[i];
            long position = bitmap.nextUsed(0);
            while (position < bitmap.size()) {
                long end = bitmap.nextFree(position);
                bitmap.setFree(position, end - position);
                position = bitmap.nextUsed(end);
            }
        }
        used = 0;
        allocations = 0;
    }

    /**
     * Returns the occupancy; {@code liveBlocks} is the number of successful allocations minus successful frees
     * (see the public classes), kept between the number of used runs and the used units.
     *
     * @return the statistics, in units; costs O(runs * log)
     */
    AllocatorStats stats() {
        RunCounter counter = new RunCounter();
        forEachRun(counter);
        long live = Math.max(counter.usedRuns, Math.min(allocations, used));
        long total = total();
        return new AllocatorStats(total, used, total - used, live, counter.freeRuns, largestFree());
    }

    /**
     * Reports every maximal used run and every maximal free run, range by range, in unit order.
     *
     * @param visitor gets (first unit, units, used)
     */
    void forEachRun(BlockVisitor visitor) {
        for (int i = 0; i < ranges.count(); i++) {
            SummaryBitmap bitmap = bitmaps[i];
            long first = ranges.start(i);
            long position = 0;
            while (position < bitmap.size()) {
                boolean free = bitmap.isFree(position);
                long end = free ? bitmap.nextUsed(position) : bitmap.nextFree(position);
                visitor.visit(first + position, end - position, !free);
                position = end;
            }
        }
    }

    /**
     * Returns the bytes of metadata held by the bitmaps.
     *
     * @return bytes of array payload
     */
    long metadataBytes() {
        long bytes = 0;
        for (int i = 0; i < ranges.count(); i++) {
            bytes += bitmaps[i].metadataBytes();
        }
        return bytes;
    }

    /** Counts the runs of a walk. */
    private static final class RunCounter implements BlockVisitor {
        long freeRuns;
        long usedRuns;

        @Override
        public void visit(long start, long size, boolean used) {
            if (used) {
                usedRuns++;
            } else {
                freeRuns++;
            }
        }
    }
}
