package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deliberately broken variants of the reference allocators, one bug each, that the contract must catch. Each is a
 * reference allocator with one method wrong (or with a core that is). Public with public constructors where the
 * forked metadata-failure check must create them in another JVM.
 */
public final class BrokenAllocators {
    private BrokenAllocators() {
    }

    /** A request whose size is 3 modulo 4 gets the address of the lowest live block (if aligned): blocks overlap. */
    static final class Overlapping extends ReferenceByteAllocator {
        @Override
        public long alloc(long size, long align) {
            long lowest = core().lowestLiveBlock();
            long pos = super.alloc(size, align);
            return size % 4 == 3 && lowest >= 0 && lowest % align == 0 ? lowest : pos;
        }
    }

    /** Counts the bytes asked for, not the bytes taken: {@code used} ignores the rounding of {@code usableSize}. */
    static final class WrongAccounting extends ReferenceByteAllocator {
        private long requested;

        @Override
        public long alloc(long size, long align) {
            long pos = super.alloc(size, align);
            requested += size;
            return pos;
        }

        @Override
        public void dealloc(long pos, long size, long align) {
            super.dealloc(pos, size, align);
            requested -= size;
        }

        @Override
        public void reset() {
            super.reset();
            requested = 0;
        }

        @Override
        public long usedBytes() {
            return requested;
        }

        @Override
        public long availableBytes() {
            return totalBytes() - requested;
        }

        @Override
        public AllocatorStats stats() {
            AllocatorStats real = super.stats();
            return new AllocatorStats(real.total(), requested, real.total() - requested, real.liveBlocks(),
                    real.freeRanges(), Math.min(real.largestFree(), real.total() - requested));
        }
    }

    /** Ignores a free of an address that is not a live block (the originals' silent double free). */
    static final class SilentDoubleFree extends ReferenceByteAllocator {
        @Override
        public void dealloc(long pos, long size, long align) {
            try {
                super.dealloc(pos, size, align);
            } catch (AllocException e) {
                // swallowed: the bug
            }
        }
    }

    /** Frees the block before checking the size, so a free with the wrong size frees it and then throws. */
    static final class MutatesBeforeRejecting extends ReferenceByteAllocator {
        MutatesBeforeRejecting() {
            super(new FirstFit(1) {
                @Override
                void free(long pos, long units) {
                    Long length = live.get(pos);
                    if (length == null) {
                        throw AllocException.notAllocated("no live block at " + pos);
                    }
                    super.free(pos, length);
                    if (length != units) {
                        throw AllocException.notAllocated("block at " + pos + " has " + length + " bytes, not "
                                + units);
                    }
                }
            });
        }
    }

    /**
     * After a NO_MEMORY it skips the first fitting gap on the next allocation: a rejected call changes hidden
     * state, seen neither in the counters nor in the walk, only in where later blocks go.
     */
    static final class HiddenStateOnReject extends ReferenceByteAllocator {
        HiddenStateOnReject() {
            super(new FirstFit(1) {
                private boolean skipFirstFit;

                @Override
                long alloc(long units, long align) {
                    try {
                        return super.alloc(units, align);
                    } catch (AllocException e) {
                        skipFirstFit = true;
                        throw e;
                    }
                }

                @Override
                protected long find(long units, long align) {
                    if (!skipFirstFit) {
                        return super.find(units, align);
                    }
                    skipFirstFit = false;
                    return findSecond(units, align);
                }
            });
        }
    }

    /**
     * Keeps freed blocks in a cache for requests of exactly their size and never merges them back: free space
     * stays split. Broken only if the allocator claims full coalescing; with {@code coalescesFully() == false}
     * it passes (as a slab keeping empty slabs would).
     */
    static final class NonCoalescing extends ReferenceByteAllocator {
        NonCoalescing() {
            super(new CachingFirstFit());
        }
    }

    /** A first fit whose freed blocks stay where they were, free but reserved for a request of their size. */
    static final class CachingFirstFit extends FirstFit {
        private final Set<Long> cached = new HashSet<>();

