package dev.allocator.tck.simple;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.spi.Regions;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple first-fit allocator, the tck's own test subject: live blocks in a sorted map, every
 * allocation a scan of the gaps from the lowest address. Slow (O(blocks) per call) and obviously correct.
 * Sizes are in units; a unit spans {@code unit} addresses. Not thread safe.
 */
public class FirstFit {
    private final long unit;
    private final Regions regions = new Regions();
    /** Live blocks: address to length in units. */
    protected final TreeMap<Long, Long> live = new TreeMap<>();
    private boolean initialized;
    /** Used units. */
    protected long used;

    public FirstFit(long unit) {
        this.unit = unit;
    }

    public void init(long start, long size) {
        if (initialized) {
            throw AllocException.memoryOverlap("already initialised");
        }
        addRegion(start, size);
        initialized = true;
    }

    public void addMemory(long start, long size) {
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        Regions.checkRange(start, size);
        if (start % unit != 0 || size % unit != 0) {
            throw AllocException.invalidParam("region [" + start + ", +" + size + ") is not a multiple of " + unit);
        }
        regions.add(start, size);
    }

    /** Allocates {@code units} at the lowest address aligned to {@code align}; NO_MEMORY if none fits. */
    public long alloc(long units, long align) {
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
        for (int region = 0; region < regions.count(); region++) {
            long gapStart = regions.start(region);
            long end = regions.end(region);
            for (Map.Entry<Long, Long> block : live.subMap(gapStart, true, end, false).entrySet()) {
                long fit = fit(gapStart, block.getKey(), units, align);
                if (fit >= 0) {
                    return fit;
                }
                gapStart = block.getKey() + block.getValue() * unit;
            }
            long fit = fit(gapStart, end, units, align);
            if (fit >= 0) {
                return fit;
            }
        }
        return -1;
    }

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
        live.put(first, units);
        try {
            long second = lowestFit(units, align);
            return second >= 0 ? second : first;
        } finally {
            live.remove(first);
        }
    }

    /** Takes {@code [pos, +units)}, which the caller found free. */
    protected void take(long pos, long units) {
        live.put(pos, units);
        used += units;
    }

    /** Allocates exactly {@code [base, +units)}: INVALID_PARAM outside one region, NO_MEMORY if taken. */
    public long allocAt(long base, long units) {
        if (units > (Long.MAX_VALUE - base) / unit || !regions.containsRange(base, units * unit)) {
            throw AllocException.invalidParam("[" + base + ", +" + units + " units) is not inside one region");
        }
        if (overlapsLive(base, base + units * unit)) {
            throw AllocException.noMemory("[" + base + ", +" + units + " units) is taken");
        }
        take(base, units);
        return base;
    }

    private boolean overlapsLive(long start, long end) {
        Map.Entry<Long, Long> before = live.lowerEntry(end);
        return before != null && before.getKey() + before.getValue() * unit > start;
    }

    /** Frees the block at {@code pos} of exactly {@code units}; NOT_ALLOCATED otherwise. */
    public void free(long pos, long units) {
        Long length = live.get(pos);
        if (length == null || length != units) {
            throw AllocException.notAllocated("no live block of " + units + " units at " + pos);
        }
        live.remove(pos);
        used -= units;
    }

    /** Resizes the block at {@code pos} in place if the units after it are free in its region. */
    public boolean tryResize(long pos, long oldUnits, long newUnits) {
        Long length = live.get(pos);
        if (length == null || length != oldUnits) {
            throw AllocException.notAllocated("no live block of " + oldUnits + " units at " + pos);
        }
        if (newUnits > oldUnits) {
            long end = pos + oldUnits * unit;
            long growth = newUnits - oldUnits;
            if (growth > (Long.MAX_VALUE - end) / unit || !regions.containsRange(pos, newUnits * unit)
                    || overlapsLive(end, end + growth * unit)) {
                return false;
            }
        }
        live.put(pos, newUnits);
        used += newUnits - oldUnits;
        return true;
    }

    /** The address of the lowest live block, or -1. */
    public long lowestLiveBlock() {
        return live.isEmpty() ? -1 : live.firstKey();
    }

    public boolean isAllocated(long address) {
        Map.Entry<Long, Long> block = live.floorEntry(address);
        return block != null && address < block.getKey() + block.getValue() * unit;
    }

    public long total() {
        return regions.totalSize() / unit;
    }

    public long used() {
        return used;
    }

    public long available() {
        return total() - used;
    }

    public void reset() {
        live.clear();
        used = 0;
    }

    public AllocatorStats stats() {
        long[] free = {0, 0};
        forEachBlock((start, size, isUsed) -> {
            if (!isUsed) {
                free[0]++;
                free[1] = Math.max(free[1], size);
            }
        });
        return new AllocatorStats(total(), used(), available(), live.size(), free[0], free[1]);
    }

    public void forEachBlock(BlockVisitor visitor) {
        for (int region = 0; region < regions.count(); region++) {
            long at = regions.start(region);
            long end = regions.end(region);
            for (Map.Entry<Long, Long> block : live.subMap(at, true, end, false).entrySet()) {
                if (block.getKey() > at) {
                    visitor.visit(at, (block.getKey() - at) / unit, false);
                }
                visitor.visit(block.getKey(), block.getValue(), true);
                at = block.getKey() + block.getValue() * unit;
            }
            if (at < end) {
                visitor.visit(at, (end - at) / unit, false);
            }
        }
    }

    /** Checks an alignment and a count at least {@code min}. */
    public static void checkRequest(long count, long align, long min) {
        Alignment.requirePowerOfTwo(align);
        if (count < min) {
            throw AllocException.invalidParam("size " + count + " is below " + min);
        }
    }
}
