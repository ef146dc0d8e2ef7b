package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.PageAllocator;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link PageAllocator}: addresses and alignments in bytes, sizes in pages. Extend it and
 * return a fresh allocator from {@link #newAllocator()}; the regions the tests add are multiples of its
 * {@link PageAllocator#pageSize()}.
 *
 * <p>Runs the tests of {@link AllocatorContract} plus the page-specific ones here (unaligned addresses,
 * {@code allocPagesAt}, alignments up to {@link ContractSettings#maxAlignment()}).
 */
public abstract class PageAllocatorContract extends HostileInputContract {
    /** For subclasses. */
    protected PageAllocatorContract() {
    }

    /**
     * Creates a new, uninitialised allocator. Called many times per test.
     *
     * @return a fresh allocator
     */
    protected abstract PageAllocator newAllocator();

    @Override
    final Subject newSubject() {
        return new PageSubject(newAllocator());
    }

    /** Alignments up to {@link ContractSettings#maxAlignment()} are honoured; only aligned runs are handed out. */
    @Test
    public void alignmentsUpToOneGibAreHonoured() {
        SequenceRun run = newRun();
        long page = run.subject().unit();
        long align = effectiveSettings().maxAlignment();
        long start = 3 * align - 4 * page;
        expect(run, Op.init(start, align + 8 * page), "ok");
        expect(run, Op.alloc(0, 1, align), "ok");
        expect(run, Op.alloc(1, 2, align), "ok");
        expect(run, Op.alloc(2, 1, align), "NO_MEMORY");
        expect(run, Op.alloc(3, 4, page), "ok");
        expect(run, Op.free(0), "ok");
        expect(run, Op.alloc(4, 1, align), "ok");
    }

    /** An alignment below the page size means the page size. */
    @Test
    public void alignmentBelowThePageSizeMeansThePageSize() {
        SequenceRun run = newRun();
        long page = run.subject().unit();
        expect(run, Op.init(page * 16, page * 64), "ok");
        expect(run, Op.alloc(0, 1, 1), "ok");
        expect(run, Op.alloc(1, 3, Math.max(1, page / 2)), "ok");
        assertEquals(0, run.binding(1).pos % page);
    }

    /** Unaligned page addresses are INVALID_PARAM: in {@code init}, {@code allocPagesAt} and {@code deallocPages}. */
    @Test
    public void unalignedPageAddressesAreInvalidParam() {
        SequenceRun run = newRun();
        long page = run.subject().unit();
        if (page > 1) {
            expect(run, Op.init(page / 2, page * 64), "INVALID_PARAM");
        }
        expect(run, Op.init(0, page * 64), "ok");
        expect(run, Op.alloc(0, 2, page), "ok");
        if (page > 1) {
            expect(run, Op.allocAt(1, page * 8 + page / 2, 1, 1), "INVALID_PARAM");
            expect(run, Op.freeOffset(0, page / 2), "INVALID_PARAM");
        }
        expect(run, Op.allocAt(2, page * 8, 1, page * 16), "INVALID_PARAM");
        expect(run, Op.free(0), "ok");
    }

    /**
     * {@code allocPagesAt} takes exactly the run asked for, or fails with NO_MEMORY (taken) or INVALID_PARAM
     * (outside).
     */
    @Test
    public void allocPagesAtTakesExactlyThatRun() {
        SequenceRun run = newRun();
        long page = run.subject().unit();
        expect(run, Op.init(page * 64, page * 64), "ok");
        expect(run, Op.allocAt(0, page * 80, 4, page), "ok");
        assertEquals(page * 80, run.binding(0).pos);
        expect(run, Op.allocAt(1, page * 80, 1, page), "NO_MEMORY");
        expect(run, Op.allocAt(2, page * 78, 4, page), "NO_MEMORY");
        expect(run, Op.allocAt(3, page * 83, 2, page), "NO_MEMORY");
        expect(run, Op.allocAt(4, page * 84, 2, page), "ok");
        expect(run, Op.allocAt(5, page * 200, 1, page), "INVALID_PARAM");
        expectOneOf(run, Op.allocAt(6, page * 126, 4, page), "INVALID_PARAM", "NO_MEMORY");
        expect(run, Op.allocAt(7, page * 64, 64, page), "NO_MEMORY");
        expect(run, Op.free(0), "ok");
        expect(run, Op.free(4), "ok");
        expect(run, Op.allocAt(8, page * 64, 64, page), "ok");
        assertTrue(run.subject().available() == 0);
    }
}
