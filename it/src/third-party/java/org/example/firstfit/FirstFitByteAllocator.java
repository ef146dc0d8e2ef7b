package org.example.firstfit;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.Regions;
import java.util.Arrays;

/**
 * First fit over one sorted list of blocks that tiles every region.
 *
 * <pre>
 *   region [0, 256)                      region [1024, 1536)
 *   | used 64 | free 64 | used 32 | free 96 |   | free 512 |
 *     block 0   block 1   block 2   block 3        block 4
 * </pre>
 *
 * <p>Invariants: blocks are sorted by start; inside a region (trimmed inwards to the granularity) they leave
 * no gap; every start and size is a multiple of the granularity; no two free blocks touch inside one region
 * (a free merges them); {@code usedBytes} is the sum of the used blocks' sizes. A request takes its size rounded
 * up to the granularity; alignment padding stays a free block of its own, so it never counts as used.
 *
 * <p>Not thread safe. Every operation is O(blocks): this is a small example of a provider, not a fast one.
 */
final class FirstFitByteAllocator implements ByteAllocator {
    private final long granularity;
    private final Regions regions = new Regions();
    private boolean initialized;

    private long[] starts = new long[16];
    private long[] sizes = new long[16];
    private boolean[] used = new boolean[16];
    private int count;

    private long totalBytes;
    private long usedBytes;
    private long liveBlocks;
    /** Set while forEachBlock runs: a visitor that would change the allocator gets a ConcurrentModificationException. */
    private boolean walking;

    FirstFitByteAllocator(long granularity) {
        this.granularity = granularity;
    }

    @Override
    public void init(long start, long size) {
        checkNotWalking();
        if (initialized) {
            throw AllocException.memoryOverlap("init called twice (region [" + start + ", +" + size
                    + ")); add more regions with addMemory");
        }
        addRegion(start, size);
    }

    @Override
    public void addMemory(long start, long size) {
        checkNotWalking();
        addRegion(start, size);
    }

    private void addRegion(long start, long size) {
        regions.checkAddable(start, size);
        long first = trimmedStart(start);
        long end = Alignment.alignDown(start + size, granularity);
        ensureCapacity(count + 1);
        regions.add(start, size);
        initialized = true;
        if (first < end) {
            insert(insertionPoint(first), first, end - first, false);
            totalBytes += end - first;
        }
    }

    /** The region's first granule boundary, or {@code Long.MAX_VALUE} when there is none. */
    private long trimmedStart(long start) {
        long remainder = start & (granularity - 1);
        if (remainder == 0) {
            return start;
        }
        long padding = granularity - remainder;
        return start > Long.MAX_VALUE - padding ? Long.MAX_VALUE : start + padding;
    }

    @Override
    public long alloc(long size, long align) {
        long pos = tryAlloc(size, align);
        if (pos == NO_BLOCK) {
            throw AllocException.noMemory("no memory for " + size + " bytes aligned to " + align + ": "
                    + availableBytes() + " bytes available, largest free block " + largestFree()
                    + (initialized ? "" : " (not initialised)"));
        }
        return pos;
    }

    @Override
    public long tryAlloc(long size, long align) {
        long need = usableSize(size, align);
        checkNotWalking();
        ensureCapacity(count + 2);
        long blockAlign = Math.max(align, granularity);
        for (int i = 0; i < count; i++) {
            if (used[i] || sizes[i] < need) {
                continue;
            }
            long remainder = starts[i] & (blockAlign - 1);
            long padding = remainder == 0 ? 0 : blockAlign - remainder;
            if (padding <= sizes[i] - need) {
                return carve(i, padding, need);
            }
        }
        return NO_BLOCK;
    }

