package dev.allocator.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.spi.AllocatorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of alloc and free, checked by Lincheck against this same allocator run by one thread (Lincheck's
 * sequential run of the operations on a fresh instance of this class): every concurrent execution must give
 * results that some one-thread order of the same operations gives.
 *
 * <p>The operations work on four slots, each with its own size (two served by chunks and thread caches, one by a
 * chunk but not cached, one by the root): {@code alloc(slot)} fills an empty slot, {@code free(slot)} empties it,
 * {@code freeTwice(slot)} frees the block and then frees it again, which must be NOT_ALLOCATED. An allocator that
 * handed one block out twice would make a later free fail where the one-thread run succeeds; a free that went
 * wrong shows as an exception in the results. After every execution, {@link #accountingIsExact()} checks, with
 * every thread stopped, that the slots' blocks do not overlap and that usedBytes, stats and the heap walk are
 * exact. Runs on the class path (Lincheck is not a module), in its own surefire execution. The default is short
 * for CI (about 30 s); a longer run: {@code mvn -pl concurrent -am verify -Dtest=*LincheckTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dallocator.lincheck.iterations=100 -Dallocator.lincheck.invocations=1000}.
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:3")
public class ConcurrentByteAllocatorLincheckTest {
    private static final long EMPTY = -1;
    private static final long PENDING = -2;
    /** Slot sizes: cached in a chunk, cached in a chunk, too large to cache (chunk), too large for a chunk (root). */
    private static final long[] SIZES = {24, 256, 60_000, 300_000};
    private static final long ALIGN = 16;
    /** Slots 0 and 1 hold sizes the thread caches keep. */
    private static final int CACHED_SLOTS = 2;
    private static final long REGION = 16L << 20;

    private final ConcurrentByteAllocator allocator = newAllocator();
    private final AtomicLongArray slots = new AtomicLongArray(new long[] {EMPTY, EMPTY, EMPTY, EMPTY});

    /**
     * One arena (every thread shares it, so threads meet on its lock and its chunk's registry), with its chunk
     * leased here, before Lincheck watches: the model checker would take the long loops of a new instance of the
     * algorithm for a hang.
     */
    private static ConcurrentByteAllocator newAllocator() {
        ConcurrentByteAllocator allocator = ConcurrentByteAllocator.of("tlsf",
                AllocatorOptions.of("arenas", "1", "chunk-size", "1MiB", "cache-max-block", "4KiB"));
        allocator.init(0, REGION);
        for (long size : SIZES) {
            allocator.dealloc(allocator.alloc(size, ALIGN), size, ALIGN);
        }
        allocator.flushThreadCache();
        return allocator;
    }

    /** Allocates into an empty slot; false if it holds a block. */
    @Operation
    public boolean alloc(@Param(name = "slot") int slot) {
        while (true) {
            long held = slots.get(slot);
            if (held == PENDING) {
                Thread.yield(); // another alloc of this slot is under way
                continue;
            }
            if (held != EMPTY) {
                return false;
            }
            if (slots.compareAndSet(slot, EMPTY, PENDING)) {
                slots.set(slot, allocator.alloc(SIZES[slot], ALIGN));
                return true;
            }
        }
    }

    /** Frees the slot's block: "ok", or "empty" if it holds none. */
    @Operation
    public String free(@Param(name = "slot") int slot) {
        long pos = take(slot);
        if (pos == EMPTY) {
            return "empty";
        }
        allocator.dealloc(pos, SIZES[slot], ALIGN);
        return "ok";
    }

    /**
     * Frees the slot's block, then frees it again: the second must be NOT_ALLOCATED. Only for the cached sizes:
     * their first free puts the block in this thread's cache, where no other thread can take it before the second
     * free. A block that goes home at once may be handed to another thread in between, and then the second free
     * is that thread's block's (legitimately), which no one-thread order shows; the hammer test checks double
     * frees of those sizes, at quiescence.
     */
    @Operation
    public String freeTwice(@Param(name = "slot") int slot) {
        if (slot >= CACHED_SLOTS) {
            return free(slot);
        }
        long pos = take(slot);
        if (pos == EMPTY) {
            return "empty";
        }
        allocator.dealloc(pos, SIZES[slot], ALIGN);
        try {
            allocator.dealloc(pos, SIZES[slot], ALIGN);
            return "freed twice";
        } catch (AllocException e) {
            return e.error().name();
        }
    }

    private long take(int slot) {
        while (true) {
            long held = slots.get(slot);
            if (held == PENDING) {
                Thread.yield();
                continue;
            }
            if (held == EMPTY || slots.compareAndSet(slot, held, EMPTY)) {
                return held;
            }
        }
    }

    /** With every thread stopped: the slots' blocks are disjoint and the allocator accounts for them exactly. */
    @Validate
    public void accountingIsExact() {
        long used = 0;
        List<long[]> blocks = new ArrayList<>();
        for (int slot = 0; slot < SIZES.length; slot++) {
            long pos = slots.get(slot);
            if (pos >= 0) {
                long usable = allocator.usableSize(SIZES[slot], ALIGN);
                used += usable;
                for (long[] other : blocks) {
                    assertTrue(pos + usable <= other[0] || other[0] + other[1] <= pos, "blocks overlap");
                }
                blocks.add(new long[] {pos, usable});
            }
        }
        assertEquals(used, allocator.usedBytes(), "usedBytes");
        AllocatorStats stats = allocator.stats();
        assertEquals(used, stats.used(), "stats().used");
        assertEquals(blocks.size(), stats.liveBlocks(), "stats().liveBlocks");
        long[] walked = new long[2];
        allocator.forEachBlock((start, size, isUsed) -> {
            walked[0] += size;
            walked[1] += isUsed ? size : 0;
        });
        assertEquals(REGION, walked[0], "the walk covers the region");
        assertEquals(used, walked[1], "the walk's used runs");
    }

    @Test
    void modelCheckingFindsNoNonLinearizableExecution() {
        new ModelCheckingOptions()
                .iterations(Integer.getInteger("allocator.lincheck.iterations", 6))
                .invocationsPerIteration(Integer.getInteger("allocator.lincheck.invocations", 60))
                .threads(3)
                .actorsPerThread(3)
                .check(ConcurrentByteAllocatorLincheckTest.class);
    }

    @Test
    void stressFindsNoNonLinearizableExecution() {
        new StressOptions()
                .iterations(Integer.getInteger("allocator.lincheck.iterations", 6))
                .invocationsPerIteration(Integer.getInteger("allocator.lincheck.invocations", 60) * 10)
                .threads(3)
                .actorsPerThread(4)
                .check(ConcurrentByteAllocatorLincheckTest.class);
    }
}
