package dev.allocator.cli;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.PageAllocator;

/**
 * Plays a {@link Trace} on an allocator. The loops touch only the trace's primitive arrays and a {@code long[]} of
 * block addresses indexed by block id, so what a timer around them measures is the allocator.
 *
 * <p>A failed allocation (no memory) stores {@link ByteAllocator#NO_BLOCK} as the block's address and is counted;
 * the later free of that block is skipped. Byte allocators are asked through
 * {@link ByteAllocator#tryAlloc(long, long)}, which fails without an exception. Any other error of the allocator is
 * a {@link ReplayException} naming the operation.
 */
final class Replayer {
    private Replayer() {
    }

    /** Where the used space peaked in a replay. */
    static final class Peak {
        /** Operations to replay to reach the peak (the peak is right after operation {@code ops - 1}). */
        final int ops;
        /** The used space at the peak, in the allocator's unit (bytes or pages). */
        final long used;
        /** Failed allocations in the whole replay. */
        final int failures;

        Peak(int ops, long used, int failures) {
            this.ops = ops;
            this.used = used;
            this.failures = failures;
        }
    }

    /**
     * Replays operations {@code [0, limit)}.
     *
     * @param addresses scratch space of at least {@link Trace#blockCount()} entries
     * @return the number of failed allocations
     * @throws ReplayException if the allocator throws anything but NO_MEMORY
     */
    static int run(BaseAllocator allocator, Trace trace, int limit, long[] addresses) {
        if (allocator instanceof ByteAllocator) {
            return runBytes((ByteAllocator) allocator, trace, limit, addresses);
        }
        return runPages((PageAllocator) allocator, trace, limit, addresses);
    }

    private static int runBytes(ByteAllocator allocator, Trace trace, int limit, long[] addresses) {
        byte[] ops = trace.ops();
        int[] ids = trace.ids();
        long[] sizes = trace.sizes();
        long[] aligns = trace.aligns();
        int failures = 0;
        int i = 0;
        try {
            for (; i < limit; i++) {
                if (ops[i] == Trace.ALLOC) {
                    long address = allocator.tryAlloc(sizes[i], aligns[i]);
                    addresses[ids[i]] = address;
                    if (address == ByteAllocator.NO_BLOCK) {
                        failures++;
                    }
                } else {
                    long address = addresses[ids[i]];
                    if (address != ByteAllocator.NO_BLOCK) {
                        allocator.dealloc(address, sizes[i], aligns[i]);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new ReplayException(trace, i, e);
        }
        return failures;
    }

    private static int runPages(PageAllocator allocator, Trace trace, int limit, long[] addresses) {
        byte[] ops = trace.ops();
        int[] ids = trace.ids();
        long[] sizes = trace.sizes();
        long[] aligns = trace.aligns();
        int failures = 0;
        int i = 0;
        try {
            for (; i < limit; i++) {
                if (ops[i] == Trace.ALLOC) {
                    long address;
                    try {
                        address = allocator.allocPages(sizes[i], aligns[i]);
                    } catch (AllocException e) {
                        if (e.error() != AllocError.NO_MEMORY) {
                            throw e;
                        }
                        address = ByteAllocator.NO_BLOCK;
                        failures++;
                    }
                    addresses[ids[i]] = address;
                } else {
                    long address = addresses[ids[i]];
                    if (address != ByteAllocator.NO_BLOCK) {
                        allocator.deallocPages(address, sizes[i]);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new ReplayException(trace, i, e);
        }
        return failures;
    }

    /**
     * Replays the whole trace, reading the used space after every allocation (untimed), and tells where it peaked
     * first.
     */
    static Peak findPeak(BaseAllocator allocator, Trace trace, long[] addresses) {
        int failures = 0;
        long peakUsed = used(allocator);
        int peakOps = 0;
        for (int i = 0; i < trace.opCount(); i++) {
            failures += runRange(allocator, trace, i, i + 1, addresses);
            if (trace.op(i) == Trace.ALLOC) {
                long used = used(allocator);
                if (used > peakUsed) {
                    peakUsed = used;
                    peakOps = i + 1;
                }
            }
        }
        return new Peak(peakOps, peakUsed, failures);
    }

    /** Replays operations {@code [from, to)} through the generic helpers (untimed, for for {@link #findPeak}). */
    private static int runRange(BaseAllocator allocator, Trace trace, int from, int to, long[] addresses) {
        int failures = 0;
        int i = from;
        try {
            for (; i < to; i++) {
                if (trace.op(i) == Trace.ALLOC) {
                    long address = allocate(allocator, trace.size(i), trace.align(i));
                    addresses[trace.id(i)] = address;
                    if (address == ByteAllocator.NO_BLOCK) {
                        failures++;
                    }
                } else if (addresses[trace.id(i)] != ByteAllocator.NO_BLOCK) {
                    free(allocator, addresses[trace.id(i)], trace.size(i), trace.align(i));
                }
            }
        } catch (RuntimeException e) {
            throw new ReplayException(trace, i, e);
        }
        return failures;
    }

    private static long allocate(BaseAllocator allocator, long size, long align) {
        if (allocator instanceof ByteAllocator) {
            return ((ByteAllocator) allocator).tryAlloc(size, align);
        }
        try {
            return ((PageAllocator) allocator).allocPages(size, align);
        } catch (AllocException e) {
            if (e.error() != AllocError.NO_MEMORY) {
                throw e;
            }
            return ByteAllocator.NO_BLOCK;
        }
    }

    private static void free(BaseAllocator allocator, long address, long size, long align) {
        if (allocator instanceof ByteAllocator) {
            ((ByteAllocator) allocator).dealloc(address, size, align);
        } else {
            ((PageAllocator) allocator).deallocPages(address, size);
        }
    }

    /** The used space in the allocator's own unit, O(1). */
    static long used(BaseAllocator allocator) {
        if (allocator instanceof ByteAllocator) {
            return ((ByteAllocator) allocator).usedBytes();
        }
        return ((PageAllocator) allocator).usedPages();
    }
}
