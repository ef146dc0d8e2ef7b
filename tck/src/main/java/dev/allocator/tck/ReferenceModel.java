package dev.allocator.tck;

import dev.allocator.api.spi.Regions;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The obviously-correct model an allocator is checked against: the regions added (sorted, disjoint, never
 * merged) and the live blocks (sorted by address, each with the extent it really takes). It does not choose
 * addresses; it judges the addresses the allocator chose. Addresses are the allocator's; a unit spans
 * {@code unit} addresses.
 */
final class ReferenceModel {
    /** A live block: where it is, what was asked, what it takes. */
    static final class Block {
        final long pos;
        final long align;
        long size;
        long units;

        Block(long pos, long size, long align, long units) {
            this.pos = pos;
            this.size = size;
            this.align = align;
            this.units = units;
        }

        @Override
        public String toString() {
            return "[" + pos + ", +" + units + " units) asked " + size + " align " + align;
        }
    }

    private final long unit;
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    /** The regions again, as sorted arrays with the units used in each: lowest fit skips full regions in O(1). */
    private final Regions layout = new Regions();
    private long[] usedInRegion = new long[4];
    private final TreeMap<Long, Block> live = new TreeMap<>();
    private boolean initialized;
    private long regionUnits;
    private long usedUnits;

    ReferenceModel(long unit) {
        this.unit = unit;
    }

    long unit() {
        return unit;
    }

    boolean initialized() {
        return initialized;
    }

    void markInitialized() {
        initialized = true;
    }

    /** Adds a region (caller checked it is valid and disjoint). Size 0 adds nothing. */
    void addRegion(long start, long size) {
        if (size > 0) {
            regions.put(start, start + size);
            regionUnits += size / unit;
            int index = layout.add(start, size);
            if (layout.count() > usedInRegion.length) {
                usedInRegion = Arrays.copyOf(usedInRegion, usedInRegion.length * 2);
            }
            System.arraycopy(usedInRegion, index, usedInRegion, index + 1, layout.count() - 1 - index);
            usedInRegion[index] = 0;
        }
    }

    private void used(long pos, long units) {
        usedInRegion[layout.indexOf(pos)] += units;
    }

    NavigableMap<Long, Long> regions() {
        return regions;
    }

    long regionUnits() {
        return regionUnits;
    }

    /** Whether {@code [start, start + size)} intersects a region. */
    boolean overlapsRegion(long start, long size) {
        long end = start + size;
        Map.Entry<Long, Long> before = regions.lowerEntry(end);
        return size > 0 && before != null && before.getValue() > start;
    }

    /** Whether one region holds all of {@code [start, end)}. */
    boolean insideOneRegion(long start, long end) {
        Map.Entry<Long, Long> region = regions.floorEntry(start);
        return region != null && start >= region.getKey() && end <= region.getValue() && start < end;
    }

    /** Whether every address of {@code [start, end)} lies in some region (adjacent regions together count). */
    boolean coveredByRegions(long start, long end) {
        long at = start;
        while (at < end) {
            Map.Entry<Long, Long> region = regions.floorEntry(at);
            if (region == null || region.getValue() <= at) {
                return false;
            }
            at = region.getValue();
        }
        return start < end;
    }

    /** The start of the region holding {@code address}, or -1. */
    long regionStartOf(long address) {
        Map.Entry<Long, Long> region = regions.floorEntry(address);
        return region != null && address < region.getValue() ? region.getKey() : -1;
    }

    Block liveAt(long pos) {
        return live.get(pos);
    }

    Collection<Block> blocks() {
        return live.values();
    }

    int liveCount() {
        return live.size();
    }

    long usedUnits() {
        return usedUnits;
    }

    long end(Block block) {
        return block.pos + block.units * unit;
    }

    /** The first live block other than {@code except} that intersects {@code [start, end)}, or null. */
    Block overlapping(long start, long end, Block except) {
        Map.Entry<Long, Block> before = live.lowerEntry(end);
        while (before != null && end(before.getValue()) > start) {
            if (before.getValue() != except) {
                return before.getValue();
            }
            before = live.lowerEntry(before.getKey());
        }
        return null;
    }

    /** Whether every unit of {@code [start, end)} belongs to some live block. */
    boolean allAllocated(long start, long end) {
        long at = start;
        while (at < end) {
            Map.Entry<Long, Block> block = live.floorEntry(at);
            if (block == null || end(block.getValue()) <= at) {
                return false;
            }
            at = end(block.getValue());
        }
        return true;
    }

    void add(Block block) {
        live.put(block.pos, block);
        usedUnits += block.units;
        used(block.pos, block.units);
    }

    void remove(Block block) {
        live.remove(block.pos);
        usedUnits -= block.units;
        used(block.pos, -block.units);
    }

    void resize(Block block, long newSize, long newUnits) {
        usedUnits += newUnits - block.units;
        used(block.pos, newUnits - block.units);
        block.size = newSize;
        block.units = newUnits;
    }

    void clearBlocks() {
        live.clear();
        usedUnits = 0;
        Arrays.fill(usedInRegion, 0);
    }

    /**
     * The lowest address {@code s}, a multiple of {@code align}, with {@code [s, s + units)} free inside one
     * region; -1 if there is none. What a lowest-fit allocator (the ID allocator's contract) must return.
     */
    long lowestFit(long units, long align) {
        for (int index = 0; index < layout.count(); index++) {
            long gapStart = layout.start(index);
            long regionEnd = layout.end(index);
            if ((regionEnd - gapStart) / unit - usedInRegion[index] < units) {
                continue;
            }
            for (Block block : live.subMap(gapStart, true, regionEnd, false).values()) {
                long fit = fitIn(gapStart, block.pos, units, align);
                if (fit >= 0) {
                    return fit;
                }
                gapStart = end(block);
            }
            long fit = fitIn(gapStart, regionEnd, units, align);
            if (fit >= 0) {
                return fit;
            }
        }
        return -1;
    }

    private long fitIn(long gapStart, long gapEnd, long units, long align) {
        long padding = -gapStart & (align - 1);
        if (gapStart > Long.MAX_VALUE - padding) {
            return -1;
        }
        long start = gapStart + padding;
        return start < gapEnd && units <= (gapEnd - start) / unit ? start : -1;
    }
}
