package dev.allocator.tck;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the threads of a {@link ConcurrentByteAllocatorContract} run hold: every live block with its size, alignment
 * and usable size, keyed by address, under one monitor. A block is added after {@code alloc} returns and removed
 * before {@code dealloc} is called, so an allocator that hands out a block overlapping a live one is caught when
 * the second is added. At quiescence, {@link #checkQuiescent} compares the allocator with this set.
 */
final class SharedBlocks {
    /** One live block: {@code [pos, pos + usable)}. */
    static final class Block {
        final long pos;
        final long size;
        final long align;
        final long usable;

        Block(long pos, long size, long align, long usable) {
            this.pos = pos;
            this.size = size;
            this.align = align;
            this.usable = usable;
        }

        long end() {
            return pos + usable;
        }

        @Override
        public String toString() {
            return "[" + pos + ", " + end() + ") (" + size + " bytes aligned to " + align + ")";
        }
    }

    private final TreeMap<Long, Block> live = new TreeMap<>();
    private final long regionStart;
    private final long regionEnd;

    SharedBlocks(long regionStart, long regionSize) {
        this.regionStart = regionStart;
        this.regionEnd = regionStart + regionSize;
    }

    /**
     * Adds a block just allocated, checking it is aligned, inside the region and overlaps no live block.
     *
     * @throws AssertionError naming the property and both blocks
     */
    synchronized void add(Block block, String who) {
        if (block.pos % block.align != 0) {
            throw new AssertionError("[alignment] " + who + " got " + block + ", not a multiple of " + block.align);
        }
        if (block.pos < regionStart || block.end() > regionEnd || block.end() < block.pos) {
            throw new AssertionError("[bounds] " + who + " got " + block + ", outside the region [" + regionStart
                    + ", " + regionEnd + ")");
        }
        Map.Entry<Long, Block> before = live.floorEntry(block.pos);
        if (before != null && before.getValue().end() > block.pos) {
            throw new AssertionError("[overlap] " + who + " got " + block + ", which overlaps the live block "
                    + before.getValue());
        }
        Map.Entry<Long, Block> after = live.ceilingEntry(block.pos);
        if (after != null && after.getValue().pos < block.end()) {
            throw new AssertionError("[overlap] " + who + " got " + block + ", which overlaps the live block "
                    + after.getValue());
        }
        live.put(block.pos, block);
    }

    /** Removes a block about to be freed (or resized). */
    synchronized void remove(Block block) {
        if (live.remove(block.pos) != block) {
            throw new AssertionError("the test lost track of " + block);
        }
    }

    /** Whether a block starts at {@code pos} now. */
    synchronized boolean isLive(long pos) {
        return live.containsKey(pos);
    }

    synchronized int size() {
        return live.size();
    }

    /**
     * With no call running, checks the allocator against the live set: {@code used} is the sum of the usable
     * sizes, {@code used + available == total}, {@code stats()} agrees, and the heap walk covers the total in
     * address order with every live block inside a used run and every used run holding a live block.
     *
     * @param when what just happened, for messages
     */
    synchronized void checkQuiescent(ByteAllocator allocator, String when) {
        long sum = 0;
        for (Block block : live.values()) {
            sum += block.usable;
        }
        long total = allocator.totalBytes();
        long used = allocator.usedBytes();
        long available = allocator.availableBytes();
        if (used != sum) {
            throw new AssertionError("[accounting] " + when + ": usedBytes() is " + used + " but the " + live.size()
                    + " live blocks take " + sum + " bytes (sum of usableSize)");
        }
        if (used + available != total) {
            throw new AssertionError("[accounting] " + when + ": used " + used + " + available " + available
                    + " != total " + total);
        }
        AllocatorStats stats = allocator.stats();
        if (stats.total() != total || stats.used() != used || stats.available() != available
                || stats.liveBlocks() != live.size()) {
            throw new AssertionError("[stats] " + when + ": stats() " + stats + " disagrees with the counters ("
                    + total + ", " + used + ", " + available + ") or the " + live.size() + " live blocks");
        }
        if ((available > 0) != (stats.largestFree() > 0) || stats.largestFree() > available) {
            throw new AssertionError("[stats] " + when + ": largestFree " + stats.largestFree()
                    + " with " + available + " bytes available");
        }
        checkWalk(allocator, total, used, when);
    }

    private void checkWalk(ByteAllocator allocator, long total, long used, String when) {
        List<long[]> runs = new ArrayList<>();
        allocator.forEachBlock((start, size, isUsed) -> runs.add(new long[] {start, size, isUsed ? 1 : 0}));
        long covered = 0;
        long usedCovered = 0;
        long previousEnd = Long.MIN_VALUE;
        List<long[]> usedRuns = new ArrayList<>();
        for (long[] run : runs) {
            if (run[1] <= 0 || run[0] < previousEnd) {
                throw new AssertionError("[walk] " + when + ": forEachBlock is not in address order or has an empty "
                        + "run at " + run[0] + "+" + run[1]);
            }
            previousEnd = run[0] + run[1];
            covered += run[1];
            if (run[2] == 1) {
                usedCovered += run[1];
                long[] last = usedRuns.isEmpty() ? null : usedRuns.get(usedRuns.size() - 1);
                if (last != null && last[1] == run[0]) {
                    last[1] = run[0] + run[1];
                } else {
                    usedRuns.add(new long[] {run[0], run[0] + run[1], 0});
                }
            }
        }
        if (covered != total || usedCovered != used) {
            throw new AssertionError("[walk] " + when + ": forEachBlock covers " + covered + " bytes (" + usedCovered
                    + " used); total is " + total + ", used " + used);
        }
        int next = 0;
        for (Block block : live.values()) {
            while (next < usedRuns.size() && usedRuns.get(next)[1] <= block.pos) {
                next++;
            }
            if (next == usedRuns.size() || usedRuns.get(next)[0] > block.pos || usedRuns.get(next)[1] < block.end()) {
                throw new AssertionError("[walk] " + when + ": the live block " + block + " is not inside a used "
                        + "run of forEachBlock");
            }
            usedRuns.get(next)[2] = 1;
        }
        for (long[] run : usedRuns) {
            if (run[2] == 0) {
                throw new AssertionError("[walk] " + when + ": forEachBlock reports used [" + run[0] + ", " + run[1]
                        + ") where no block is live");
            }
        }
    }
}
