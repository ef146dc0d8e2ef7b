package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.spi.Regions;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The core of the reference allocators: a deliberately simple first-fit allocator over units. Live blocks and free
 * gaps are two sorted maps; an allocation takes the lowest aligned place in the first gap, in address order, where
 * it fits (O(free gaps)); a free merges the block with the gaps next to it in its region. A unit spans
 * {@code unit} addresses. Not thread safe.
 *
 * <pre>
 *   regions:  [0 ............................ 64)        [4096 ........ 4160)
 *   live:        [8, +4)      [20, +16)                       [4096, +8)
 *   free:     [0,8)      [12,20)         [36,64)                       [4104,4160)
 * </pre>
 *
 * <p>Invariants: live blocks and free gaps tile every region exactly, never crossing a region's end; two gaps never
 * touch inside one region (they would be one); {@code used} is the sum of the live lengths. Every check happens
 * before any change, and every map entry a change needs is made before anything else changes (undone if the next
 * one cannot be made), so a rejected call, or one that fails for want of heap, changes nothing. That includes the
 * {@code Long} boxes: every key a change removes or replaces is boxed before the first change, since boxing
 * allocates too. The protected methods are the seams the tck's own tests use to build deliberately broken
 * variants.
 */
class FirstFit {
    private final long unit;
    private final Regions regions = new Regions();
    /** Live blocks: address to length in units. */
    protected final TreeMap<Long, Long> live = new TreeMap<>();
    /** Free gaps: start address to end address (exclusive). */
    private TreeMap<Long, Long> free = new TreeMap<>();
    private boolean initialized;
    /** Used units. */
    protected long used;
    /** Counts the changes, so that a walk can tell its visitor changed something. */
    private int modifications;

    FirstFit(long unit) {
        this.unit = unit;
    }

    /** The first region; MEMORY_OVERLAP once any region was added (by {@code init} or {@code addMemory}). */
    void init(long start, long size) {
        if (initialized) {
            throw AllocException.memoryOverlap("already initialised (by init or addMemory); add [" + start + ", +"
                    + size + ") with addMemory");
        }
        addRegion(start, size);
    }

    /** Another region; the first one (even before {@code init}) initialises the allocator. */
    void addMemory(long start, long size) {
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        Regions.checkRange(start, size);
        if (start % unit != 0 || size % unit != 0) {
            throw AllocException.invalidParam("region [" + start + ", +" + size + ") is not a multiple of " + unit);
        }
        regions.checkAddable(start, size);
        if (size > 0) {
            Long key = start;
            free.put(key, start + size);
            try {
                regions.add(start, size);
            } catch (OutOfMemoryError e) {
                free.remove(key);
                throw e;
            }
        }
        initialized = true;
        modifications++;
    }

    /** Allocates {@code units} at the lowest address aligned to {@code align}; NO_MEMORY if none fits. */
    long alloc(long units, long align) {
        long found = find(units, align);
        if (found < 0) {
            throw AllocException.noMemory("no memory for " + units + " units aligned to " + align + ": "
                    + available() + " available");
        }
        take(found, units);
        return found;
    }

    /** Where {@code alloc} puts a block: {@link #lowestFit}. Broken variants override this. */
    protected long find(long units, long align) {
        return lowestFit(units, align);
    }

    /** The lowest aligned address where {@code units} fit, or -1. */
    protected final long lowestFit(long units, long align) {
        return lowestFitFrom(units, align, Long.MIN_VALUE);
    }

    /** The lowest aligned address, at least {@code from}, where {@code units} fit, or -1. */
    private long lowestFitFrom(long units, long align, long from) {
        for (Map.Entry<Long, Long> gap : free.entrySet()) {
            long fit = fit(Math.max(gap.getKey(), from), gap.getValue(), units, align);
            if (fit >= 0) {
                return fit;
            }
        }
        return -1;
    }

    /** Written apart from {@code ReferenceModel}'s twin of it on purpose: the model judges this allocator. */
    private long fit(long gapStart, long gapEnd, long units, long align) {
        long padding = -gapStart & (align - 1);
        if (gapStart > Long.MAX_VALUE - padding) {
            return -1;
        }
        long start = gapStart + padding;
        return start < gapEnd && units <= (gapEnd - start) / unit ? start : -1;
    }

    /** The second lowest aligned address where {@code units} fit (the first if there is only one), or -1. */
    protected long findSecond(long units, long align) {
        long first = lowestFit(units, align);
        if (first < 0) {
            return first;
        }
        long second = lowestFitFrom(units, align, first + units * unit);
        return second >= 0 ? second : first;
    }

    /** Takes {@code [pos, +units)}, which the caller found inside one free gap. */
    protected void take(long pos, long units) {
        long end = pos + units * unit;
        Map.Entry<Long, Long> gap = free.floorEntry(pos);
        Long gapStart = gap.getKey();
        Long gapEnd = gap.getValue();
        Long key = pos;
        live.put(key, units);
        if (end < gapEnd) {
            try {
                free.put(end, gapEnd);
            } catch (OutOfMemoryError e) {
                live.remove(key);
                throw e;
            }
        }
        if (gapStart < pos) {
            free.put(gapStart, key);
        } else {
            free.remove(gapStart);
        }
        used += units;
        changed();
    }

    /** Records a change, so that a walk in progress notices. */
    protected final void changed() {
        modifications++;
    }

