package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.Layout;
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
