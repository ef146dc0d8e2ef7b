package dev.allocator.cli.testprovider;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple first-fit space in abstract units, for testing the cli without the real providers: free
 * and live runs in two sorted maps, the lowest fitting free run is split, a freed run merges with free neighbours
 * of the same region.
 */
final class FirstFitSpace {
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private final TreeMap<Long, Long> live = new TreeMap<>();
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    private long total;
    private long used;

    void add(long start, long length, boolean first) {
        if (first && !regions.isEmpty()) {
            throw AllocException.memoryOverlap("already initialised");
        }
        if (start < 0 || length < 0 || start > Long.MAX_VALUE - length) {
            throw AllocException.invalidParam("bad region " + start + "+" + length);
        }
        Map.Entry<Long, Long> before = regions.floorEntry(start + length - 1);
        if (length > 0 && before != null && before.getKey() + before.getValue() > start) {
            throw AllocException.memoryOverlap("region overlaps " + before.getKey());
        }
        if (length > 0) {
            regions.put(start, length);
            free.put(start, length);
            total += length;
        }
    }

    boolean initialised() {
        return !regions.isEmpty();
    }

    /** Returns the start of a new run, or -1. */
    long alloc(long length, long align) {
        for (Map.Entry<Long, Long> run : free.entrySet()) {
            long start = run.getKey();
            long end = start + run.getValue();
            if (start > Long.MAX_VALUE - (align - 1)) {
                continue;
            }
            long aligned = (start + align - 1) & -align;
            if (aligned <= end && length <= end - aligned) {
                free.remove(start);
                if (aligned > start) {
                    free.put(start, aligned - start);
                }
                if (aligned + length < end) {
                    free.put(aligned + length, end - aligned - length);
                }
                live.put(aligned, length);
                used += length;
                return aligned;
            }
        }
        return -1;
    }

    /** Takes exactly {@code [start, start + length)}, or returns false if any of it is taken. */
    boolean allocAt(long start, long length) {
        Map.Entry<Long, Long> region = regions.floorEntry(start);
        if (region == null || length > region.getKey() + region.getValue() - start) {
            throw AllocException.invalidParam("run " + start + "+" + length + " is outside the regions");
        }
        Map.Entry<Long, Long> run = free.floorEntry(start);
        if (run == null || length > run.getKey() + run.getValue() - start) {
            return false;
        }
        long runStart = run.getKey();
        long runEnd = runStart + run.getValue();
        free.remove(runStart);
        if (start > runStart) {
            free.put(runStart, start - runStart);
        }
        if (start + length < runEnd) {
            free.put(start + length, runEnd - start - length);
        }
        live.put(start, length);
        used += length;
        return true;
    }

    boolean isLive(long start, long length) {
        Long size = live.get(start);
        return size != null && size == length;
    }

    void free(long start, long length) {
        Long size = live.get(start);
        if (size == null || size != length) {
            throw AllocException.notAllocated("no live run of " + length + " at " + start);
        }
        live.remove(start);
        used -= length;
        long regionStart = regions.floorKey(start);
        long regionEnd = regionStart + regions.get(regionStart);
        long newStart = start;
        long newEnd = start + length;
        Map.Entry<Long, Long> before = free.lowerEntry(start);
        if (before != null && before.getKey() + before.getValue() == start && before.getKey() >= regionStart) {
            newStart = before.getKey();
            free.remove(before.getKey());
        }
        Long after = free.get(newEnd);
        if (after != null && newEnd < regionEnd) {
            free.remove(newEnd);
            newEnd += after;
        }
        free.put(newStart, newEnd - newStart);
    }

    void reset() {
        live.clear();
        free.clear();
        free.putAll(regions);
        used = 0;
    }

    long total() {
        return total;
    }

    long used() {
        return used;
    }

    AllocatorStats stats() {
        long largest = 0;
        for (long length : free.values()) {
            largest = Math.max(largest, length);
        }
        return new AllocatorStats(total, used, total - used, live.size(), free.size(), largest);
    }

    void forEach(BlockVisitor visitor, long unitShift) {
        List<long[]> runs = new ArrayList<>();
        free.forEach((start, length) -> runs.add(new long[] {start, length, 0}));
        live.forEach((start, length) -> runs.add(new long[] {start, length, 1}));
        runs.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] run : runs) {
            visitor.visit(run[0] << unitShift, run[1], run[2] == 1);
        }
    }
}
