package dev.allocator.cli;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Plays a {@link Trace} on an allocator.
 *
 * <p>A failed allocation (no memory) stores {@link ByteAllocator#NO_BLOCK} as the block's address and is counted;
 * the later free of that block is skipped. Byte allocators are asked through
 * {@link ByteAllocator#tryAlloc(long, long)}, which fails without an exception. Any other error of the allocator is
 * a {@link ReplayException} naming the operation.
 *
 * <p>The timed loops are {@link ReplayLoop}'s. An {@link #isolated()} replayer runs them in its own hidden copy of
 * that class: when several allocator classes are measured in one JVM, a shared loop's call sites would turn
 * megamorphic and make every allocator after the second slower by a virtual call per operation.
 */
final class Replayer {
    private static final MethodType LOOP_TYPE =
            MethodType.methodType(int.class, BaseAllocator.class, Trace.class, int.class, long[].class);
    private static final Replayer SHARED = new Replayer(sharedLoop());

    private final MethodHandle loop;

    private Replayer(MethodHandle loop) {
        this.loop = loop;
    }

    /** A replayer running the one shared copy of the loops (for untimed replays). */
    static Replayer shared() {
        return SHARED;
    }

    /** A replayer with its own copy of the loops, for timing one allocator class; the shared one if that fails. */
    static Replayer isolated() {
        String file = ReplayLoop.class.getSimpleName() + ".class";
        try (InputStream in = ReplayLoop.class.getResourceAsStream(file)) {
            if (in == null) {
                return SHARED;
            }
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClass(in.readAllBytes(), true);
            return new Replayer(copy.findStatic(copy.lookupClass(), "run", LOOP_TYPE));
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            return SHARED;
        }
    }

    private static MethodHandle sharedLoop() {
        try {
            return MethodHandles.lookup().findStatic(ReplayLoop.class, "run", LOOP_TYPE);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replays operations {@code [0, limit)}.
     *
     * @param addresses scratch space of at least {@link Trace#blockCount()} entries
     * @return the number of failed allocations
     * @throws ReplayException if the allocator throws anything but NO_MEMORY
     */
    int run(BaseAllocator allocator, Trace trace, int limit, long[] addresses) {
        try {
            return (int) loop.invokeExact(allocator, trace, limit, addresses);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
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
     * Replays the whole trace untimed, reading the used space after every allocation, and tells where it first
     * peaked.
     *
     * @throws ReplayException if the allocator throws anything but NO_MEMORY
     */
    static Peak findPeak(BaseAllocator allocator, Trace trace, long[] addresses) {
        int failures = 0;
        long peakUsed = used(allocator);
        int peakOps = 0;
        int i = 0;
        try {
            for (; i < trace.opCount(); i++) {
                int id = trace.id(i);
                if (trace.op(i) == Trace.ALLOC) {
                    addresses[id] = allocate(allocator, trace.size(i), trace.align(i));
                    if (addresses[id] == ByteAllocator.NO_BLOCK) {
                        failures++;
                    }
                    long used = used(allocator);
                    if (used > peakUsed) {
                        peakUsed = used;
                        peakOps = i + 1;
                    }
                } else if (addresses[id] != ByteAllocator.NO_BLOCK) {
                    free(allocator, addresses[id], trace.size(i), trace.align(i));
                }
            }
        } catch (RuntimeException e) {
            throw new ReplayException(trace, i, e);
        }
        return new Peak(peakOps, peakUsed, failures);
    }

    private static long allocate(BaseAllocator allocator, long size, long align) {
        if (allocator instanceof ByteAllocator) {
            return ((ByteAllocator) allocator).tryAlloc(size, align);
        }
        try {
            if (allocator instanceof IdAllocator) {
                return ((IdAllocator) allocator).allocId(size, align);
            }
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
        } else if (allocator instanceof IdAllocator) {
            ((IdAllocator) allocator).deallocId(address, size);
        } else {
            ((PageAllocator) allocator).deallocPages(address, size);
        }
    }

    /** The used space in the allocator's own unit (bytes, pages or IDs), O(1). */
    static long used(BaseAllocator allocator) {
        if (allocator instanceof ByteAllocator) {
            return ((ByteAllocator) allocator).usedBytes();
        }
        if (allocator instanceof IdAllocator) {
            return ((IdAllocator) allocator).used();
        }
        return ((PageAllocator) allocator).usedPages();
    }
}