        CachingFirstFit() {
            super(1);
        }

        @Override
        protected long find(long units, long align) {
            for (long pos : cached) {
                if (live.get(pos) == units && pos % align == 0) {
                    return pos;
                }
            }
            return super.find(units, align);
        }

        @Override
        protected void take(long pos, long units) {
            if (cached.remove(pos)) {
                used += units;
                changed();
            } else {
                super.take(pos, units);
            }
        }

        @Override
        void free(long pos, long units) {
            Long length = live.get(pos);
            if (length == null || length != units || cached.contains(pos)) {
                throw AllocException.notAllocated("no live block of " + units + " units at " + pos);
            }
            cached.add(pos);
            used -= units;
            changed();
        }

        @Override
        boolean tryResize(long pos, long oldUnits, long newUnits) {
            if (cached.contains(pos)) {
                throw AllocException.notAllocated("no live block at " + pos);
            }
            return super.tryResize(pos, oldUnits, newUnits);
        }

        @Override
        boolean isAllocated(long address) {
            return super.isAllocated(address) && !cached.contains(live.floorKey(address));
        }

        @Override
        void reset() {
            super.reset();
            cached.clear();
        }

        @Override
        AllocatorStats stats() {
            AllocatorStats all = super.stats();
            return new AllocatorStats(all.total(), all.used(), all.available(), all.liveBlocks() - cached.size(),
                    all.freeRanges(), all.largestFree());
        }

        @Override
        void forEachBlock(BlockVisitor visitor) {
            Objects.requireNonNull(visitor, "visitor");
            super.forEachBlock((start, size, isUsed) -> visitor.visit(start, size, isUsed && !cached.contains(start)));
        }
    }

    /** Ignores alignments above the page size. */
    static final class IgnoresLargeAlignment extends ReferencePageAllocator {
        @Override
        public long allocPages(long numPages, long alignPow2) {
            usableSize(numPages, alignPow2);
            return super.allocPages(numPages, pageSize());
        }
    }

    /** Hands out the second free range that fits, not the lowest. */
    static final class NotLowestFit extends ReferenceIdAllocator {
        NotLowestFit() {
            super(new FirstFit(1) {
                @Override
                protected long find(long units, long align) {
                    return findSecond(units, align);
                }
            });
        }
    }

    // ---- what the hostile battery catches ------------------------------------------------------------------

    /**
     * Walks a copy of its blocks, so a visitor that changes it is never noticed: the walk goes on over stale runs
     * and returns normally (as tlsf did, stopping silently after two visits).
     */
    static final class WalkIgnoresChanges extends ReferenceByteAllocator {
        @Override
        public void forEachBlock(BlockVisitor visitor) {
            List<long[]> runs = new ArrayList<>();
            super.forEachBlock((start, size, used) -> runs.add(new long[] {start, size, used ? 1 : 0}));
            for (long[] run : runs) {
                visitor.visit(run[0], run[1], run[2] == 1);
            }
        }
    }

    /**
     * Marks itself as walking and refuses changes meanwhile, but forgets to clear the mark when the visitor throws:
     * after a walk ended by an exception, every change is refused.
     */
    static final class WalkMarkStuckAfterAThrow extends ReferenceByteAllocator {
        private int walking;

        @Override
        public void forEachBlock(BlockVisitor visitor) {
            walking++;
            super.forEachBlock(visitor);
            walking--;
        }

        @Override
        public long alloc(long size, long align) {
            if (walking > 0) {
                throw new ConcurrentModificationException("alloc during a walk");
            }
            return super.alloc(size, align);
        }
    }

    /** Refuses every call during a walk, reads included: {@code stats()} from a visitor throws. */
    static final class RefusesReadsDuringAWalk extends ReferenceByteAllocator {
        private int walking;

        @Override
        public void forEachBlock(BlockVisitor visitor) {
            walking++;
            try {
                super.forEachBlock(visitor);
            } finally {
                walking--;
            }
        }