    /** Allocates exactly {@code [base, +units)}: INVALID_PARAM outside one region, NO_MEMORY if taken. */
    long allocAt(long base, long units) {
        if (units > (Long.MAX_VALUE - base) / unit || !regions.containsRange(base, units * unit)) {
            throw AllocException.invalidParam("[" + base + ", +" + units + " units) is not inside one region");
        }
        Map.Entry<Long, Long> gap = free.floorEntry(base);
        if (gap == null || gap.getValue() < base + units * unit) {
            throw AllocException.noMemory("[" + base + ", +" + units + " units) is taken");
        }
        take(base, units);
        return base;
    }

    /** Frees the block at {@code pos} of exactly {@code units}; NOT_ALLOCATED otherwise. */
    void free(long pos, long units) {
        Long length = live.get(pos);
        if (length == null || length != units) {
            throw AllocException.notAllocated("no live block of " + units + " units at " + pos);
        }
        int region = regions.indexOf(pos);
        long end = pos + units * unit;
        Map.Entry<Long, Long> before = free.lowerEntry(pos);
        boolean mergeBefore = before != null && before.getValue() == pos && before.getKey() >= regions.start(region);
        Long after = end < regions.end(region) ? free.get(end) : null;
        Long key = pos;
        Long endKey = end;
        Long gapStart = mergeBefore ? before.getKey() : key;
        Long gapEnd = after != null ? after : endKey;
        free.put(gapStart, gapEnd);
        if (after != null) {
            free.remove(endKey);
        }
        live.remove(key);
        used -= units;
        changed();
    }

    /** Resizes the block at {@code pos} in place if the units after it are free in its region. */
    boolean tryResize(long pos, long oldUnits, long newUnits) {
        Long length = live.get(pos);
        if (length == null || length != oldUnits) {
            throw AllocException.notAllocated("no live block of " + oldUnits + " units at " + pos);
        }
        long oldEnd = pos + oldUnits * unit;
        int region = regions.indexOf(pos);
        Long gapEnd = oldEnd < regions.end(region) ? free.get(oldEnd) : null;
        Long key = pos;
        Long oldEndKey = oldEnd;
        if (newUnits > oldUnits) {
            long growth = newUnits - oldUnits;
            if (gapEnd == null || growth > (gapEnd - oldEnd) / unit) {
                return false;
            }
            long newEnd = oldEnd + growth * unit;
            Long newLength = newUnits;
            if (newEnd < gapEnd) {
                free.put(newEnd, gapEnd);
            }
            free.remove(oldEndKey);
            live.put(key, newLength);
        } else if (newUnits < oldUnits) {
            long newEnd = pos + newUnits * unit;
            Long newLength = newUnits;
            free.put(newEnd, gapEnd != null ? gapEnd : oldEndKey);
            if (gapEnd != null) {
                free.remove(oldEndKey);
            }
            live.put(key, newLength);
        }
        used += newUnits - oldUnits;
        changed();
        return true;
    }

    /** The address of the lowest live block, or -1. */
    long lowestLiveBlock() {
        return live.isEmpty() ? -1 : live.firstKey();
    }

    boolean isAllocated(long address) {
        Map.Entry<Long, Long> block = live.floorEntry(address);
        return block != null && address < block.getKey() + block.getValue() * unit;
    }

    long total() {
        return regions.totalSize() / unit;
    }

    long used() {
        return used;
    }

    long available() {
        return total() - used;
    }

    void reset() {
        TreeMap<Long, Long> gaps = new TreeMap<>();
        for (int region = 0; region < regions.count(); region++) {
            gaps.put(regions.start(region), regions.end(region));
        }
        free = gaps;
        live.clear();
        used = 0;
        modifications++;
    }

    AllocatorStats stats() {
        long[] free = {0, 0};
        forEachBlock((start, size, isUsed) -> {
            if (!isUsed) {
                free[0]++;
                free[1] = Math.max(free[1], size);
            }
        });
        return new AllocatorStats(total(), used(), available(), live.size(), free[0], free[1]);
    }

    /**
     * The heap walk: per region, the gaps and live blocks in address order. A visitor that changes the allocator
     * (the change takes effect) ends the walk with {@link ConcurrentModificationException} as soon as it returns.
     */
    void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        int expected = modifications;
        for (int region = 0; region < regions.count(); region++) {
            long at = regions.start(region);
            long end = regions.end(region);
            for (Map.Entry<Long, Long> block : live.subMap(at, true, end, false).entrySet()) {
                if (block.getKey() > at) {
                    visit(visitor, at, (block.getKey() - at) / unit, false, expected);
                }
                visit(visitor, block.getKey(), block.getValue(), true, expected);
                at = block.getKey() + block.getValue() * unit;
            }
            if (at < end) {
                visit(visitor, at, (end - at) / unit, false, expected);
            }
        }
    }

    private void visit(BlockVisitor visitor, long start, long size, boolean isUsed, int expected) {
        visitor.visit(start, size, isUsed);
        if (modifications != expected) {
            throw new ConcurrentModificationException("the visitor changed the allocator while walking it (at "
                    + (isUsed ? "used" : "free") + " run " + start + "+" + size + "); collect what to change during "
                    + "the walk and change it afterwards");
        }
    }

    /** Checks an alignment and a count at least {@code min}. */
    static void checkRequest(long count, long align, long min) {
        Alignment.requirePowerOfTwo(align);
        if (count < min) {
            throw AllocException.invalidParam("size " + count + " is below " + min);
        }
    }
}
