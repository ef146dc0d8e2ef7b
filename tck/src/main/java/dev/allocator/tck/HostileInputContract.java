package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocException;
import dev.allocator.api.spi.AllocatorKind;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hostile battery: what an outsider throws at an allocator to break it. Addresses at both ends of the address
 * space, regions of 2^62 units and of ten thousand pieces, every edge of sizes, alignments and counts, frees with the
 * wrong size or an interior address, heap walks whose visitor changes the allocator or throws, {@code init} after
 * {@code addMemory}, metadata that cannot grow. Every call goes through the same checker as the rest of the contract,
 * so every rejected call is compared with the allocator before it and with a twin that never saw it (same counters,
 * stats and walk, same answer to every later call and to a probe sequence).
 *
 * <p>Its tests run as part of {@link ByteAllocatorContract}, {@link PageAllocatorContract} and
 * {@link IdAllocatorContract}: extend one of those, not this class.
 */
public abstract class HostileInputContract extends AllocatorContract {
    /** Run positions for visitor tests: the first run, the second, the last. */
    private static final int[] WALK_POSITIONS = {0, 1, Integer.MAX_VALUE};

    HostileInputContract() {
    }

    // ---- the ends of the address space ---------------------------------------------------------------------

    /** One-unit regions at address 0 and ending at the top of the address space work, with their neighbours. */
    @Test
    public void oneUnitRegionsAtAddressZeroAndAtTheTopOfTheAddressSpaceWork() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long unit = subject.unit();
        long top = Long.MAX_VALUE - Long.MAX_VALUE % unit;
        long small = units(subject, small(subject));
        expect(run, Op.init(0, unit), "ok");
        expect(run, Op.addMemory(top - unit, unit), "ok");
        expect(run, Op.addMemory(unit, small), "ok");
        expect(run, Op.addMemory(top - unit - small, small), "ok");
        expect(run, Op.addMemory(top - unit, unit), "MEMORY_OVERLAP");
        expectAny(run, Op.addMemory(top - 1, 1), "MEMORY_OVERLAP", "INVALID_PARAM");
        List<Integer> ids = fill(run, 3, 1);
        boolean low = false;
        boolean high = false;
        for (ReferenceModel.Block block : run.model().blocks()) {
            low |= block.pos < unit + small;
            high |= block.pos >= top - unit - small;
        }
        assertTrue(low && high, "blocks at both ends of the address space: " + run.model().blocks().size()
                + " blocks, low " + low + ", high " + high);
        freeShuffled(run, ids, 3);
        if (subject.kind() != AllocatorKind.BYTE) {
            expect(run, Op.allocAt(100_000, top - unit, 1, unit), "ok");
            expect(run, Op.allocAt(100_001, 0, 1, unit), "ok");
            expect(run, Op.free(100_000), "ok");
        }
    }

    /**
     * A region of 2^62 bytes (and one up to {@code Long.MAX_VALUE}) is taken as cheaply as a small one and works at
     * both ends; page and ID allocators may instead reject a region of more than {@code Integer.MAX_VALUE} units
     * cleanly (INVALID_PARAM naming their limit), never with {@link OutOfMemoryError}.
     */
    @Test
    public void hugeRegionsCostNoMoreThanSmallOnes() {
        SequenceRun first = newRun();
        Subject subject = first.subject();
        long unit = subject.unit();
        long huge = 1L << 62;
        String[] accepted = subject.kind() == AllocatorKind.BYTE ? new String[] {"ok"}
                : new String[] {"ok", "INVALID_PARAM"};
        expectAny(first, Op.init(0, huge), accepted);
        if (first.lastOutcome().equals("ok")) {
            expect(first, Op.alloc(0, 64, 64), "ok");
            expect(first, Op.alloc(1, subject.minSize(), 1), "ok");
            expect(first, Op.free(0), "ok");
            expect(first, Op.free(1), "ok");
            long half = (huge / unit) / 2;
            first.step(Op.alloc(2, half, unit));
            expectAny(first, Op.addMemory(huge, Long.MAX_VALUE - Long.MAX_VALUE % unit - huge), accepted);
            expect(first, Op.alloc(3, 4096 / unit + 1, 1), "ok");
            first.step(Op.free(2));
            expect(first, Op.free(3), "ok");
        }
        SequenceRun whole = newRun();
        expectAny(whole, Op.init(0, Long.MAX_VALUE - Long.MAX_VALUE % unit), accepted);
        if (whole.lastOutcome().equals("ok")) {
            expect(whole, Op.alloc(0, 100, 8), "ok");
            expect(whole, Op.free(0), "ok");
        }
        SequenceRun added = newRun();
        expect(added, Op.init(0, units(subject, small(subject))), "ok");
        expectAny(added, Op.addMemory(1L << 40, 1L << 56), accepted);
        expect(added, Op.alloc(0, 16, 1), "ok");
        if (added.lastOutcome().equals("ok") && added.model().regions().size() == 2) {
            expect(added, Op.alloc(1, units(subject, small(subject)) * 2 / unit, unit), "ok");
        }
    }

    /** Ten thousand small regions, added out of order, are all used, and freeing everything coalesces each. */
    @Test
    public void tenThousandPieceRegionsAreAllUsable() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        int pieces = 10_000;
        boolean bytes = subject.kind() == AllocatorKind.BYTE;
        long pieceUnits = bytes ? 4096 : 4;
        long stride = units(subject, pieceUnits) * 2;
        List<Op> ops = new ArrayList<>();
        ops.add(Op.init(0, units(subject, pieceUnits)));
        SplittableRandom random = new SplittableRandom(pieces);
        int[] order = shuffled(pieces - 1, random);
        for (int piece : order) {
            ops.add(Op.addMemory((piece + 1L) * stride, units(subject, pieceUnits)));
        }
        ops.add(Op.addMemory(5000L * stride + units(subject, 1), units(subject, 1)));
        run.runAllCheckingAtEnd(ops);
        assertEquals(pieces, run.model().regions().size());
        List<Op> allocations = new ArrayList<>();
        for (int id = 0; id < pieces; id++) {
            allocations.add(Op.alloc(id, pieceUnits / 2 + 1, 1));
        }
        run.runAllCheckingAtEnd(allocations);
        Set<Long> holding = new HashSet<>();
        for (ReferenceModel.Block block : run.model().blocks()) {
            holding.add(run.model().regionStartOf(block.pos));
        }
        assertEquals(pieces, holding.size(), "regions holding a block (more than half a region each), of " + pieces);
        List<Op> frees = new ArrayList<>();
        for (int id : shuffled(pieces, random)) {
            frees.add(Op.free(id));
        }
        run.runAllCheckingAtEnd(frees);
        assertEquals(0, run.model().liveCount());
    }

    // ---- sizes, alignments, counts -------------------------------------------------------------------------

    /**
     * Every edge of sizes (counts) and alignments is accepted or rejected as the error table says, changing
     * nothing.
     */
    @Test
    public void everySizeAndAlignmentEdgeIsAcceptedOrRejectedAsTheTableSays() {
        Subject sample = newSubject();
        long region = sample.kind() == AllocatorKind.BYTE ? 1 << 20 : 256;
        long[] aligns = alignmentEdges(sample);
        int id = 0;
        for (long size : sizeEdges(sample, region)) {
            SequenceRun run = newRun();
            expect(run, Op.init(0, units(run.subject(), region)), "ok");
            expect(run, Op.alloc(id++, 8, 8), "ok");
            int kept = id - 1;
            for (long align : aligns) {
                run.step(Op.alloc(id, size, align));
                if (run.lastOutcome().equals("ok")) {
                    expect(run, Op.free(id), "ok");
                }
                id++;
            }
            run.step(Op.resize(kept, size));
            run.step(Op.freeSize(kept, size));
            if (run.binding(kept) != null && run.model().liveAt(run.binding(kept).pos) != null) {
                run.step(Op.free(kept));
            }
            if (sample.kind() != AllocatorKind.BYTE) {
                for (long base : new long[] {-sample.unit(), 0, units(sample, region - 1), units(sample, region),
                        Long.MAX_VALUE - Long.MAX_VALUE % sample.unit(), Long.MIN_VALUE}) {
                    run.step(Op.allocAt(id++, base, size, sample.unit()));
                }
            }
            assertTrue(run.steps() > aligns.length, "the calls for size " + size + " were made");
        }
    }

    /** Sizes (counts) around every power of two, 0, 1, the region, and the ends of {@code long}. */
    private static long[] sizeEdges(Subject subject, long region) {
        List<Long> sizes = new ArrayList<>(List.of(0L, 1L, 2L, 3L, 7L, 8L, 9L, region - 1, region, region + 1,
                Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / subject.unit(),
                Long.MAX_VALUE / subject.unit() + 1,
                -1L, Long.MIN_VALUE, Integer.MAX_VALUE + 1L));
        for (int shift = 4; shift <= 62; shift += 6) {
            sizes.add((1L << shift) - 1);
            sizes.add(1L << shift);
            sizes.add((1L << shift) + 1);
        }
        return sizes.stream().mapToLong(Long::longValue).toArray();
    }

    /** Alignments: small, the unit, large, 2^62, and every kind of non-power-of-two. */
    private static long[] alignmentEdges(Subject subject) {
        return new long[] {1, 2, 8, subject.unit(), subject.unit() * 2, 1L << 20, 1L << 40, 1L << 62, 0, -1, 3, 6,
                (1L << 62) + 1, Long.MAX_VALUE, Long.MIN_VALUE};
    }

    // ---- frees ---------------------------------------------------------------------------------------------

    /**
     * Frees with the wrong size (one more or less, another block's, 0, huge, negative), at interior addresses, just
     * outside the block, outside every region, or with a bad alignment, are rejected and change nothing; the blocks
     * are then freed with their true size.
     */
    @Test
    public void wrongSizesAndInteriorAddressesAreRejectedAndChangeNothing() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long unit = subject.unit();
        long region = units(subject, 1 << 16);
        expect(run, Op.init(region, region), "ok");
        expect(run, Op.alloc(0, 100, unit), "ok");
        expect(run, Op.alloc(1, 24, unit), "ok");
        expect(run, Op.alloc(2, 7, unit), "ok");
        long usable = run.model().liveAt(run.binding(0).pos).units;
        for (long size : new long[] {99, 101, 100 - unit, 100 + unit, usable + 1, usable * 2, 24, 7, 0, 1,
                Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            run.step(Op.freeSize(0, size));
            if (!run.lastOutcome().equals("ok")) {
                continue;
            }
            expect(run, Op.alloc(0, 100, unit), "ok");
        }
        for (long offset : new long[] {1, unit, 2 * unit, (usable - 1) * unit, usable * unit, -unit, -1,
                Long.MIN_VALUE / 2, Long.MAX_VALUE / 2}) {
            run.step(Op.freeOffset(0, offset));
        }
        for (long address : new long[] {0, region - unit, 2 * region, 2 * region - unit, Long.MAX_VALUE - unit,
                -unit, Long.MIN_VALUE}) {
            run.step(Op.freeAt(address, 1, 1));
        }
        if (subject.kind() == AllocatorKind.BYTE) {
            long pos = run.binding(1).pos;
            for (long align : new long[] {0, 3, -8, Long.MIN_VALUE}) {
                run.step(Op.freeAt(pos, 24, align));
            }
        }
        for (int id : run.liveIds()) {
            expect(run, Op.free(id), "ok");
        }
        for (int id = 0; id < 3; id++) {
            expect(run, Op.free(id), "NOT_ALLOCATED");
        }
    }

    // ---- heap walks ----------------------------------------------------------------------------------------

    /**
     * A visitor that changes the allocator (allocates, frees, resizes, adds a region, resets), at the first, second or
     * last run of the walk, gets {@link ConcurrentModificationException}: the change is either refused (nothing
     * changed) or made with the walk stopped there; the allocator stays valid and usable.
     */
    @Test
    public void aVisitorThatChangesTheAllocatorIsAConcurrentModification() {
        Subject sample = newSubject();
        long unit = sample.unit();
        long region = units(sample, 1 << 10);
        List<Op> changes = new ArrayList<>(List.of(Op.alloc(10, 16, unit), Op.free(0), Op.resize(2, 1),
                Op.resize(2, 64), Op.addMemory(region * 8, region), Op.reset()));
        if (sample.kind() == AllocatorKind.BYTE) {
            changes.add(Op.tryAlloc(11, 16, 1));
        } else {
            changes.add(Op.allocAt(12, region + units(sample, 512), 1, unit));
        }
        int walks = 0;
        for (Op change : changes) {
            for (int at : WALK_POSITIONS) {
                SequenceRun run = newRun();
                setUpThreeBlocksAndAHole(run, region);
                String outcome = run.stepInsideWalk(change, at);
                assertTrue(outcome.equals("ok") || outcome.equals("cme") || outcome.equals("false"),
                        "outcome of " + change + " inside a walk: " + outcome);
                freeEverything(run);
                expect(run, Op.alloc(20, 32, unit), "ok");
                walks++;
            }
        }
        SequenceRun rejected = newRun();
        setUpThreeBlocksAndAHole(rejected, region);
        String outcome = rejected.stepInsideWalk(Op.init(region * 16, region), 1);
        assertTrue(outcome.equals("MEMORY_OVERLAP") || outcome.equals("cme"), "init inside a walk: " + outcome);
        assertEquals(changes.size() * WALK_POSITIONS.length, walks);
    }

    /**
     * An exception thrown by a visitor ends the walk, comes out of {@code forEachBlock} unchanged, and changes
     * nothing.
     */
    @Test
    public void aVisitorThatThrowsEndsTheWalkAndChangesNothing() {
        long region = units(newSubject(), 1 << 10);
        for (int at : WALK_POSITIONS) {
            for (RuntimeException thrown : List.of(new IllegalStateException("thrown by the visitor"),
                    AllocException.notAllocated("an AllocException thrown by the visitor"),
                    new ConcurrentModificationException("thrown by the visitor itself"))) {
                SequenceRun run = newRun();
                setUpThreeBlocksAndAHole(run, region);
                run.walkThrowing(thrown, at);
                assertEquals("thrown", run.lastOutcome(), "the visitor was reached and threw");
                expect(run, Op.alloc(20, 32, 1), "ok");
                freeEverything(run);
            }
        }
    }

    /** A visitor may read the allocator it walks: counters, stats, usableSize, a nested walk that sees the same. */
    @Test
    public void aVisitorMayReadTheAllocatorItWalks() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        setUpThreeBlocksAndAHole(run, units(subject, 1 << 10));
        Snapshot before = Snapshot.of(subject);
        List<String> nested = new ArrayList<>();
        int[] visits = {0};
        subject.forEachBlock((start, size, used) -> {
            visits[0]++;
            assertEquals(before.stats, subject.stats());
            assertEquals(before.used, subject.used());
            assertTrue(subject.usableSize(16, 1) >= 16);
            if (subject.kind() == AllocatorKind.ID) {
                assertEquals(used, subject.isAllocated(start));
            }
            nested.add(HeapWalk.of(subject.allocator()).toString());
        });
        assertEquals(before.runCount(), visits[0]);
        for (String walk : nested) {
            assertEquals(before.walk.toString(), walk, "the nested walk");
        }
        assertEquals(null, before.difference(Snapshot.of(subject)), "reading changed the allocator");
        freeEverything(run);
    }

    /** {@code forEachBlock(null)} is a NullPointerException, before any region and after, and changes nothing. */
    @Test
    public void aNullVisitorIsANullPointerException() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        assertThrows(NullPointerException.class, () -> subject.forEachBlock(null), "before any region");
        setUpThreeBlocksAndAHole(run, units(subject, 1 << 10));
        Snapshot before = Snapshot.of(subject);
        assertThrows(NullPointerException.class, () -> subject.forEachBlock(null), "with blocks live");
        assertEquals(null, before.difference(Snapshot.of(subject)));
        freeEverything(run);
    }

    // ---- initialisation ------------------------------------------------------------------------------------

    /**
     * The first {@code init} or {@code addMemory} initialises the allocator, even of an empty region: an {@code init}
     * after it is MEMORY_OVERLAP and changes nothing.
     */
    @Test
    public void initAfterAddMemoryIsRejectedAndChangesNothing() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long region = units(subject, small(subject));
        expect(run, Op.addMemory(region, region), "ok");
        expect(run, Op.alloc(0, 8, 1), "ok");
        expect(run, Op.init(region * 4, region), "MEMORY_OVERLAP");
        expect(run, Op.init(region, region), "MEMORY_OVERLAP");
        expect(run, Op.addMemory(region * 4, region), "ok");
        expect(run, Op.free(0), "ok");
        SequenceRun empty = newRun();
        expect(empty, Op.addMemory(region, 0), "ok");
        expect(empty, Op.init(0, region), "MEMORY_OVERLAP");
        SequenceRun emptyInit = newRun();
        expect(emptyInit, Op.init(region, 0), "ok");
        expect(emptyInit, Op.init(0, region), "MEMORY_OVERLAP");
        expect(emptyInit, Op.addMemory(0, region), "ok");
    }

    // ---- metadata that cannot grow ---------------------------------------------------------------------------

    /**
     * A call that fails because the allocator cannot get memory for its metadata ({@link OutOfMemoryError} in a JVM
     * with a small heap, filled up) changes nothing: the allocator then looks like, and answers like, a twin that got
     * only the calls that succeeded. Runs in a forked JVM ({@link MetadataFailureCheck}).
     */
    @Test
    public void metadataThatCannotGrowLeavesTheAllocatorUnchanged() {
        MetadataFailureCheck.run(this, newSubject());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A region at {@code region}, blocks 0, 1, 2 with 1 freed: a walk of several used and free runs. */
    static void setUpThreeBlocksAndAHole(SequenceRun run, long region) {
        long unit = run.subject().unit();
        expect(run, Op.init(region, region), "ok");
        expect(run, Op.alloc(0, 16, unit), "ok");
        expect(run, Op.alloc(1, 16, unit), "ok");
        expect(run, Op.alloc(2, 16, unit), "ok");
        expect(run, Op.free(1), "ok");
    }

    /** Frees every live block, each of which must free. */
    static void freeEverything(SequenceRun run) {
        for (int id : run.liveIds()) {
            expect(run, Op.free(id), "ok");
        }
    }

    /** Runs a call and checks the outcome is one of several. */
    static void expectAny(SequenceRun run, Op op, String... outcomes) {
        run.step(op);
        assertTrue(List.of(outcomes).contains(run.lastOutcome()), () -> "outcome of "
                + run.lines().get(run.lines().size() - 1) + " is " + run.lastOutcome() + ", expected one of "
                + List.of(outcomes));
    }

    /** 0 to {@code count - 1} in a random order. */
    private static int[] shuffled(int count, SplittableRandom random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
