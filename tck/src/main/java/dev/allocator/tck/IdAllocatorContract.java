package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.IdAllocator;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link IdAllocator}: IDs {@code [start, start + size)} per region, allocated singly
 * ({@code allocFixedId}) or as aligned ranges, always the lowest free range that fits (unless
 * {@link ContractSettings#lowestFit()} says otherwise). Extend it and return a fresh allocator from
 * {@link #newAllocator()}.
 */
public abstract class IdAllocatorContract extends HostileInputContract {
    /** For subclasses. */
    protected IdAllocatorContract() {
    }

    /**
     * Creates a new, uninitialised allocator. Called many times per test.
     *
     * @return a fresh allocator
     */
    protected abstract IdAllocator newAllocator();

    @Override
    final Subject newSubject() {
        return new IdSubject(newAllocator());
    }

    /** {@code allocFixedId} takes that ID, NO_MEMORY if taken, INVALID_PARAM outside the managed IDs. */
    @Test
    public void allocFixedIdTakesThatIdOrFails() {
        SequenceRun run = newRun();
        expect(run, Op.init(100, 64), "ok");
        expect(run, Op.allocAt(0, 130, 1, 1), "ok");
        assertTrue(run.subject().isAllocated(130));
        expect(run, Op.allocAt(1, 130, 1, 1), "NO_MEMORY");
        expect(run, Op.allocAt(2, 99, 1, 1), "INVALID_PARAM");
        expect(run, Op.allocAt(3, 164, 1, 1), "INVALID_PARAM");
        expect(run, Op.allocAt(4, 100, 1, 1), "ok");
        expect(run, Op.allocAt(5, 163, 1, 1), "ok");
        expect(run, Op.free(0), "ok");
        assertFalse(run.subject().isAllocated(130));
    }

    /** {@code allocId} returns the lowest free aligned range. */
    @Test
    public void allocIdReturnsTheLowestFreeRange() {
        SequenceRun run = newRun();
        expect(run, Op.init(0, 256), "ok");
        expect(run, Op.alloc(0, 1, 1), "ok");
        expect(run, Op.alloc(1, 3, 1), "ok");
        expect(run, Op.alloc(2, 4, 8), "ok");
        assertEquals(0, run.binding(0).pos);
        assertEquals(1, run.binding(1).pos);
        assertEquals(8, run.binding(2).pos);
        expect(run, Op.free(0), "ok");
        expect(run, Op.alloc(3, 1, 1), "ok");
        assertEquals(0, run.binding(3).pos);
    }

    /** {@code isAllocated} is false for IDs outside every region. */
    @Test
    public void isAllocatedIsFalseOutsideTheRegions() {
        IdAllocator allocator = newAllocator();
        assertFalse(allocator.isAllocated(0));
        allocator.init(10, 10);
        allocator.allocFixedId(19);
        assertTrue(allocator.isAllocated(19));
        assertFalse(allocator.isAllocated(20));
        assertFalse(allocator.isAllocated(9));
        assertFalse(allocator.isAllocated(-1));
        assertFalse(allocator.isAllocated(Long.MAX_VALUE));
    }
}
