package dev.allocator.tck.broken;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.tck.simple.FirstFit;
import dev.allocator.tck.simple.SimpleByteAllocator;
import dev.allocator.tck.simple.SimpleIdAllocator;
import dev.allocator.tck.simple.SimplePageAllocator;
import java.util.HashSet;
import java.util.Set;

/**
 * Deliberately broken variants of the simple allocators, one bug each, that the contract must catch. Each is the
 * simple allocator with one method wrong.
 */
public final class BrokenAllocators {
    private BrokenAllocators() {
    }

    /** A request whose size is 3 modulo 4 gets the address of the lowest live block (if aligned): blocks overlap. */
    public static final class Overlapping extends SimpleByteAllocator {
        @Override
        public long alloc(long size, long align) {
            long lowest = core.lowestLiveBlock();
            long pos = super.alloc(size, align);
            return size % 4 == 3 && lowest >= 0 && lowest % align == 0 ? lowest : pos;
        }
    }

    /** Counts the bytes asked for, not the bytes taken: {@code used} ignores the rounding of {@code usableSize}. */
    public static final class WrongAccounting extends SimpleByteAllocator {
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
    public static final class SilentDoubleFree extends SimpleByteAllocator {
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
    public static final class MutatesBeforeRejecting extends SimpleByteAllocator {
        public MutatesBeforeRejecting() {
            super(new FirstFit(1) {
                @Override
                public void free(long pos, long units) {
                    Long length = live.remove(pos);
                    if (length == null) {
                        throw AllocException.notAllocated("no live block at " + pos);
                    }
                    used -= length;
                    if (length != units) {
                        throw AllocException.notAllocated("block at " + pos + " has " + length + " bytes, not " + units);
                    }
                }
            });
        }
    }

    /**
     * After a NO_MEMORY it skips the first fitting gap on the next allocation: a rejected call changes hidden
     * state, seen neither in the counters nor in the walk, only in where later blocks go.
     */
    public static final class HiddenStateOnReject extends SimpleByteAllocator {
        public HiddenStateOnReject() {
            super(new FirstFit(1) {
                private boolean skipFirstFit;

                @Override
                public long alloc(long units, long align) {
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
    public static final class NonCoalescing extends SimpleByteAllocator {
        public NonCoalescing() {
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
            } else {
                super.take(pos, units);
            }
        }

        @Override
        public void free(long pos, long units) {
            Long length = live.get(pos);
            if (length == null || length != units || cached.contains(pos)) {
                throw AllocException.notAllocated("no live block of " + units + " units at " + pos);
            }
            cached.add(pos);
            used -= units;
        }

        @Override
        public boolean tryResize(long pos, long oldUnits, long newUnits) {
            if (cached.contains(pos)) {
                throw AllocException.notAllocated("no live block at " + pos);
            }
            return super.tryResize(pos, oldUnits, newUnits);
        }

        @Override
        public boolean isAllocated(long address) {
            return super.isAllocated(address) && !cached.contains(live.floorKey(address));
        }

        @Override
        public void reset() {
            super.reset();
            cached.clear();
        }

        @Override
        public AllocatorStats stats() {
            AllocatorStats all = super.stats();
            return new AllocatorStats(all.total(), all.used(), all.available(), all.liveBlocks() - cached.size(),
                    all.freeRanges(), all.largestFree());
        }

        @Override
        public void forEachBlock(BlockVisitor visitor) {
            super.forEachBlock((start, size, isUsed) -> visitor.visit(start, size, isUsed && !cached.contains(start)));
        }
    }

    /** Ignores alignments above the page size. */
    public static final class IgnoresLargeAlignment extends SimplePageAllocator {
        @Override
        public long allocPages(long numPages, long alignPow2) {
            usableSize(numPages, alignPow2);
            return super.allocPages(numPages, pageSize());
        }
    }

    /** Hands out the second free range that fits, not the lowest. */
    public static final class NotLowestFit extends SimpleIdAllocator {
        public NotLowestFit() {
            super(new FirstFit(1) {
                @Override
                protected long find(long units, long align) {
                    return findSecond(units, align);
                }
            });
        }
    }
}
