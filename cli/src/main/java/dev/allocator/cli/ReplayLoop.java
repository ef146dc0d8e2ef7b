package dev.allocator.cli;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;

/**
 * The timed replay loops. They touch only the trace's primitive arrays and a {@code long[]} of block addresses
 * indexed by block id, so what a timer around them measures is the allocator.
 *
 * <p>{@link Replayer} loads a private copy of this class for each allocator it measures, so the JIT's type profile
 * at the allocator call sites sees one allocator class only and no allocator pays for those measured before it.
 * Keep the class self-contained: static methods, no nested classes.
 */
final class ReplayLoop {
    private ReplayLoop() {
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
        if (allocator instanceof IdAllocator) {
            return runIds((IdAllocator) allocator, trace, limit, addresses);
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

    private static int runIds(IdAllocator allocator, Trace trace, int limit, long[] addresses) {
        byte[] ops = trace.ops();
        int[] ids = trace.ids();
        long[] sizes = trace.sizes();
        long[] aligns = trace.aligns();
        int failures = 0;
        int i = 0;
        try {
            for (; i < limit; i++) {
                if (ops[i] == Trace.ALLOC) {
                    long first;
                    try {
                        first = allocator.allocId(sizes[i], aligns[i]);
                    } catch (AllocException e) {
                        if (e.error() != AllocError.NO_MEMORY) {
                            throw e;
                        }
                        first = ByteAllocator.NO_BLOCK;
                        failures++;
                    }
                    addresses[ids[i]] = first;
                } else {
                    long first = addresses[ids[i]];
                    if (first != ByteAllocator.NO_BLOCK) {
                        allocator.deallocId(first, sizes[i]);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new ReplayException(trace, i, e);
        }
        return failures;
    }
}
