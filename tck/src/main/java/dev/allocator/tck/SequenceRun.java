package dev.allocator.tck;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Executes calls on one allocator and checks each against the {@link ReferenceModel}: what it may return or must
 * throw, what it must not change, and the invariants that hold after every step. The first broken check throws
 * a {@link ContractViolation} naming the property.
 *
 * <p>Each call is also recorded (the {@link Op} and the Java line that does it) so that a failing sequence can be
 * replayed, shrunk and printed. Replays run on fresh allocators from the factory: the copy "with the history"
 * and the copy "with only the regions" are how a rejected call, {@code reset()} and full coalescing are checked
 * for hidden changes (by {@link Probe}).
 */
final class SequenceRun {
    /** Sizes above this many addresses are absurd: they may be INVALID_PARAM or NO_MEMORY. */
    private static final long HUGE = 1L << 62;
    /** Above this history length, only some rejected calls get the (quadratic) replay-and-probe check. */
    private static final int FULL_PROBE_HISTORY = 400;
    /** Events of one kind (rejected calls of one type and error; emptyings) that always get a probe check. */
    private static final int PROBE_FIRST = 2;
    /** After those, one in this many does. */
    private static final int PROBE_EVERY = 8;

    /** The arguments a block was allocated (or last resized) with. */
    static final class Binding {
        final long pos;
        long size;
        final long align;

        Binding(long pos, long size, long align) {
            this.pos = pos;
            this.size = size;
            this.align = align;
        }
    }

    /** What the model allows a call to do. */
    private static final class Expect {
        final EnumSet<AllocError> rejections = EnumSet.noneOf(AllocError.class);
        boolean success = true;
        boolean skip;
        long exact = -1;
        long units;
        ReferenceModel.Block block;

        static Expect skip() {
            Expect expect = new Expect();
            expect.skip = true;
            return expect;
        }

        static Expect reject(AllocError... kinds) {
            Expect expect = new Expect();
            expect.success = false;
            Collections.addAll(expect.rejections, kinds);
            return expect;
        }

        Expect mayRun(AllocError kind) {
            rejections.add(kind);
            return this;
        }
    }

    private final Supplier<Subject> factory;
    private final Hooks hooks;
    private final Subject subject;
    private final ReferenceModel model;
    private final List<Op> history = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final List<long[]> regionsAdded = new ArrayList<>();
    private final Map<Integer, Binding> bindings = new HashMap<>();
    private final Map<Long, Integer> idAtPos = new HashMap<>();
    private final List<Integer> freedIds = new ArrayList<>();
    /** How often each kind of event (a rejected call of one type and error, an emptying) was seen. */
    private final Map<String, Integer> eventsByKind = new HashMap<>();
    /** The snapshot the last step ended with: the state before the next call. */
    private Snapshot lastSnapshot;
    private String lastOutcome = "";
    private final boolean recordLines;

    SequenceRun(Supplier<Subject> factory, Hooks hooks) {
        this(factory, hooks, true);
    }

    /**
     * A run on a fresh allocator from {@code factory}.
     *
     * @param recordLines keep every call as a Java line (for reports); false keeps only the last one, so that long
     *                    random runs do not hold millions of strings
     */
    SequenceRun(Supplier<Subject> factory, Hooks hooks, boolean recordLines) {
        this.recordLines = recordLines;
        this.factory = factory;
        this.hooks = hooks;
        this.subject = factory.get();
        this.model = new ReferenceModel(subject.unit());
    }

    Subject subject() {
        return subject;
    }

    ReferenceModel model() {
        return model;
    }

    Hooks hooks() {
        return hooks;
    }

    /** Calls executed so far (skipped ones are not recorded). */
    List<Op> history() {
        return history;
    }

    /** One Java statement per executed call, with its result as a comment. */
    List<String> lines() {
        return lines;
    }

    /** Outcome of the last call: {@code "ok"}, {@code "false"}, {@code "skipped"} or the error kind's name. */
    String lastOutcome() {
        return lastOutcome;
    }

    Binding binding(int id) {
        return bindings.get(id);
    }

    /** Ids of the live blocks, in no particular order. */
    List<Integer> liveIds() {
        return new ArrayList<>(idAtPos.values());
    }

    /** Ids of blocks freed since (a double free of one is a bad call). */
    List<Integer> freedIds() {
        return freedIds;
    }

