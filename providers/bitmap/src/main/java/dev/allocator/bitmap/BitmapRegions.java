package dev.allocator.bitmap;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.spi.Regions;
import java.util.Arrays;
import java.util.ConcurrentModificationException;

/**
 * Disjoint ranges of units (pages or IDs), each with its own {@link SummaryBitmap} of used units and its own
 * {@link StartBits} marking where each live allocation begins: the state both bitmap allocators share. An
 * allocation is a start bit followed by used units up to the next start bit or free unit, so a free must name
 * exactly one live allocation. Units are plain {@code long} numbers (a page number or an ID); alignment is of the unit
 * number itself, so a range starting at unit 3 still hands out units that are multiples of the alignment.
 *
 * <p>Methods trust their arguments (the public classes validate them) and report failure by a return value, so
 * the caller can phrase the error in its own terms. Metadata is proportional to the units managed: ranges far
 * apart cost nothing for the gap between them. Every change counts in a modification count, so a walk can tell
 * when its visitor changed what it walks. Not thread safe.
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
    private StartBits[] starts = new StartBits[4];
    private long used;
    private long allocations;
    /** Changes since creation; a walk compares it before and after each visit. */
    private long modifications;

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
        StartBits startBits = new StartBits(count);
        int at = ranges.add(first, count);
        if (ranges.count() > bitmaps.length) {
            bitmaps = Arrays.copyOf(bitmaps, bitmaps.length * 2);
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        System.arraycopy(bitmaps, at, bitmaps, at + 1, ranges.count() - 1 - at);
        System.arraycopy(starts, at, starts, at + 1, ranges.count() - 1 - at);
        bitmaps[at] = bitmap;
        starts[at] = startBits;
        modifications++;
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
     * Takes the lowest run of {@code count} free units whose first unit is a multiple of {@code align}. One unit
     * with no alignment (one page, one ID) takes the lowest free unit through the bitmaps' word indexes.
     *
     * @param count units, {@code >= 1}
     * @param align a power of two
     * @return the first unit, or -1 if no range has such a run (then nothing changed)
     */
    long alloc(long count, long align) {
        if (count == 1 && align == 1) {
            return allocOne();
        }
        for (int i = 0; i < ranges.count(); i++) {
            long first = ranges.start(i);
            long offset = bitmaps[i].find(count, align, first);
            if (offset >= 0) {
                bitmaps[i].setUsed(offset, count);
                taken(i, offset, count);
                return first + offset;
            }
        }
        return -1;
    }

    private long allocOne() {
        for (int i = 0; i < ranges.count(); i++) {
            long offset = bitmaps[i].takeLowest();
            if (offset >= 0) {
                taken(i, offset, 1);
                return ranges.start(i) + offset;
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
        taken(index, offset, count);
        return TAKEN;
    }

    /** Records a run just marked used in bitmap {@code index} as an allocation. */
    private void taken(int index, long offset, long count) {
        starts[index].set(offset, true);
        used += count;
        allocations++;
        modifications++;
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
     * Frees the live allocation {@code [first, first + count)}.
     *
     * @param first first unit
     * @param count units, {@code >= 1}, {@code first + count} not past {@link Long#MAX_VALUE}
     * @return true if freed; false (nothing changed) if that is not exactly one live allocation
     */
    boolean free(long first, long count) {
        int index = indexOfAllocation(first, count);
        if (index < 0) {
            return false;
        }
        long offset = first - ranges.start(index);
        starts[index].set(offset, false);
        bitmaps[index].setFree(offset, count);
        used -= count;
        allocations--;
        modifications++;
        return true;
    }

    /**
     * Tells whether {@code [first, first + count)} is exactly one live allocation: O(log + count / 64).
     *
     * @param first first unit
     * @param count units, {@code >= 1}
     * @return true if it starts an allocation, is used to its end, and the allocation ends there
     */
    boolean isAllocation(long first, long count) {
        return indexOfAllocation(first, count) >= 0;
    }

    private int indexOfAllocation(long first, long count) {
        int index = ranges.indexOf(first);
        if (index < 0 || count > ranges.end(index) - first) {
            return -1;
        }
        long offset = first - ranges.start(index);
        long end = offset + count;
        SummaryBitmap bitmap = bitmaps[index];
        StartBits startBits = starts[index];
        boolean used = count == 1 ? !bitmap.isFree(offset) : bitmap.isRunUsed(offset, count);
        boolean exact = startBits.get(offset) && used && (count == 1 || startBits.next(offset + 1, end) == end)
                && (end == bitmap.size() || bitmap.isFree(end) || startBits.get(end));
        return exact ? index : -1;
    }

    /**
     * Grows or shrinks a live allocation in place. The caller has checked that {@code [first, first + oldCount)}
     * is one ({@link #isAllocation(long, long)}).
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
            modifications++;
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
        modifications++;
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
     * Tells whether a unit lies in a range.
     *
     * @param unit any unit
     * @return true if managed
     */
    boolean contains(long unit) {
        return ranges.indexOf(unit) >= 0;
    }

    /**
     * Frees every used run, keeping the ranges: per range, the cheaper of freeing its used runs one by one
     * (O(runs * log + used / 64)) and clearing it whole (O(units / 64)).
     */
    void reset() {
        for (int i = 0; i < ranges.count(); i++) {
            SummaryBitmap bitmap = bitmaps[i];
            StartBits startBits = starts[i];
            long runByRun = startBits.count() * (bitmap.tree().height() + 2L) + bitmap.usedBits() / 64;
            if (runByRun >= 2L * bitmap.wordCount()) {
                bitmap.freeAll();
                startBits.clearAll();
                continue;
            }
            long position = bitmap.nextUsed(0);
            while (position < bitmap.size()) {
                long end = bitmap.nextFree(position);
                startBits.clear(position, end - position);
                bitmap.setFree(position, end - position);
                position = bitmap.nextUsed(end);
            }
        }
        used = 0;
        allocations = 0;
        modifications++;
    }

    /**
     * Returns the occupancy.
     *
     * @return the statistics, in units; costs O(runs * log)
     */
    AllocatorStats stats() {
        RunCounter counter = new RunCounter();
        forEachRun(counter);
        long total = total();
        return new AllocatorStats(total, used, total - used, allocations, counter.freeRuns, largestFree());
    }

    /**
     * Reports every live allocation and every maximal free run, range by range, in unit order.
     *
     * @param visitor gets (first unit, units, used); must not change this state
     * @throws ConcurrentModificationException if the visitor changed it (detected when its visit returns; the
     *                                         walk stops there)
     */
    void forEachRun(BlockVisitor visitor) {
        long expected = modifications;
        for (int i = 0; i < ranges.count(); i++) {
            SummaryBitmap bitmap = bitmaps[i];
            StartBits startBits = starts[i];
            long first = ranges.start(i);
            long position = 0;
            while (position < bitmap.size()) {
                boolean free = bitmap.isFree(position);
                long end = free ? bitmap.nextUsed(position) : bitmap.nextFree(position);
                if (!free) {
                    end = startBits.next(position + 1, end);
                }
                visitor.visit(first + position, end - position, !free);
                if (modifications != expected) {
                    throw new ConcurrentModificationException("the allocator changed during forEachBlock: a "
                            + "visitor must not allocate, free, resize, reset or add memory");
                }
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
            bytes += bitmaps[i].metadataBytes() + starts[i].metadataBytes();
        }
        return bytes;
    }

    /** Counts the free runs of a walk. */
    private static final class RunCounter implements BlockVisitor {
        long freeRuns;

        @Override
        public void visit(long start, long size, boolean used) {
            if (!used) {
                freeRuns++;
            }
        }
    }
}