        @Override
        public AllocatorStats stats() {
            if (walking > 0) {
                throw new ConcurrentModificationException("stats() during a walk");
            }
            return super.stats();
        }
    }

    /** Catches what its visitor throws and goes on walking. */
    static final class SwallowsVisitorExceptions extends ReferenceByteAllocator {
        @Override
        public void forEachBlock(BlockVisitor visitor) {
            super.forEachBlock((start, size, used) -> {
                try {
                    visitor.visit(start, size, used);
                } catch (RuntimeException e) {
                    // swallowed: the bug
                }
            });
        }
    }

    /** Walks nothing when it has no region, not even to check the visitor: {@code forEachBlock(null)} passes. */
    static final class NullVisitorWhenEmpty extends ReferenceByteAllocator {
        @Override
        public void forEachBlock(BlockVisitor visitor) {
            if (totalBytes() > 0) {
                super.forEachBlock(visitor);
            }
        }
    }

    /**
     * Bookkeeping per 64 units of every range, as buddy's top-level table was: a region of 2^62 bytes asks for an
     * array far larger than the heap.
     */
    static final class MetadataPerUnit extends ReferenceByteAllocator {
        private long[] table = new long[0];

        @Override
        public void init(long start, long size) {
            table = new long[(int) Math.min(size / 64, Integer.MAX_VALUE - 8)];
            super.init(start, size);
        }

        @Override
        public String toString() {
            return "MetadataPerUnit[" + table.length + " entries]";
        }
    }

    /** Only {@code init} initialises it: an {@code init} after {@code addMemory} is accepted. */
    static final class InitAfterAddMemory extends ReferenceByteAllocator {
        private boolean initialised;

        @Override
        public void init(long start, long size) {
            if (initialised) {
                throw AllocException.memoryOverlap("already initialised");
            }
            addMemory(start, size);
            initialised = true;
        }
    }

    /** Silently drops every region after the thousandth (a fixed-size region table). */
    static final class ForgetsRegionsPastAThousand extends ReferenceByteAllocator {
        private int regions;

        @Override
        public void init(long start, long size) {
            super.init(start, size);
            regions++;
        }

        @Override
        public void addMemory(long start, long size) {
            if (++regions <= 1000) {
                super.addMemory(start, size);
            }
        }
    }

    /** Rounds {@code usableSize} with {@code (size + align - 1) & -align}, which wraps for sizes near 2^63. */
    static final class WrappingUsableSize extends ReferenceByteAllocator {
        @Override
        public long usableSize(long size, long align) {
            if (size < 0 || align <= 0 || (align & (align - 1)) != 0) {
                throw AllocException.invalidParam("size " + size + " align " + align);
            }
            return Math.max(8, (size + Math.max(align, 8) - 1) & -Math.max(align, 8));
        }
    }

    /** A free of an interior address frees the block that holds it. */
    static final class FreesInteriorAddresses extends ReferenceByteAllocator {
        private final Map<Long, long[]> blocks = new HashMap<>();

        @Override
        public long alloc(long size, long align) {
            long pos = super.alloc(size, align);
            blocks.put(pos, new long[] {size, align});
            return pos;
        }

        @Override
        public void dealloc(long pos, long size, long align) {
            for (Map.Entry<Long, long[]> block : blocks.entrySet()) {
                long start = block.getKey();
                if (pos > start && pos < start + usableSize(block.getValue()[0], block.getValue()[1])) {
                    super.dealloc(start, block.getValue()[0], block.getValue()[1]);
                    blocks.remove(start);
                    return;
                }
            }
            super.dealloc(pos, size, align);
            blocks.remove(pos);
        }

        @Override
        public void reset() {
            super.reset();
            blocks.clear();
        }
    }

    /** Rejects a region that ends exactly at {@code Long.MAX_VALUE} (an end that overflowed somewhere). */
    static final class RejectsTheTopOfTheAddressSpace extends ReferenceByteAllocator {
        @Override
        public void addMemory(long start, long size) {
            if (size > 0 && start + size == Long.MAX_VALUE) {
                throw AllocException.invalidParam("region [" + start + ", +" + size + ") overflows");
            }
            super.addMemory(start, size);
        }
    }

