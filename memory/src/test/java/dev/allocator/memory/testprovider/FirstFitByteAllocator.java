package dev.allocator.memory.testprovider;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.Regions;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple first-fit byte allocator for this module's tests, so they run whatever real providers are
 * on the path: free ranges in a {@link TreeMap} (start to end) scanned in address order, live blocks in a
 * {@link HashMap}. Boxing and linear scans are fine here; correctness is all it is for. Blocks take their size
 * rounded up to 8 bytes (8 for size 0); free neighbours merge on free.
 */
public final class FirstFitByteAllocator implements ByteAllocator {
    private static final long GRANULE = 8;

    private final Regions regions = new Regions();
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private final Map<Long, Long> live = new HashMap<>();
    private long used;

    @Override
    public void init(long start, long size) {
        if (regions.count() > 0) {
            throw AllocException.memoryOverlap("initialised already");
        }
        addMemory(start, size);
    }

    @Override
    public void addMemory(long start, long size) {
        regions.add(start, size);
        if (size > 0) {
            free.put(start, start + size);
        }
    }

    @Override
    public long alloc(long size, long align) {
        long block = tryAlloc(size, align);
        if (block == NO_BLOCK) {
            throw AllocException.noMemory("no memory for " + size + " bytes aligned to " + align + ": "
                    + availableBytes() + " bytes available, largest free block " + stats().largestFree());
        }
        return block;
    }

    @Override
    public long tryAlloc(long size, long align) {
        long length = usableSize(size, align);
        for (Map.Entry<Long, Long> range : free.entrySet()) {
            long start = range.getKey();
            long end = range.getValue();
            long aligned = Alignment.alignUp(start, align);
            if (aligned <= end && length <= end - aligned) {
                free.remove(start);
                if (aligned > start) {
                    free.put(start, aligned);
                }
                if (aligned + length < end) {
                    free.put(aligned + length, end);
                }
                live.put(aligned, length);
                used += length;
                return aligned;
            }
        }
        return NO_BLOCK;
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        long length = usableSize(size, align);
        Long liveLength = live.get(pos);
        if (liveLength == null || liveLength != length) {
            throw AllocException.notAllocated("no live block of " + length + " bytes at " + pos);
        }
        live.remove(pos);
        used -= length;
        release(pos, pos + length);
    }

    @Override
    public long usableSize(long size, long align) {
        if (size < 0) {
            throw AllocException.invalidParam("negative size " + size);
        }
        Alignment.requirePowerOfTwo(align);
        return Math.max(GRANULE, Alignment.alignUp(size, GRANULE));
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        long oldLength = usableSize(oldSize, align);
        long newLength = usableSize(newSize, align);
        Long liveLength = live.get(pos);
        if (liveLength == null || liveLength != oldLength) {
            throw AllocException.notAllocated("no live block of " + oldLength + " bytes at " + pos);
        }
        if (newLength <= oldLength) {
            if (newLength < oldLength) {
                release(pos + newLength, pos + oldLength);
            }
        } else {
            Long nextEnd = free.get(pos + oldLength);
            if (nextEnd == null || nextEnd - pos < newLength) {
                return false;
            }
            free.remove(pos + oldLength);
            if (pos + newLength < nextEnd) {
                free.put(pos + newLength, nextEnd);
            }
        }
        live.put(pos, newLength);
        used += newLength - oldLength;
        return true;
    }

    @Override
    public void reset() {
        free.clear();
        live.clear();
        used = 0;
        for (int i = 0; i < regions.count(); i++) {
            free.put(regions.start(i), regions.end(i));
        }
    }

    @Override
    public AllocatorStats stats() {
        long largest = 0;
        for (Map.Entry<Long, Long> range : free.entrySet()) {
            largest = Math.max(largest, range.getValue() - range.getKey());
        }
        return new AllocatorStats(totalBytes(), used, availableBytes(), live.size(), free.size(), largest);
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        TreeMap<Long, long[]> all = new TreeMap<>();
        free.forEach((start, end) -> all.put(start, new long[] {end - start, 0}));
        live.forEach((start, length) -> all.put(start, new long[] {length, 1}));
        all.forEach((start, run) -> visitor.visit(start, run[0], run[1] == 1));
    }

    @Override
    public long totalBytes() {
        return regions.totalSize();
    }

    @Override
    public long usedBytes() {
        return used;
    }

    @Override
    public long availableBytes() {
        return totalBytes() - used;
    }

    /** Returns a range to the free map, merging with free neighbours in the same region. */
    private void release(long start, long end) {
        Map.Entry<Long, Long> before = free.floorEntry(start);
        if (before != null && before.getValue() == start && sameRegion(before.getKey(), start)) {
            start = before.getKey();
            free.remove(start);
        }
        Long afterEnd = free.get(end);
        if (afterEnd != null && sameRegion(start, end)) {
            free.remove(end);
            end = afterEnd;
        }
        free.put(start, end);
    }

    private boolean sameRegion(long first, long second) {
        return regions.indexOf(first) == regions.indexOf(second);
    }
}
