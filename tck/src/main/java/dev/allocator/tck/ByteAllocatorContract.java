package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ByteAllocator}. Extend it in your tests and return a fresh allocator:
 *
 * <pre>{@code
 * class TlsfContractTest extends ByteAllocatorContract {
 *     @Override
 *     protected ByteAllocator newAllocator() {
 *         return new TlsfByteAllocator();
 *     }
 * }
 * }</pre>
 *
 * <p>Runs the tests of {@link AllocatorContract} (the error table, edge cases, random sequences, the hostile
 * battery) plus the byte-specific ones here. Override {@link #settings()} where the allocator documents something
 * else ({@link ContractSettings}).
 */
public abstract class ByteAllocatorContract extends HostileInputContract {
    /** For subclasses. */
    protected ByteAllocatorContract() {
    }

    /**
     * Creates a new, uninitialised allocator. Called many times per test (the kit keeps a twin and replays histories
     * on copies).
     *
     * @return a fresh allocator, never one already used
     */
    protected abstract ByteAllocator newAllocator();

    @Override
    final Subject newSubject() {
        return new ByteSubject(newAllocator());
    }

    /** A request of size 0 gets a block with an address of its own. */
    @Test
    public void zeroSizeRequestGetsAnAddressOfItsOwn() {
        SequenceRun run = newRun();
        expect(run, Op.init(0, 4096), "ok");
        expect(run, Op.alloc(0, 0, 1), "ok");
        expect(run, Op.alloc(1, 0, 1), "ok");
        expect(run, Op.alloc(2, 0, 64), "ok");
        assertNotEquals(run.binding(0).pos, run.binding(1).pos);
        assertTrue(run.subject().usableSize(0, 1) >= 1);
        expect(run, Op.free(1), "ok");
        expect(run, Op.free(0), "ok");
        expect(run, Op.free(2), "ok");
    }

    /** {@code tryAlloc} returns {@code NO_BLOCK} where {@code alloc} throws NO_MEMORY, but still rejects bad input. */
    @Test
    public void tryAllocReturnsNoBlockInsteadOfThrowingNoMemory() {
        ByteAllocator allocator = newAllocator();
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(16, 8));
        allocator.init(4096, 4096);
        assertEquals(ByteAllocator.NO_BLOCK, allocator.tryAlloc(1 << 20, 8));
        assertEquals(AllocError.INVALID_PARAM, assertThrows(AllocException.class, () -> allocator.tryAlloc(16, 3))
                .error());
        SequenceRun run = newRun();
        expect(run, Op.init(0, 4096), "ok");
        expect(run, Op.tryAlloc(0, 100, 8), "ok");
        expect(run, Op.tryAlloc(1, 8192, 8), "NO_MEMORY");
        expect(run, Op.free(0), "ok");
    }

    /** {@code alloc(Layout)} and {@code dealloc(pos, Layout)} behave as their two-argument forms. */
    @Test
    public void layoutOverloadsBehaveAsSizeAndAlignment() {
        ByteAllocator allocator = newAllocator();
        allocator.init(0, 1 << 16);
        Layout layout = Layout.of(100, 32);
        long block = allocator.alloc(layout);
        assertEquals(0, block % 32);
        assertEquals(allocator.usableSize(100, 32), allocator.usedBytes());
        allocator.dealloc(block, layout);
        assertEquals(0, allocator.usedBytes());
        assertEquals(AllocError.NOT_ALLOCATED, assertThrows(AllocException.class,
                () -> allocator.dealloc(block, layout)).error());
    }

    /**
     * Looking at an allocator changes no answer: a copy that has {@code stats()} and {@code forEachBlock} called
     * after every call gets exactly the same results (addresses, refusals, resizes) as one that is never looked
     * at, through random sequences rich in the steady alloc/free pair and in immediate frees. An allocator that
     * defers work (a recorded free, a lazy merge) and does it when observed must do it exactly as it would have.
     * Deterministic allocators only.
     */
    @Test
    public void observingTheAllocatorChangesNoAnswer() {
        Assumptions.assumeTrue(effectiveSettings().deterministic(), "only a deterministic allocator answers alike");
        for (long seed = 1; seed <= 6; seed++) {
            ByteAllocator plain = newAllocator();
            ByteAllocator observed = newAllocator();
            long region = Math.max(1 << 12, Math.min(effectiveSettings().maxRegionSize(), 1L << 20));
            plain.init(0, region);
            observed.init(0, region);
            plain.addMemory(2 * region, region / 4);
            observed.addMemory(2 * region, region / 4);
            compareObservedWithPlain(plain, observed, new SplittableRandom(seed), region, "seed " + seed);
        }
    }

    private static void compareObservedWithPlain(ByteAllocator plain, ByteAllocator observed, SplittableRandom random,
                                                 long region, String seed) {
        List<long[]> live = new ArrayList<>();
        long[] walkCount = new long[1];
        for (int step = 0; step < 3000; step++) {
            String where = seed + ", step " + step;
            int choice = random.nextInt(10);
            if (choice < 4 || live.isEmpty()) {
                long size = random.nextInt(4) == 0 ? random.nextLong(1, Math.max(2, region / 8))
                        : random.nextLong(0, 600);
                long align = 1L << random.nextInt(random.nextBoolean() ? 5 : 13);
                long address = plain.tryAlloc(size, align);
                assertEquals(address, observed.tryAlloc(size, align), where);
                if (address != ByteAllocator.NO_BLOCK) {
                    if (random.nextInt(3) == 0) { // the steady pair: freed at once
                        plain.dealloc(address, size, align);
                        observed.dealloc(address, size, align);
                    } else {
                        live.add(new long[] {address, size, align});
                    }
                }
            } else if (choice < 9) {
                long[] block = live.remove(random.nextInt(live.size()));
                plain.dealloc(block[0], block[1], block[2]);
                observed.dealloc(block[0], block[1], block[2]);
            } else {
                long[] block = live.get(random.nextInt(live.size()));
                long newSize = random.nextLong(0, 2 * block[1] + 64);
                boolean resized = plain.tryResize(block[0], block[1], newSize, block[2]);
                assertEquals(resized, observed.tryResize(block[0], block[1], newSize, block[2]), where);
                if (resized) {
                    block[1] = newSize;
                }
            }
            observed.stats();
            observed.forEachBlock((start, size, used) -> walkCount[0]++);
            assertEquals(observed.usedBytes(), plain.usedBytes(), where);
        }
        assertEquals(HeapWalk.of(observed), HeapWalk.of(plain), seed + ": the heap walks at the end");
        assertTrue(walkCount[0] > 0);
    }

    /** Large alignments are honoured, and requests whose alignment no address in the region has are NO_MEMORY. */
    @Test
    public void largeAlignmentsAreHonoured() {
        SequenceRun run = newRun();
        expect(run, Op.init(12345, 1 << 20), "ok");
        int id = 0;
        for (long align = 1; align <= (1 << 16); align <<= 1) {
            run.step(Op.alloc(id++, 24, align));
        }
        expect(run, Op.alloc(id, 1, 1L << 30), "NO_MEMORY");
    }
}