    /** Places blocks at random among the fitting gaps: correct, but not deterministic (and says it is). */
    static final class RandomPlacement extends ReferenceByteAllocator {
        RandomPlacement() {
            super(new FirstFit(1) {
                private final SplittableRandom random = new SplittableRandom();

                @Override
                protected long find(long units, long align) {
                    return random.nextBoolean() ? super.find(units, align) : findSecond(units, align);
                }
            });
        }
    }

    /**
     * Correct, deterministic, but looking at it changes where its next block goes: after {@code stats()} it places
     * the next block in the second fitting gap (a deferred piece of work done differently when observed).
     */
    static final class ChangedByObservation extends ReferenceByteAllocator {
        ChangedByObservation() {
            super(new ObservableFirstFit());
        }

        @Override
        public AllocatorStats stats() {
            ((ObservableFirstFit) core()).observed = true;
            return super.stats();
        }
    }

    /** First fit, except that the first search after being observed takes the second fitting gap. */
    private static final class ObservableFirstFit extends FirstFit {
        private boolean observed;

        ObservableFirstFit() {
            super(1);
        }

        @Override
        protected long find(long units, long align) {
            boolean second = observed;
            observed = false;
            return second ? findSecond(units, align) : super.find(units, align);
        }
    }

    /** Correct until its 400th allocation; from then on it counts one byte too few per allocation. */
    static final class DriftsAfterManyAllocations extends ReferenceByteAllocator {
        private int allocations;
        private long drift;

        @Override
        public long alloc(long size, long align) {
            long pos = super.alloc(size, align);
            if (++allocations > 400) {
                drift++;
            }
            return pos;
        }

        @Override
        public long usedBytes() {
            return super.usedBytes() - drift;
        }

        @Override
        public long availableBytes() {
            return super.availableBytes() + drift;
        }
    }

    /**
     * Grows a table of its blocks (1024-fold, as a table sized for the next phase), but takes the block first: when
     * the table cannot grow (heap full) the call throws {@link OutOfMemoryError} with the block already taken, used
     * but unknown to the caller.
     */
    public static final class TakesBeforeGrowing extends ReferenceByteAllocator {
        private long[] blocks = new long[16];
        private int count;

        /** Creates an uninitialised allocator. */
        public TakesBeforeGrowing() {
        }

        @Override
        public long alloc(long size, long align) {
            long pos = super.alloc(size, align);
            if (count == blocks.length) {
                blocks = Arrays.copyOf(blocks, count * 1024);
            }
            blocks[count++] = pos;
            return pos;
        }
    }

    /** The same table, grown before the block is taken: a call that cannot grow it changes nothing. */
    public static final class GrowsBeforeTaking extends ReferenceByteAllocator {
        private long[] blocks = new long[16];
        private int count;

        /** Creates an uninitialised allocator. */
        public GrowsBeforeTaking() {
        }

        @Override
        public long alloc(long size, long align) {
            if (count == blocks.length) {
                blocks = Arrays.copyOf(blocks, count * 1024);
            }
            long pos = super.alloc(size, align);
            blocks[count++] = pos;
            return pos;
        }
    }

    /**
     * A provider ("lenient", BYTE) whose option {@code granularity} is read with {@code Long.parseLong} after a
     * {@code trim()}, not with {@link AllocatorOptions}: it takes "+5", "\u0664" and "-0", and throws
     * NumberFormatException for "abc".
     */
    public static final class LenientOptionsProvider implements AllocatorProvider {
        @Override
        public String name() {
            return "lenient";
        }

        @Override
        public AllocatorKind kind() {
            return AllocatorKind.BYTE;
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("granularity", "8");
        }

        @Override
        public BaseAllocator create(AllocatorOptions options) {
            Long.parseLong(options.get("granularity").trim());
            return new ReferenceByteAllocator();
        }
    }
}