    /** Splits free block {@code i} into [padding free][need used][tail free] and returns the used block. */
    private long carve(int i, long padding, long need) {
        long start = starts[i];
        long tail = sizes[i] - padding - need;
        int usedIndex = i;
        if (padding > 0) {
            sizes[i] = padding;
            usedIndex = i + 1;
            insert(usedIndex, start + padding, need, true);
        } else {
            sizes[i] = need;
            used[i] = true;
        }
        if (tail > 0) {
            insert(usedIndex + 1, start + padding + need, tail, false);
        }
        usedBytes += need;
        liveBlocks++;
        return start + padding;
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        int i = liveBlock(pos, size, align);
        checkNotWalking();
        used[i] = false;
        usedBytes -= sizes[i];
        liveBlocks--;
        if (i + 1 < count && !used[i + 1] && touch(i, i + 1)) {
            sizes[i] += sizes[i + 1];
            remove(i + 1);
        }
        if (i > 0 && !used[i - 1] && touch(i - 1, i)) {
            sizes[i - 1] += sizes[i];
            remove(i);
        }
    }

    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        long newNeed = usableSize(newSize, align);
        int i = liveBlock(pos, oldSize, align);
        checkNotWalking();
        long current = sizes[i];
        if (newNeed == current) {
            return true;
        }
        boolean nextIsFree = i + 1 < count && !used[i + 1] && touch(i, i + 1);
        if (newNeed < current) {
            if (!nextIsFree) {
                ensureCapacity(count + 1); // room for the freed tail before anything changes
            }
            long freed = current - newNeed;
            sizes[i] = newNeed;
            usedBytes -= freed;
            if (nextIsFree) {
                starts[i + 1] -= freed;
                sizes[i + 1] += freed;
            } else {
                insert(i + 1, pos + newNeed, freed, false);
            }
            return true;
        }
        long extra = newNeed - current;
        if (!nextIsFree || sizes[i + 1] < extra) {
            return false;
        }
        sizes[i] = newNeed;
        usedBytes += extra;
        if (sizes[i + 1] == extra) {
            remove(i + 1);
        } else {
            starts[i + 1] += extra;
            sizes[i + 1] -= extra;
        }
        return true;
    }

    /** Validates a (pos, size, align) triple and returns the index of the live block it names. */
    private int liveBlock(long pos, long size, long align) {
        long need = usableSize(size, align);
        int i = count == 0 ? -1 : Arrays.binarySearch(starts, 0, count, pos);
        if (i < 0 || !used[i]) {
            throw AllocException.notAllocated("no live block at " + pos + " (size " + size + ", align " + align
                    + "): never allocated or already freed");
        }
        if (sizes[i] != need) {
            throw AllocException.notAllocated("the block at " + pos + " has " + sizes[i] + " bytes, but size "
                    + size + " takes " + need);
        }
        return i;
    }

    private boolean touch(int left, int right) {
        return starts[left] + sizes[left] == starts[right]
                && regions.indexOf(starts[left]) == regions.indexOf(starts[right]);
    }

    @Override
    public long usableSize(long size, long align) {
        if (size < 0) {
            throw AllocException.invalidParam("size " + size + " is negative");
        }
        Alignment.requirePowerOfTwo(align);
        if (size > Long.MAX_VALUE - Math.max(align, granularity)) {
            throw AllocException.invalidParam("size " + size + " with alignment " + align + " overflows a long");
        }
        return Alignment.alignUp(Math.max(size, 1), granularity);
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public long usedBytes() {
        return usedBytes;
    }

    @Override
    public long availableBytes() {
        return totalBytes - usedBytes;
    }

    @Override
    public void reset() {
        checkNotWalking();
        ensureCapacity(regions.count());
        count = 0;
        for (int r = 0; r < regions.count(); r++) {
            long first = trimmedStart(regions.start(r));
            long end = Alignment.alignDown(regions.end(r), granularity);
            if (first < end) {
                insert(count, first, end - first, false);
            }
        }
        usedBytes = 0;
        liveBlocks = 0;
    }

    @Override
    public AllocatorStats stats() {
        long freeRanges = 0;
        for (int i = 0; i < count; i++) {
            if (!used[i]) {
                freeRanges++;
            }
        }
        return new AllocatorStats(totalBytes, usedBytes, availableBytes(), liveBlocks, freeRanges, largestFree());
    }

    private long largestFree() {
        long largest = 0;
        for (int i = 0; i < count; i++) {
            if (!used[i]) {
                largest = Math.max(largest, sizes[i]);
            }
        }
        return largest;
    }

    @Override
    public void forEachBlock(BlockVisitor visitor) {
        java.util.Objects.requireNonNull(visitor, "visitor");
        boolean outer = !walking;
        walking = true;
        try {
            for (int i = 0; i < count; i++) {
                visitor.visit(starts[i], sizes[i], used[i]);
            }
        } finally {
            if (outer) {
                walking = false;
            }
        }
    }

    private void checkNotWalking() {
        if (walking) {
            throw new java.util.ConcurrentModificationException("cannot change the allocator from forEachBlock");
        }
    }

    private int insertionPoint(long start) {
        int found = Arrays.binarySearch(starts, 0, count, start);
        return found >= 0 ? found : -found - 1;
    }

    private void insert(int index, long start, long size, boolean isUsed) {
        System.arraycopy(starts, index, starts, index + 1, count - index);
        System.arraycopy(sizes, index, sizes, index + 1, count - index);
        System.arraycopy(used, index, used, index + 1, count - index);
        starts[index] = start;
        sizes[index] = size;
        used[index] = isUsed;
        count++;
    }

    private void remove(int index) {
        System.arraycopy(starts, index + 1, starts, index, count - index - 1);
        System.arraycopy(sizes, index + 1, sizes, index, count - index - 1);
        System.arraycopy(used, index + 1, used, index, count - index - 1);
        count--;
    }

    /** Grows the arrays for {@code wanted} blocks; all three are copied before any is replaced (OOM-safe). */
    private void ensureCapacity(int wanted) {
        if (wanted > starts.length) {
            int capacity = Math.max(wanted, starts.length * 2);
            long[] grownStarts = Arrays.copyOf(starts, capacity);
            long[] grownSizes = Arrays.copyOf(sizes, capacity);
            boolean[] grownUsed = Arrays.copyOf(used, capacity);
            starts = grownStarts;
            sizes = grownSizes;
            used = grownUsed;
        }
    }
}