    /** Runs every call in order, stopping at the first violation (thrown). */
    void runAll(List<Op> ops) {
        for (Op op : ops) {
            step(op);
        }
    }

    /**
     * Executes one call and checks it.
     *
     * @throws ContractViolation if the allocator broke a property
     */
    void step(Op op) {
        Binding binding = op.refersToBlock() ? bindings.get(op.id()) : null;
        if (op.refersToBlock() && binding == null) {
            lastOutcome = "skipped";
            return;
        }
        Expect expect = expect(op, binding);
        if (expect.skip) {
            lastOutcome = "skipped";
            return;
        }
        Snapshot before = lastSnapshot != null ? lastSnapshot : Snapshot.of(subject);
        lastSnapshot = null;
        history.add(op);
        String call = render(op, binding);
        if (!recordLines) {
            lines.clear();
        }
        lines.add(call + ";");
        long value;
        AllocError rejected = null;
        try {
            value = execute(subject, op, binding);
            if (op.type() == Op.Type.TRY_ALLOC && value == ByteAllocator.NO_BLOCK) {
                rejected = AllocError.NO_MEMORY;
            }
        } catch (AllocException e) {
            rejected = e.error();
            value = 0;
        } catch (IllegalStateException e) {
            if (op.type() != Op.Type.INIT || !model.initialized()) {
                throw violation("unexpected-exception", call + " threw " + e, e);
            }
            rejected = AllocError.MEMORY_OVERLAP;
            value = 0;
        } catch (RuntimeException e) {
            throw violation("unexpected-exception", call + " threw " + e, e);
        }
        if (rejected != null) {
            lines.set(lines.size() - 1, rejectedLine(op, call, rejected));
            lastOutcome = rejected.name();
            if (!expect.rejections.contains(rejected)) {
                if (expect.success) {
                    lines.set(lines.size() - 1, call + "; // rejected with " + rejected + ", should succeed");
                } else {
                    lines.set(lines.size() - 1, "assertEquals(AllocError." + expect.rejections.iterator().next()
                            + ", assertThrows(AllocException.class, () -> " + expression(op, call)
                            + ").error()); // got " + rejected);
                }
                throw violation(rejected == AllocError.NO_MEMORY && expect.success ? "must-succeed" : "error-kind",
                        call + " was rejected with " + rejected + "; expected "
                                + (expect.rejections.isEmpty() ? "success" : "one of " + expect.rejections
                                + (expect.success ? " or success" : "")));
            }
            checkUnchanged(before, call + " (rejected with " + rejected + ")", op.type() + " " + rejected);
        } else if (op.type() == Op.Type.RESIZE && value == 0) {
            lines.set(lines.size() - 1, call + "; // false");
            lastOutcome = "false";
            checkUnchanged(before, call + " (returned false)", "RESIZE false");
        } else {
            lastOutcome = "ok";
            if (!expect.success) {
                lines.set(lines.size() - 1, rejectedLine(op, call, expect.rejections.iterator().next())
                        .replace("); // ", "); // expected "));
                throw violation(expect.rejections.contains(AllocError.NOT_ALLOCATED) ? "not-allocated"
                        : "accepted-bad-call", call + " succeeded (returned " + value + "); expected one of "
                        + expect.rejections);
            }
            apply(op, binding, expect, value, before, call);
        }
        checkInvariants(call);
    }

    // ---- expectations --------------------------------------------------------------------------------------

