package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every allocator kind must do: the tests here run for {@link ByteAllocatorContract},
 * {@link PageAllocatorContract} and {@link IdAllocatorContract} alike. Extend one of those three, not this class.
 *
 * <p>Every call a test makes goes through a checker that knows a reference model of the regions and live blocks
 * and verifies after each step: blocks lie inside one region, are aligned and overlap no live block;
 * {@code used + available == total} and {@code used} is the sum of {@code usableSize} of the live blocks;
 * {@code stats()} and the {@code forEachBlock} walk agree with the model; a rejected call has the kind of the error
 * table in ARCHITECTURE.md and changes nothing observable, compared with the allocator before the call and with a
 * twin allocator that got every call except the rejected ones (counters, stats, walk, and the answers to every later
 * call and to a probe sequence); with no block live, a fully coalescing allocator looks like a fresh one with the
 * same regions and can do the same. A failure names the property in brackets.
 *
 * <p>What the allocator documents where the api leaves room, and known failures, are {@link ContractSettings}:
 * override {@link #settings()}.
 *
 * <p>The random tests are seeded: system properties {@code allocator.tck.seed} (rerun one sequence),
 * {@code allocator.tck.sequences} and {@code allocator.tck.ops} (more and longer sequences: a sequence of more than
 * 50,000 calls runs without history, in constant memory, so {@code -Dallocator.tck.ops=10000000} is a long soak
 * run), and {@code allocator.tck.random=true} (a new base seed each run). A failure prints the seed and a shrunk
 * sequence as Java code.
 */
public abstract class AllocatorContract {
    AllocatorContract() {
    }

    /** A fresh allocator behind the common view. */
    abstract Subject newSubject();

    /**
     * What the allocator documents where the api leaves room, and which tests are known to fail: see
     * {@link ContractSettings}. Override to change a default:
     *
     * <pre>{@code
     * @Override
     * protected ContractSettings settings() {
     *     return ContractSettings.defaults().withCoalescesFully(false);
     * }
     * }</pre>
     *
     * @return {@link ContractSettings#defaults()} unless overridden
     */
    protected ContractSettings settings() {
        return ContractSettings.defaults();
    }

    /** Set by {@link Conformance} for discovered providers, in place of {@link #settings()}. */
    private ContractSettings given;

    /** What the failures call this contract when it runs for a discovered provider, such as "byte tlsf". */
    private String name;

    final AllocatorContract withSettings(ContractSettings settings, String displayName) {
        this.given = settings;
        this.name = displayName;
        return this;
    }

    /** The settings in force: given by {@link Conformance}, else {@link #settings()}. */
    final ContractSettings effectiveSettings() {
        return given != null ? given : settings();
    }

    /**
     * Reports a test listed in {@link ContractSettings#knownFailures()} as skipped, with its reason, instead of
     * running it.
     *
     * @param test the test about to run
     */
    @BeforeEach
    protected final void skipKnownFailure(TestInfo test) {
        test.getTestMethod().ifPresent(method -> skipIfKnownFailure(method.getName()));
    }

    final void skipIfKnownFailure(String test) {
        String reason = effectiveSettings().knownFailures().get(test);
        Assumptions.assumeTrue(reason == null, () -> test + " is a known failure of " + label() + ": " + reason);
    }

    final SequenceRun newRun() {
        return new SequenceRun(this::newSubject, effectiveSettings());
    }

    final String label() {
        return name != null ? name : getClass().getName();
    }

    /** The Surefire filter that runs one test method of this class alone. */
    final String rerun(String method) {
        return name != null ? "the test " + method + " of '" + name + "' with"
                : "-Dtest='" + getClass().getName().substring(getClass().getName().lastIndexOf('.') + 1) + "#"
                + method + "'";
    }

    /** A unit count as addresses of this kind. */
    final long units(Subject subject, long count) {
        return count * subject.unit();
    }

    /** Runs a call and checks the outcome is {@code expected} ({@code "ok"}, {@code "false"} or an error name). */
    static void expect(SequenceRun run, Op op, String expected) {
        expectOneOf(run, op, expected, expected);
    }

    /** Runs a call and checks the outcome is one of two, where the error table allows either. */
    static void expectOneOf(SequenceRun run, Op op, String expected, String alternative) {
        run.step(op);
        assertTrue(run.lastOutcome().equals(expected) || run.lastOutcome().equals(alternative),
                () -> "outcome of " + run.lines().get(run.lines().size() - 1) + " is " + run.lastOutcome()
                        + ", expected " + expected + (alternative.equals(expected) ? "" : " or " + alternative)
                        + "\n  calls so far:\n    " + String.join("\n    ", run.lines()));
    }

    // ---- random sequences ----------------------------------------------------------------------------------

    /** Random sequences of good and bad calls agree with the reference model after every step. */
    @Test
    public void randomSequencesAgreeWithTheModel() {
        RandomRunner.run(label(), rerun("randomSequencesAgreeWithTheModel"), this::newSubject, effectiveSettings(),
                RunSettings.fromSystemProperties(24, 250));
    }

    /** Random sequences over small regions (so that allocation often fails) agree with the model. */
    @Test
    public void randomSequencesNearExhaustionAgreeWithTheModel() {
        ContractSettings small = effectiveSettings().withMaxRegionSize(Math.max(16, newRun().maxRegionUnits() / 64));
        RunSettings settings = RunSettings.fromSystemProperties(16, 200);
        RandomRunner.run(label() + " (small regions)", rerun("randomSequencesNearExhaustionAgreeWithTheModel"),
                this::newSubject, small,
                settings.single() ? settings : new RunSettings(settings.baseSeed() ^ 0xE4A05L,
                        settings.sequences(), settings.ops(), false));
    }

    // ---- the error table -----------------------------------------------------------------------------------

    /** Allocating before {@code init} is NO_MEMORY. */
    @Test
    public void allocBeforeInitIsNoMemory() {
        SequenceRun run = newRun();
        expect(run, Op.alloc(0, 1, 1), "NO_MEMORY");
        expect(run, Op.init(0, units(run.subject(), 64)), "ok");
        expect(run, Op.alloc(1, 1, 1), "ok");
    }

    /** A second {@code init} is MEMORY_OVERLAP (or IllegalStateException) and changes nothing. */
    @Test
    public void initTwiceIsRejectedAndChangesNothing() {
        SequenceRun run = newRun();
        long region = units(run.subject(), 256);
        expect(run, Op.init(0, region), "ok");
        expect(run, Op.alloc(0, 3, 1), "ok");
        expect(run, Op.init(0, region), "MEMORY_OVERLAP");
        expect(run, Op.init(region * 4, region), "MEMORY_OVERLAP");
        expect(run, Op.free(0), "ok");
    }

    /** Negative starts or sizes, and ranges past {@code Long.MAX_VALUE}, are INVALID_PARAM and change nothing. */
    @Test
    public void badRangesAreInvalidParamAndChangeNothing() {
        SequenceRun run = newRun();
        long unit = run.subject().unit();
        long region = units(run.subject(), 64);
        expect(run, Op.init(-unit, region), "INVALID_PARAM");
        expect(run, Op.init(0, -region), "INVALID_PARAM");
        expect(run, Op.init(Long.MAX_VALUE - (Long.MAX_VALUE % unit) - unit, region), "INVALID_PARAM");
        expect(run, Op.alloc(0, 1, 1), "NO_MEMORY");
        expect(run, Op.init(0, region), "ok");
        expect(run, Op.addMemory(-unit, region), "INVALID_PARAM");
        expect(run, Op.addMemory(region * 2, -unit), "INVALID_PARAM");
        expect(run, Op.addMemory(Long.MAX_VALUE - (Long.MAX_VALUE % unit) - unit, region), "INVALID_PARAM");
        expect(run, Op.alloc(1, 1, 1), "ok");
    }

    /** A region overlapping one already added, in any way, is MEMORY_OVERLAP; adjacent regions are accepted. */
    @Test
    public void overlappingRegionsAreMemoryOverlapAndAdjacentOnesAreAccepted() {
        SequenceRun run = newRun();
        long unit = run.subject().unit();
        long region = units(run.subject(), 64);
        expect(run, Op.init(region, region), "ok");
        expect(run, Op.addMemory(region, region), "MEMORY_OVERLAP");
        expect(run, Op.addMemory(region + unit, unit), "MEMORY_OVERLAP");
        expect(run, Op.addMemory(region - unit, 2 * unit), "MEMORY_OVERLAP");
        expect(run, Op.addMemory(2 * region - unit, 2 * unit), "MEMORY_OVERLAP");
        expect(run, Op.addMemory(0, 4 * region), "MEMORY_OVERLAP");
        expect(run, Op.addMemory(2 * region, region), "ok");
        expect(run, Op.addMemory(0, region), "ok");
        expect(run, Op.addMemory(region / 2, unit), "MEMORY_OVERLAP");
    }

    /** An alignment that is not a power of two is INVALID_PARAM. */
    @Test
    public void alignmentNotAPowerOfTwoIsInvalidParam() {
        SequenceRun run = newRun();
        expect(run, Op.init(0, units(run.subject(), 256)), "ok");
        int id = 0;
        for (long align : new long[] {0, 3, 6, -8, Long.MIN_VALUE, (1L << 40) + 1}) {
            expect(run, Op.alloc(id++, 1, align), "INVALID_PARAM");
        }
    }

    /** A negative size (and for pages and IDs a count of 0) is INVALID_PARAM. */
    @Test
    public void negativeSizeIsInvalidParam() {
        SequenceRun run = newRun();
        long align = run.subject().unit();
        expect(run, Op.init(0, units(run.subject(), 256)), "ok");
        expect(run, Op.alloc(0, -1, align), "INVALID_PARAM");
        expect(run, Op.alloc(1, Long.MIN_VALUE, align), "INVALID_PARAM");
        if (run.subject().minSize() > 0) {
            expect(run, Op.alloc(2, 0, align), "INVALID_PARAM");
        }
    }

    /** A size whose rounding to the alignment overflows is rejected (INVALID_PARAM for bytes). */
    @Test
    public void sizePlusAlignmentOverflowIsRejected() {
        SequenceRun run = newRun();
        expect(run, Op.init(0, units(run.subject(), 256)), "ok");
        run.step(Op.alloc(0, Long.MAX_VALUE, 64));
        expectOneOf(run, Op.alloc(1, Long.MAX_VALUE - 1, 1L << 20), "INVALID_PARAM", "NO_MEMORY");
    }

    /** A request larger than the free space is NO_MEMORY, before and after other blocks are taken. */
    @Test
    public void requestLargerThanAnyFreeBlockIsNoMemory() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long unit = subject.unit();
        expect(run, Op.init(0, units(subject, 1024)), "ok");
        expect(run, Op.alloc(0, 2048, unit), "NO_MEMORY");
        expect(run, Op.alloc(1, 100, unit), "ok");
        expect(run, Op.alloc(2, subject.available() + 1, unit), "NO_MEMORY");
        expect(run, Op.alloc(3, 1025, unit), "NO_MEMORY");
    }

    /** Freeing a block twice is NOT_ALLOCATED the second time and changes nothing. */
    @Test
    public void doubleFreeIsRejectedAndChangesNothing() {
        SequenceRun run = newRun();
        long unit = run.subject().unit();
        expect(run, Op.init(0, units(run.subject(), 1024)), "ok");
        expect(run, Op.alloc(0, 24, unit), "ok");
        expect(run, Op.alloc(1, 8, unit), "ok");
        expect(run, Op.free(0), "ok");
        expect(run, Op.free(0), "NOT_ALLOCATED");
        expect(run, Op.free(1), "ok");
        expect(run, Op.free(1), "NOT_ALLOCATED");
        expect(run, Op.free(0), "NOT_ALLOCATED");
    }

    /** Freeing an address that was never allocated (free space, inside a block, outside every region) fails. */
    @Test
    public void freeOfAnAddressNeverAllocatedIsNotAllocated() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long unit = subject.unit();
        long region = units(subject, 1024);
        expect(run, Op.init(0, region), "ok");
        expect(run, Op.alloc(0, 8, unit), "ok");
        long free = run.binding(0).pos == 0 ? region / 2 : 0;
        expect(run, Op.freeAt(free, 1, 1), "NOT_ALLOCATED");
        expect(run, Op.freeOffset(0, unit), "NOT_ALLOCATED");
        expectOneOf(run, Op.freeAt(region * 8, 1, 1), "NOT_ALLOCATED", "INVALID_PARAM");
        expect(run, Op.free(0), "ok");
    }

    /** Freeing a block with a size that rounds differently (or a count that does not match) fails. */
    @Test
    public void freeWithTheWrongSizeIsNotAllocated() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long unit = subject.unit();
        expect(run, Op.init(0, units(subject, 1 << 14)), "ok");
        expect(run, Op.alloc(0, 4, unit), "ok");
        expect(run, Op.alloc(1, 4, unit), "ok");
        long tooLarge = subject.kind() == AllocatorKind.BYTE ? 5000 : 64;
        expect(run, Op.freeSize(0, tooLarge), "NOT_ALLOCATED");
        expect(run, Op.freeSize(1, tooLarge), "NOT_ALLOCATED");
        if (subject.kind() != AllocatorKind.BYTE && effectiveSettings().rejectsMismatchedFree()) {
            expect(run, Op.freeSize(0, 2), "NOT_ALLOCATED");
        }
        expect(run, Op.free(0), "ok");
        expect(run, Op.free(1), "ok");
    }

    // ---- edge cases ----------------------------------------------------------------------------------------

    /** Address 0 is an address like any other: a region starting at 0 hands it out. */
    @Test
    public void addressZeroIsHandedOut() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        expect(run, Op.init(0, units(subject, 256)), "ok");
        boolean zero = false;
        for (int id = 0; id < 256 && !zero; id++) {
            run.step(Op.alloc(id, 1, 1));
            zero = run.lastOutcome().equals("ok") && run.binding(id).pos == 0;
            if (!run.lastOutcome().equals("ok")) {
                break;
            }
        }
        assertTrue(zero, "no block at address 0 after filling a region [0, " + units(subject, 256) + ")");
    }

    /** A region ending at {@code Long.MAX_VALUE} works to its last address, without overflow. */
    @Test
    public void regionEndingAtLongMaxValueIsUsableToItsEnd() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long size = units(subject, small(subject));
        long start = Long.MAX_VALUE - size;
        start -= start % subject.unit();
        expect(run, Op.init(start, size), "ok");
        fillAndFree(run, 1, subject.kind() == AllocatorKind.PAGE ? subject.unit() : 1);
        expect(run, Op.alloc(100_000, 16, subject.kind() == AllocatorKind.PAGE ? subject.unit() : 1), "ok");
    }

    /** A block as large as its (aligned) region can be allocated; then nothing else fits. */
    @Test
    public void blockAsLargeAsTheRegionIsAllocatable() {
        Assumptions.assumeTrue(effectiveSettings().wholeRegionAllocatable(),
                "the allocator cannot give a whole region as one block");
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long count = 1024;
        expect(run, Op.init(0, units(subject, count)), "ok");
        expect(run, Op.alloc(0, count, subject.unit()), "ok");
        expect(run, Op.alloc(1, subject.minSize(), 1), "NO_MEMORY");
        expect(run, Op.free(0), "ok");
        expect(run, Op.alloc(2, count, 1), "ok");
    }

    /** An alignment larger than the region, with no aligned address inside it, is NO_MEMORY. */
    @Test
    public void alignmentLargerThanTheRegionIsNoMemory() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long region = units(subject, 64);
        expect(run, Op.init(region, region), "ok");
        expect(run, Op.alloc(0, 1, Long.highestOneBit(region) << 4), "NO_MEMORY");
        expect(run, Op.alloc(1, 1, 1L << 62), "NO_MEMORY");
        run.step(Op.alloc(2, 1, region));
    }

    /** Several disjoint regions, added out of address order, all hand out blocks. */
    @Test
    public void severalDisjointRegionsAreAllUsed() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long region = units(subject, small(subject));
        long[] starts = {region * 40, region * 3, region * 1000, region * 17};
        expect(run, Op.init(starts[0], region), "ok");
        for (int i = 1; i < starts.length; i++) {
            expect(run, Op.addMemory(starts[i], region), "ok");
        }
        List<Integer> ids = fill(run, 1, 1);
        for (long start : starts) {
            boolean used = false;
            for (ReferenceModel.Block block : run.model().blocks()) {
                used |= block.pos >= start && block.pos < start + region;
            }
            assertTrue(used, "no block was allocated in the region at " + start);
        }
        freeShuffled(run, ids, 1);
    }

    /** Adjacent regions stay separate: no block spans the boundary, but each region is whole. */
    @Test
    public void adjacentRegionsDoNotCoalesce() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long count = small(subject) * 4;
        long region = units(subject, count);
        expect(run, Op.init(0, region), "ok");
        expect(run, Op.addMemory(region, region), "ok");
        expect(run, Op.alloc(0, count + 1, 1), "NO_MEMORY");
        long each = effectiveSettings().wholeRegionAllocatable() ? count : count / 2;
        expect(run, Op.alloc(1, each, subject.unit()), "ok");
        expect(run, Op.alloc(2, each, subject.unit()), "ok");
        expect(run, Op.alloc(3, count + 1, 1), "NO_MEMORY");
    }

    // ---- introspection and control -------------------------------------------------------------------------

    /** {@code reset()} frees everything and returns to the state right after the regions were added. */
    @Test
    public void resetReturnsToTheStateAfterTheRegionsWereAdded() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        expect(run, Op.init(0, units(subject, 512)), "ok");
        expect(run, Op.addMemory(units(subject, 4096), units(subject, 128)), "ok");
        SplittableRandom random = new SplittableRandom(7);
        for (int id = 0; id < 40; id++) {
            run.step(Op.alloc(id, subject.minSize() + random.nextInt(24), 1L << random.nextInt(5)));
            if (id % 3 == 0) {
                run.step(Op.free(id - 1));
            }
        }
        expect(run, Op.reset(), "ok");
        assertEquals(0, subject.used());
        expect(run, Op.alloc(100, 8, 1), "ok");
        expect(run, Op.reset(), "ok");
    }

    /** Freeing every block (in any order) makes the largest block first possible allocatable again. */
    @Test
    public void freeingEverythingRestoresTheLargestBlock() {
        Assumptions.assumeTrue(effectiveSettings().coalescesFully(), "the allocator does not promise full coalescing");
        SequenceRun run = newRun();
        Subject subject = run.subject();
        expect(run, Op.init(0, units(subject, 1024)), "ok");
        expect(run, Op.addMemory(units(subject, 1536), units(subject, 1000)), "ok");
        long largest = run.largestFreshBlock();
        fillAndFree(run, 3, 1);
        expect(run, Op.alloc(100_000, largest, subject.kind() == AllocatorKind.PAGE ? subject.unit() : 1), "ok");
    }

    /** {@code usableSize} is at least the size, and {@code used} grows by exactly it. */
    @Test
    public void usedGrowsByExactlyTheUsableSize() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        expect(run, Op.init(0, units(subject, 1 << 14)), "ok");
        int id = 0;
        for (long size = Math.max(1, subject.minSize()); size < 3000; size = size * 3 + 1) {
            for (long align = 1; align <= 256; align *= 4) {
                long usable = subject.usableSize(size, align);
                assertTrue(usable >= size, "usableSize(" + size + ", " + align + ") = " + usable);
                long before = subject.used();
                run.step(Op.alloc(id++, size, align));
                if (run.lastOutcome().equals("ok")) {
                    assertEquals(before + usable, subject.used());
                }
            }
        }
    }

    /** {@code tryResize} either moves the block's end in place (accounting follows) or changes nothing. */
    @Test
    public void tryResizeEitherResizesInPlaceOrChangesNothing() {
        SequenceRun run = newRun();
        Subject subject = run.subject();
        long unit = subject.unit();
        expect(run, Op.init(0, units(subject, 4096)), "ok");
        expect(run, Op.alloc(0, 16, unit), "ok");
        expect(run, Op.alloc(1, 16, unit), "ok");
        long[] sizes = {32, 8, 1, 100, 16, 2000, 3, 16};
        for (long size : sizes) {
            run.step(Op.resize(0, size));
            run.step(Op.resize(1, size));
        }
        expect(run, Op.free(1), "ok");
        run.step(Op.resize(0, 300));
        expect(run, Op.resize(1, 4), "NOT_ALLOCATED");
        expect(run, Op.free(0), "ok");
    }

    /** A small region, in units: 4096 bytes, or 64 pages or IDs. */
    static long small(Subject subject) {
        return subject.kind() == AllocatorKind.BYTE ? 4096 : 64;
    }

    /** Allocates small blocks until the allocator is full, then frees them all in a shuffled order. */
    static void fillAndFree(SequenceRun run, long seed, long align) {
        freeShuffled(run, fill(run, seed, align), seed);
    }

    /** Allocates small blocks (ids from 0) until the allocator is full; returns their ids. */
    static List<Integer> fill(SequenceRun run, long seed, long align) {
        Subject subject = run.subject();
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < 4096; id++) {
            run.step(Op.alloc(id, subject.minSize() + random.nextInt(subject.kind() == AllocatorKind.BYTE ? 96 : 4),
                    align));
            if (!run.lastOutcome().equals("ok")) {
                break;
            }
            ids.add(id);
        }
        return ids;
    }

    /** Frees the blocks in a shuffled order. */
    static void freeShuffled(SequenceRun run, List<Integer> ids, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, swap);
        }
        for (int id : ids) {
            expect(run, Op.free(id), "ok");
        }
    }
}