    private Expect expect(Op op, Binding binding) {
        switch (op.type()) {
            case INIT:
                if (model.initialized()) {
                    return Expect.reject(AllocError.MEMORY_OVERLAP);
                }
                return expectRegion(op.a(), op.b());
            case ADD_MEMORY:
                if (!model.initialized()) {
                    return Expect.skip();
                }
                Expect region = expectRegion(op.a(), op.b());
                if (region.success && model.overlapsRegion(op.a(), op.b())) {
                    return Expect.reject(AllocError.MEMORY_OVERLAP);
                }
                return region;
            case ALLOC:
            case TRY_ALLOC:
                return expectAlloc(op.a(), op.b());
            case ALLOC_AT:
                return expectAllocAt(op.a(), op.b(), op.c());
            case FREE:
                return expectFree(binding.pos, binding.size, binding.align);
            case FREE_SIZE:
                return expectFree(binding.pos, op.a(), binding.align);
            case FREE_OFFSET:
                return expectFree(binding.pos + op.a(), binding.size, binding.align);
            case FREE_AT:
                return expectFree(op.a(), op.b(), op.c());
            case RESIZE:
                return expectResize(binding, op.a());
            case RESET:
                return new Expect();
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    private Expect expectRegion(long start, long size) {
        if (start < 0 || size < 0 || start > Long.MAX_VALUE - size) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (subject.kind() == AllocatorKind.PAGE && start % subject.unit() != 0) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (subject.kind() == AllocatorKind.PAGE && size % subject.unit() != 0) {
            return Expect.skip();
        }
        return new Expect();
    }

    private Expect expectAlloc(long size, long align) {
        if (!Alignment.isPowerOfTwo(align) || size < subject.minSize()) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (subject.kind() == AllocatorKind.BYTE && size > Long.MAX_VALUE - align) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (size > HUGE / subject.unit()) {
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
        }
        if (size > model.regionUnits() && rejectsAsInvalid(size, align)) {
            // a size no region could hold: usableSize may call it a bad size
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
        }
        long units = usable(size, align);
        Expect expect = new Expect();
        expect.units = units;
        if (!model.initialized() || units > subject.available()) {
            expect.success = false;
            return expect.mayRun(AllocError.NO_MEMORY);
        }
        if (hooks.lowestFit()) {
            expect.exact = model.lowestFit(units, align);
            if (expect.exact < 0) {
                expect.success = false;
            }
            return expect.exact < 0 ? expect.mayRun(AllocError.NO_MEMORY) : expect;
        }
        if (hooks.coalescesFully() && model.liveCount() == 0 && !model.regions().isEmpty()
                && fitsWhenFresh(size, align)) {
            return expect;
        }
        return expect.mayRun(AllocError.NO_MEMORY);
    }

    private Expect expectAllocAt(long base, long size, long align) {
        Expect expect = new Expect();
        if (subject.kind() == AllocatorKind.ID) {
            expect.units = 1;
            if (!model.initialized()) {
                return Expect.reject(AllocError.NO_MEMORY, AllocError.INVALID_PARAM);
            }
            if (model.regionStartOf(base) < 0) {
                return Expect.reject(AllocError.INVALID_PARAM);
            }
            if (model.overlapping(base, base + 1, null) != null) {
                return Expect.reject(AllocError.NO_MEMORY);
            }
            expect.exact = base;
            return expect;
        }
        if (!Alignment.isPowerOfTwo(align) || size < 1 || base < 0 || base % subject.unit() != 0
                || base % align != 0) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (size > HUGE / subject.unit()) {
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
        }
        long units = usable(size, align);
        expect.units = units;
        long end = base + units * subject.unit();
        if (end < base) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (!model.initialized()) {
            return Expect.reject(AllocError.NO_MEMORY, AllocError.INVALID_PARAM);
        }
        if (!model.insideOneRegion(base, end)) {
            return model.overlapsRegion(base, end - base)
                    ? Expect.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY)
                    : Expect.reject(AllocError.INVALID_PARAM);
        }
        if (model.overlapping(base, end, null) != null) {
            return Expect.reject(AllocError.NO_MEMORY);
        }
        expect.exact = base;
        return expect;
    }

    private Expect expectFree(long pos, long size, long align) {
        ReferenceModel.Block block = model.liveAt(pos);
        if (subject.kind() == AllocatorKind.BYTE) {
            if (!Alignment.isPowerOfTwo(align) || size < 0 || pos < 0) {
                return Expect.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
            }
            if (block == null) {
                return Expect.reject(AllocError.NOT_ALLOCATED);
            }
            long units;
            try {
                units = subject.usableSize(size, align);
            } catch (AllocException e) {
                return Expect.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
            }
            if (units != block.units) {
                return Expect.reject(AllocError.NOT_ALLOCATED);
            }
            return freeing(block);
        }
        if (size < 1) {
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (subject.kind() == AllocatorKind.PAGE && (pos < 0 || pos % subject.unit() != 0)) {
            return Expect.reject(AllocError.INVALID_PARAM);
        }
        if (pos < 0) {
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (block != null && (size == block.size || size == block.units)) {
            return freeing(block);
        }
        long end = size > HUGE / subject.unit() ? -1 : pos + size * subject.unit();
        if (end < pos || !model.coveredByRegions(pos, end)) {
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (!model.allAllocated(pos, end)) {
            return Expect.reject(AllocError.NOT_ALLOCATED);
        }
        return hooks.rejectsMismatchedFree() ? Expect.reject(AllocError.NOT_ALLOCATED) : Expect.skip();
    }

    private static Expect freeing(ReferenceModel.Block block) {
        Expect expect = new Expect();
        expect.block = block;
        return expect;
    }

    private Expect expectResize(Binding binding, long newSize) {
        ReferenceModel.Block block = model.liveAt(binding.pos);
        boolean matches;
        if (block == null) {
            matches = false;
        } else if (subject.kind() == AllocatorKind.BYTE) {
            matches = subject.usableSize(binding.size, binding.align) == block.units;
        } else {
            matches = binding.size == block.size || binding.size == block.units;
        }
        if (newSize < subject.minSize()) {
            return Expect.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (!matches) {
            return Expect.reject(AllocError.NOT_ALLOCATED);
        }
        Expect expect = new Expect();
        expect.block = block;
        expect.units = usable(newSize, block.align);
        return expect;
    }

    private boolean rejectsAsInvalid(long size, long align) {
        try {
            subject.usableSize(size, align);
            return false;
        } catch (AllocException e) {
            return e.error() == AllocError.INVALID_PARAM;
        }
    }

    /** {@code usableSize}, checked: deterministic, at least the size, at least one for size 0. */
    private long usable(long size, long align) {
        long units;
        try {
            units = subject.usableSize(size, align);
        } catch (RuntimeException e) {
            throw violation("usable-size", "usableSize(" + size + ", " + align + ") threw " + e, e);
        }
        if (units < size || units < 1) {
            throw violation("usable-size", "usableSize(" + size + ", " + align + ") = " + units
                    + ", less than the size (or 0)");
        }
        if (units != subject.usableSize(size, align)) {
            throw violation("usable-size", "usableSize(" + size + ", " + align + ") changed between two calls");
        }
        return units;
    }

    /**
     * The largest block (alignment 1, or the page size) a fresh allocator with this one's regions gives, found by
     * bisection on fresh copies; the minimum size if none fits.
     */
    long largestFreshBlock() {
        long align = subject.kind() == AllocatorKind.PAGE ? subject.unit() : 1;
        long low = subject.minSize();
        long high = Math.max(low, model.regionUnits());
        while (low < high) {
            long middle = low + (high - low + 1) / 2;
            if (fitsWhenFresh(middle, align)) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private boolean fitsWhenFresh(long size, long align) {
        Subject fresh = freshWithRegions();
        try {
            fresh.alloc(size, align);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- applying a successful call ------------------------------------------------------------------------

    private void apply(Op op, Binding binding, Expect expect, long value, Snapshot before, String call) {
        switch (op.type()) {
            case INIT:
            case ADD_MEMORY:
                long grown = subject.total() - before.total;
                long regionUnits = op.b() / subject.unit();
                if (subject.kind() == AllocatorKind.BYTE ? grown < 0 || grown > regionUnits : grown != regionUnits) {
                    throw violation("accounting", call + " grew the total by " + grown + " units for a region of "
                            + regionUnits);
                }
                model.addRegion(op.a(), op.b());
                model.markInitialized();
                regionsAdded.add(new long[] {op.type() == Op.Type.INIT ? 0 : 1, op.a(), op.b()});
                break;
            case ALLOC:
            case TRY_ALLOC:
            case ALLOC_AT:
                applyAlloc(op, expect, value, before, call);
                break;
            case FREE:
            case FREE_SIZE:
            case FREE_OFFSET:
            case FREE_AT:
                ReferenceModel.Block freed = expect.block;
                if (subject.used() != before.used - freed.units) {
                    throw violation("accounting", call + " freed a block of " + freed.units + " units but used went "
                            + before.used + " -> " + subject.used());
                }
                model.remove(freed);
                Integer freedId = idAtPos.remove(freed.pos);
                if (freedId != null) {
                    freedIds.add(freedId);
                }
                checkEmptied(call);
                break;
            case RESIZE:
                applyResize(op, binding, expect, before, call);
                break;
            case RESET:
                model.clearBlocks();
                freedIds.addAll(idAtPos.values());
                idAtPos.clear();
                compareWithFresh("reset", call);
                break;
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    private void applyAlloc(Op op, Expect expect, long pos, Snapshot before, String call) {
        long size = op.type() == Op.Type.ALLOC_AT ? op.b() : op.a();
        long align = op.type() == Op.Type.ALLOC_AT ? op.c() : op.b();
        if (subject.kind() == AllocatorKind.ID && op.type() == Op.Type.ALLOC_AT) {
            size = 1;
            align = 1;
        }
        long units = expect.units;
        if (expect.exact >= 0 && pos != expect.exact) {
            throw violation(op.type() == Op.Type.ALLOC_AT ? "alloc-at" : "lowest-fit",
                    call + " returned " + pos + "; expected " + expect.exact);
        }
        long effectiveAlign = subject.kind() == AllocatorKind.PAGE ? Math.max(align, subject.unit()) : align;
        if (pos < 0 || pos % effectiveAlign != 0) {
            throw violation("alignment", call + " returned " + pos + ", not a multiple of " + effectiveAlign);
        }
        long end = pos + units * subject.unit();
        if (end < pos || !model.insideOneRegion(pos, end)) {
            throw violation("bounds", call + " returned [" + pos + ", " + end + "), not inside one region of "
                    + model.regions());
        }
        ReferenceModel.Block other = model.overlapping(pos, end, null);
        if (other != null) {
            throw violation("overlap", call + " returned [" + pos + ", " + end + "), which overlaps the live block "
                    + other);
        }
        if (subject.used() != before.used + units) {
            throw violation("accounting", call + " takes usableSize = " + units + " units but used went "
                    + before.used + " -> " + subject.used());
        }
        model.add(new ReferenceModel.Block(pos, size, align, units));
        bindings.put(op.id(), new Binding(pos, size, align));
        idAtPos.put(pos, op.id());
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " // " + pos);
    }

    private void applyResize(Op op, Binding binding, Expect expect, Snapshot before, String call) {
        ReferenceModel.Block block = expect.block;
        long end = block.pos + expect.units * subject.unit();
        if (end < block.pos || !model.insideOneRegion(block.pos, end)) {
            throw violation("bounds", call + " grew the block to [" + block.pos + ", " + end
                    + "), not inside one region");
        }
        ReferenceModel.Block other = model.overlapping(block.pos, end, block);
        if (other != null) {
            throw violation("overlap", call + " grew the block over the live block " + other);
        }
        if (subject.used() != before.used - block.units + expect.units) {
            throw violation("accounting", call + " resized " + block.units + " -> " + expect.units
                    + " units but used went " + before.used + " -> " + subject.used());
        }
        model.resize(block, op.a(), expect.units);
        binding.size = op.a();
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " // true");
        checkEmptied(call);
    }

    private void checkEmptied(String call) {
        if (model.liveCount() == 0 && hooks.coalescesFully()) {
            compareWithFresh("coalescing", call);
        }
    }

    /**
     * With no live block, the allocator must look as right after its regions were added (same walk and stats) and
     * be able to do the same (a probe succeeds and fails at the same steps; where blocks go may differ, as free
     * lists may be in another order).
     */
    private void compareWithFresh(String property, String call) {
        Snapshot now = Snapshot.of(subject);
        Subject fresh = freshWithRegions();
        String difference = Snapshot.of(fresh).difference(now);
        if (difference != null) {
            throw violation(property, "after " + call + " no block is live, but the allocator differs from a fresh "
                    + "one with the same regions: " + difference.replace("was", "fresh:").replace("now", "this:"));
        }
        int seen = eventsByKind.merge("emptied", 1, Integer::sum);
        if (hooks.deterministic() && sampled(seen)) {
            String expected = Probe.run(fresh, false);
            String actual = Probe.run(replay(history), false);
            if (!expected.equals(actual)) {
                throw violation(property, "after " + call + " no block is live, but a probe sequence succeeds and "
                        + "fails at other steps than on a fresh allocator with the same regions:\n  fresh: "
                        + expected + "\n  this:  " + actual);
            }
        }
    }

    // ---- checks --------------------------------------------------------------------------------------------

    /**
     * A rejected call (or a {@code tryResize} that returned false) changed nothing observable, and, for the first
     * few calls of each kind and then one in {@link #PROBE_EVERY}, nothing hidden: replayed copies of the history
     * with and without the call answer a probe alike.
     */
    private void checkUnchanged(Snapshot before, String call, String kind) {
        Snapshot after = Snapshot.of(subject);
        String difference = before.difference(after);
        if (difference != null) {
            throw violation("rejected-call-changed-state", call + " changed the allocator: " + difference);
        }
        if (hooks.deterministic() && sampled(eventsByKind.merge(kind, 1, Integer::sum))) {
            String with = Probe.run(replay(history), true);
            String without = Probe.run(replay(history.subList(0, history.size() - 1)), true);
            if (!with.equals(without)) {
                throw violation("rejected-call-changed-state", call + " changed hidden state: a probe sequence "
                        + "answers differently on a copy made by replaying the history with and without it:\n"
                        + "  without: " + without + "\n  with:    " + with);
            }
        }
    }

    /**
     * Whether the {@code seen}-th event of a kind gets a (costly, replaying) probe check: the first
     * {@link #PROBE_FIRST}, then one in {@link #PROBE_EVERY}, rarer as the history grows, so that a long run stays
     * close to linear.
     */
    private boolean sampled(int seen) {
        return seen <= PROBE_FIRST || seen % (PROBE_EVERY * Math.max(1, history.size() / FULL_PROBE_HISTORY)) == 0;
    }

    private void checkInvariants(String call) {
        Snapshot now;
        try {
            now = Snapshot.of(subject);
        } catch (RuntimeException e) {
            throw violation("unexpected-exception", "introspection threw after " + call + ": " + e, e);
        }
        String after = " after " + call;
        AllocatorStats stats = now.stats;
        lastSnapshot = now;
        if (now.used + now.available != now.total) {
            throw violation("accounting", "used " + now.used + " + available " + now.available + " != total "
                    + now.total + after);
        }
        if (stats.total() != now.total || stats.used() != now.used || stats.available() != now.available) {
            throw violation("stats", "stats() " + stats + " disagrees with the counters (" + now.total + ", "
                    + now.used + ", " + now.available + ")" + after);
        }
        if (now.used != model.usedUnits()) {
            throw violation("accounting", "used is " + now.used + " but the live blocks take " + model.usedUnits()
                    + " units (sum of usableSize)" + after);
        }
        if (subject.kind() == AllocatorKind.BYTE ? now.total > model.regionUnits()
                : now.total != model.regionUnits()) {
            throw violation("accounting", "total is " + now.total + " but the regions hold " + model.regionUnits()
                    + " units" + after);
        }
        if (stats.liveBlocks() != model.liveCount()) {
            throw violation("stats", "stats().liveBlocks() is " + stats.liveBlocks() + " but " + model.liveCount()
                    + " blocks are live" + after);
        }
        if (stats.largestFree() < 0 || stats.largestFree() > now.available || stats.freeRanges() < 0
                || (now.available > 0) != (stats.largestFree() > 0)
                || (now.available > 0) != (stats.freeRanges() > 0)) {
            throw violation("stats", stats + " is inconsistent: largestFree must be in (0, available] and "
                    + "freeRanges > 0 exactly when something is free" + after);
        }
        double fragmentation = stats.fragmentation();
        if (!(fragmentation >= 0.0 && fragmentation <= 1.0)) {
            throw violation("stats", "fragmentation " + fragmentation + " is outside [0, 1]" + after);
        }
        checkWalk(now, after);
    }

    private void checkWalk(Snapshot now, String after) {
        long unit = subject.unit();
        long usedSum = 0;
        long sum = 0;
        long previousEnd = Long.MIN_VALUE;
        List<long[]> mergedUsed = new ArrayList<>();
        int mergedFree = 0;
        long largestMergedFree = 0;
        long[] current = null;
        boolean currentUsed = false;
        long currentRegion = -1;
        for (int i = 0; i < now.runCount(); i++) {
            long start = now.runStart(i);
            long size = now.runSize(i);
            boolean used = now.runUsed(i);
            if (size <= 0 || start < previousEnd) {
                throw violation("walk", "forEachBlock is not in address order or has an empty run: "
                        + now.describeWalk() + after);
            }
            long end = start + size * unit;
            if (size > Long.MAX_VALUE / unit || end < start || !model.insideOneRegion(start, end)) {
                throw violation("walk", "forEachBlock reports [" + start + ", +" + size + ") outside the regions "
                        + model.regions() + after);
            }
            long region = model.regionStartOf(start);
            sum += size;
            if (used) {
                usedSum += size;
            }
            if (current != null && start == current[1] && used == currentUsed && region == currentRegion) {
                current[1] = end;
            } else {
                if (current != null && !currentUsed) {
                    mergedFree++;
                    largestMergedFree = Math.max(largestMergedFree, (current[1] - current[0]) / unit);
                }
                current = new long[] {start, end};
                currentUsed = used;
                currentRegion = region;
                if (used) {
                    mergedUsed.add(current);
                }
            }
            previousEnd = end;
        }
        if (current != null && !currentUsed) {
            mergedFree++;
            largestMergedFree = Math.max(largestMergedFree, (current[1] - current[0]) / unit);
        }
        if (sum != now.total || usedSum != now.used) {
            throw violation("walk", "forEachBlock covers " + sum + " units (" + usedSum + " used) but total is "
                    + now.total + " and used " + now.used + ": " + now.describeWalk() + after);
        }
        int next = 0;
        boolean[] touched = new boolean[mergedUsed.size()];
        for (ReferenceModel.Block block : model.blocks()) {
            long end = model.end(block);
            while (next < mergedUsed.size() && mergedUsed.get(next)[1] <= block.pos) {
                next++;
            }
            if (next == mergedUsed.size() || mergedUsed.get(next)[0] > block.pos || mergedUsed.get(next)[1] < end) {
                throw violation("walk", "the live block " + block + " is not inside a used run of forEachBlock: "
                        + now.describeWalk() + after);
            }
            touched[next] = true;
        }
        for (int i = 0; i < touched.length; i++) {
            if (!touched[i]) {
                throw violation("walk", "forEachBlock reports used [" + mergedUsed.get(i)[0] + ", "
                        + mergedUsed.get(i)[1] + ") where no block is live" + after);
            }
        }
        if (now.stats.freeRanges() < mergedFree || now.stats.largestFree() > largestMergedFree) {
            throw violation("stats", now.stats + " disagrees with the walk: " + mergedFree
                    + " maximal free runs, the largest " + largestMergedFree + " units" + after);
        }
        if (subject.kind() == AllocatorKind.ID) {
            checkIsAllocated(now, after);
        }
    }

    private void checkIsAllocated(Snapshot now, String after) {
        for (ReferenceModel.Block block : model.blocks()) {
            if (!subject.isAllocated(block.pos) || !subject.isAllocated(block.pos + block.units - 1)) {
                throw violation("is-allocated", "isAllocated is false inside the live range " + block + after);
            }
        }
        for (int i = 0; i < now.runCount(); i++) {
            if (!now.runUsed(i) && subject.isAllocated(now.runStart(i))) {
                throw violation("is-allocated", "isAllocated(" + now.runStart(i) + ") is true for a free ID" + after);
            }
        }
        for (Map.Entry<Long, Long> region : model.regions().entrySet()) {
            long outside = region.getValue();
            if (model.regionStartOf(outside) < 0 && subject.isAllocated(outside)) {
                throw violation("is-allocated", "isAllocated(" + outside + ") is true outside the regions" + after);
            }
        }
    }

    // ---- replay --------------------------------------------------------------------------------------------

    /** A fresh allocator that got only the regions this one got, in the same order. */
    Subject freshWithRegions() {
        Subject fresh = factory.get();
        for (long[] region : regionsAdded) {
            if (region[0] == 0) {
                fresh.init(region[1], region[2]);
            } else {
                fresh.addMemory(region[1], region[2]);
            }
        }
        return fresh;
    }

    /** A fresh allocator that got the same calls (results and exceptions ignored). */
    Subject replay(List<Op> ops) {
        Subject copy = factory.get();
        Map<Integer, Binding> copyBindings = new HashMap<>();
        for (Op op : ops) {
            Binding binding = op.refersToBlock() ? copyBindings.get(op.id()) : null;
            if (op.refersToBlock() && binding == null) {
                continue;
            }
            try {
                long value = execute(copy, op, binding);
                if (op.allocates() && value >= 0) {
                    long size = op.type() == Op.Type.ALLOC_AT ? op.b() : op.a();
                    long align = op.type() == Op.Type.ALLOC_AT ? op.c() : op.b();
                    copyBindings.put(op.id(), new Binding(value, size, align));
                } else if (op.type() == Op.Type.RESIZE && value == 1) {
                    binding.size = op.a();
                }
            } catch (RuntimeException e) {
                // the original got the same exception (the copy is replayed, not checked)
            }
        }
        return copy;
    }

    /** Does the call; returns the address allocated, 1/0 for tryResize, 0 otherwise. */
    private static long execute(Subject target, Op op, Binding binding) {
        switch (op.type()) {
            case INIT:
                target.init(op.a(), op.b());
                return 0;
            case ADD_MEMORY:
                target.addMemory(op.a(), op.b());
                return 0;
            case ALLOC:
                return target.alloc(op.a(), op.b());
            case TRY_ALLOC:
                return target.tryAlloc(op.a(), op.b());
            case ALLOC_AT:
                return target.allocAt(op.a(), op.b(), op.c());
            case FREE:
                target.dealloc(binding.pos, binding.size, binding.align);
                return 0;
            case FREE_SIZE:
                target.dealloc(binding.pos, op.a(), binding.align);
                return 0;
            case FREE_OFFSET:
                target.dealloc(binding.pos + op.a(), binding.size, binding.align);
                return 0;
            case FREE_AT:
                target.dealloc(op.a(), op.b(), op.c());
                return 0;
            case RESIZE:
                return target.tryResize(binding.pos, binding.size, op.a(), binding.align) ? 1 : 0;
            case RESET:
                target.reset();
                return 0;
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    // ---- rendering -----------------------------------------------------------------------------------------

    private String render(Op op, Binding binding) {
        String variable = "b" + op.id();
        switch (op.type()) {
            case INIT:
                return "a.init(" + Op.lit(op.a()) + ", " + Op.lit(op.b()) + ")";
            case ADD_MEMORY:
                return "a.addMemory(" + Op.lit(op.a()) + ", " + Op.lit(op.b()) + ")";
            case ALLOC:
                return "long " + variable + " = " + subject.renderAlloc(op.a(), op.b());
            case TRY_ALLOC:
                return "long " + variable + " = " + subject.renderTryAlloc(op.a(), op.b());
            case ALLOC_AT:
                return "long " + variable + " = " + (subject.kind() == AllocatorKind.ID ? Op.lit(op.a()) + "; " : "")
                        + subject.renderAllocAt(Op.lit(op.a()), op.b(), op.c());
            case FREE:
                return subject.renderDealloc(variable, binding.size, binding.align);
            case FREE_SIZE:
                return subject.renderDealloc(variable, op.a(), binding.align);
            case FREE_OFFSET:
                return subject.renderDealloc(variable + " + " + Op.lit(op.a()), binding.size, binding.align);
            case FREE_AT:
                return subject.renderDealloc(Op.lit(op.a()), op.b(), op.c());
            case RESIZE:
                return subject.renderResize(variable, binding.size, op.a(), binding.align);
            case RESET:
                return "a.reset()";
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    private static String rejectedLine(Op op, String call, AllocError rejected) {
        if (op.type() == Op.Type.TRY_ALLOC && rejected == AllocError.NO_MEMORY) {
            return call + "; // NO_BLOCK";
        }
        return "assertThrows(AllocException.class, () -> " + expression(op, call) + "); // " + rejected;
    }

    /** The call without the assignment of its result ({@code a.alloc(8L, 8L)}, {@code a.allocFixedId(b3)}). */
    private static String expression(Op op, String call) {
        String expression = call;
        int assignment = call.indexOf(" = ");
        if (op.allocates() && assignment >= 0) {
            expression = call.substring(assignment + 3);
            int fixed = expression.indexOf("; ");
            if (fixed >= 0) {
                expression = expression.substring(fixed + 2);
            }
        }
        return expression;
    }

    private ContractViolation violation(String property, String message) {
        return new ContractViolation(property, "step " + history.size() + ": " + message);
    }

    private ContractViolation violation(String property, String message, Throwable cause) {
        return new ContractViolation(property, "step " + history.size() + ": " + message, cause);
    }
}
