package dev.allocator.tck;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Executes calls on one allocator and checks each against the {@link ReferenceModel} (what it may return or must
 * throw, as {@link Expectations} says), against a twin, and against the invariants that hold after every step. The
 * first broken check throws a {@link ContractViolation} naming the property.
 *
 * <p><b>The twin.</b> For a deterministic allocator the run keeps a second allocator from the factory that gets
 * every call the first one accepts, and only those: it never sees a rejected call (nor a {@code tryResize} that
 * answered false). Every accepted call must give the twin the same answer (address, true/false); after every
 * rejected call both must look the same (counters, stats, heap walk). A rejected call that changed hidden state (a
 * free list, a cursor) shows as a later answer that differs from the twin's.
 *
 * <pre>
 *   calls:    init  alloc  free(bad)  alloc  alloc(bad)  free ...
 *   allocator   x     x       x         x       x         x
 *   twin        x     x       -         x       -         x     answers compared at every x
 * </pre>
 *
 * <p><b>Modes.</b> {@link Mode#DIRECTED} (directed tests) records every call as Java and, after every rejected call,
 * also answers a probe sequence on two replayed copies, with and without the rejected calls, so a change that no
 * later call of the test would reveal is still seen. {@link Mode#RANDOM} keeps only the last calls as Java and
 * samples those probes; {@link Mode#SHRINK} samples alike but records every call, so that the shrinker sees the
 * failure the random run saw. {@link Mode#LONG} (sequences of millions of calls) keeps no history at all: memory
 * stays flat, the twin does the hidden-state checking, and a failure is reported by seed and step.
 */
final class SequenceRun {
    /** How much a run records and how often it replays. */
    enum Mode {
        /** Every call as Java; replayed probe after every rejected call. */
        DIRECTED(true, true, true),
        /** The last calls as Java, the whole history for replays and shrinking; sampled probes. */
        RANDOM(false, false, true),
        /** A failing random sequence replayed by the shrinker: every call as Java, probes sampled as in RANDOM. */
        SHRINK(true, false, true),
        /** No history: constant memory per step for sequences of millions of calls; twin-only checks. */
        LONG(false, false, false);

        final boolean allLines;
        final boolean probeEveryRejection;
        final boolean keepHistory;

        Mode(boolean allLines, boolean probeEveryRejection, boolean keepHistory) {
            this.allLines = allLines;
            this.probeEveryRejection = probeEveryRejection;
            this.keepHistory = keepHistory;
        }
    }

    /** Above this history length, only some rejected calls get the (quadratic) replay-and-probe check. */
    private static final int FULL_PROBE_HISTORY = 400;
    /** Events of one kind (rejected calls of one type and error; emptyings) that always get a probe check. */
    private static final int PROBE_FIRST = 2;
    /** After those, one in this many does. */
    private static final int PROBE_EVERY = 8;
    /** Calls kept as Java when not all are (for reports). */
    private static final int RECENT_LINES = 24;
    /** Freed block ids a long run remembers (for double frees); older ones are forgotten. */
    private static final int FREED_KEPT = 256;

    private final Supplier<Subject> factory;
    private final ContractSettings settings;
    private final Mode mode;
    private final Subject subject;
    /** The allocator that gets only the accepted calls; null for an allocator that is not deterministic. */
    private final Subject twin;
    private final ReferenceModel model;
    private final Expectations expectations;
    private final boolean lowestFit;
    private final long maxRegionUnits;
    /** Every call executed (null in LONG mode). */
    private final List<Op> history;
    /** The calls the twin got (null in LONG mode). */
    private final List<Op> accepted;
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
    private int steps;
    /** The last call the allocator rejected (the twin never saw it), with its step, for divergence reports. */
    private String lastRejected;
    /** Inside {@link #runAllCheckingAtEnd}: per call only the O(1) checks, the invariants after the last one. */
    private boolean deferInvariants;

    /** A directed run: every call recorded and fully checked. */
    SequenceRun(Supplier<Subject> factory, ContractSettings settings) {
        this(factory, settings, Mode.DIRECTED);
    }

    SequenceRun(Supplier<Subject> factory, ContractSettings settings, Mode mode) {
        this.factory = factory;
        this.settings = settings;
        this.mode = mode;
        this.subject = factory.get();
        this.twin = settings.deterministic() ? factory.get() : null;
        this.model = new ReferenceModel(subject.unit());
        this.lowestFit = settings.lowestFit() && subject.kind() == AllocatorKind.ID;
        this.maxRegionUnits = settings.maxRegionSize() > 0 ? settings.maxRegionSize()
                : defaultMaxRegionUnits(subject.kind());
        this.history = mode.keepHistory ? new ArrayList<>() : null;
        this.accepted = mode.keepHistory ? new ArrayList<>() : null;
        this.expectations = new Expectations(this);
    }

    /** The largest random region of a kind when the settings do not say: 256 KiB, 2048 pages, 4096 IDs. */
    static long defaultMaxRegionUnits(AllocatorKind kind) {
        switch (kind) {
            case BYTE:
                return 256 * 1024;
            case PAGE:
                return 2048;
            default:
                return 4096;
        }
    }

    Subject subject() {
        return subject;
    }

    ReferenceModel model() {
        return model;
    }

    ContractSettings settings() {
        return settings;
    }

    /** The largest region the random sequences add, in units (the settings' or the kind's default). */
    long maxRegionUnits() {
        return maxRegionUnits;
    }

    /** Whether allocations must be lowest fit (ID allocators that say so). */
    boolean lowestFit() {
        return lowestFit;
    }

    /** Calls executed so far (skipped ones are not recorded); empty in LONG mode. */
    List<Op> history() {
        return history != null ? history : List.of();
    }

    /** Calls executed so far. */
    int steps() {
        return steps;
    }

    /** The calls as Java statements with their results as comments: all (DIRECTED, SHRINK) or the last few. */
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
     * Runs many calls (thousands of regions, say) checking each call's outcome, the accounting it changes and the
     * twin's answers, but the heap walk and stats only after the last call: O(calls) where {@link #runAll} is
     * O(calls x runs). A rejected call is then compared with its twin, not with a walk taken before it, and the
     * replayed probes are left to the twin, which answers every later call.
     */
    void runAllCheckingAtEnd(List<Op> ops) {
        deferInvariants = true;
        try {
            for (Op op : ops) {
                step(op);
            }
        } finally {
            deferInvariants = false;
        }
        checkInvariants("the last of " + ops.size() + " calls");
    }

    /**
     * Executes one call and checks it.
     *
     * @throws ContractViolation if the allocator broke a property
     */
    void step(Op op) {
        Call call = prepare(op);
        if (call == null) {
            return;
        }
        long value;
        AllocError rejected = null;
        try {
            value = Calls.execute(subject, op, call.binding);
            if (op.type() == Op.Type.TRY_ALLOC && value == ByteAllocator.NO_BLOCK) {
                rejected = AllocError.NO_MEMORY;
            }
        } catch (AllocException e) {
            rejected = e.error();
            value = 0;
        } catch (IllegalStateException e) {
            if (op.type() != Op.Type.INIT || !model.initialized()) {
                throw unexpected(call.text + " threw " + e, e);
            }
            rejected = AllocError.MEMORY_OVERLAP;
            value = 0;
        } catch (RuntimeException | Error e) {
            throw unexpected(call.text + " threw " + e + hintFor(e), e);
        }
        finish(call, value, rejected);
        if (deferInvariants) {
            lastSnapshot = null;
        } else {
            checkInvariants(call.text);
        }
    }

    /** A call about to be made: its block, what the model expects, the state before, the call as Java. */
    private static final class Call {
        final Op op;
        final Binding binding;
        final Expectation expect;
        final Snapshot before;
        final String text;

        Call(Op op, Binding binding, Expectation expect, Snapshot before, String text) {
            this.op = op;
            this.binding = binding;
            this.expect = expect;
            this.before = before;
            this.text = text;
        }
    }

    /** Looks the call up in the model and records it; null if it is skipped (a block gone, a call not judged). */
    private Call prepare(Op op) {
        Binding binding = op.refersToBlock() ? bindings.get(op.id()) : null;
        if (op.refersToBlock() && binding == null) {
            lastOutcome = "skipped";
            return null;
        }
        Expectation expect = expectations.of(op, binding);
        if (expect.skip) {
            lastOutcome = "skipped";
            return null;
        }
        Snapshot before = lastSnapshot != null ? lastSnapshot
                : deferInvariants ? Snapshot.counters(subject) : Snapshot.of(subject);
        lastSnapshot = null;
        steps++;
        if (history != null) {
            history.add(op);
        }
        String text = Calls.render(subject, op, binding);
        if (!mode.allLines && lines.size() >= RECENT_LINES) {
            lines.remove(0);
        }
        lines.add(text + ";");
        return new Call(op, binding, expect, before, text);
    }

    /** Judges the outcome of a prepared call: {@code rejected} the error kind, or null with the value returned. */
    private void finish(Call call, long value, AllocError rejected) {
        Op op = call.op;
        Expectation expect = call.expect;
        if (rejected != null) {
            setLastLine(Calls.rejectedLine(op, call.text, rejected));
            lastOutcome = rejected.name();
            if (!expect.rejections.contains(rejected)) {
                if (expect.success) {
                    setLastLine(call.text + "; // rejected with " + rejected + ", should succeed");
                } else {
                    setLastLine("assertEquals(AllocError." + expect.rejections.iterator().next()
                            + ", assertThrows(AllocException.class, () -> " + Calls.expression(op, call.text)
                            + ").error()); // got " + rejected);
                }
                throw violation(rejected == AllocError.NO_MEMORY && expect.success ? "must-succeed" : "error-kind",
                        call.text + " was rejected with " + rejected + "; expected "
                                + (expect.rejections.isEmpty() ? "success" : "one of " + expect.rejections
                                + (expect.success ? " or success" : "")));
            }
            lastRejected = call.text + " (step " + steps + ")";
            checkUnchanged(call.before, call.text + " (rejected with " + rejected + ")", op.type() + " " + rejected);
        } else if (op.type() == Op.Type.RESIZE && value == 0) {
            setLastLine(call.text + "; // false");
            lastOutcome = "false";
            if (!expect.mayAnswerFalse) {
                throw violation(expect.rejections.contains(AllocError.NOT_ALLOCATED) ? "not-allocated" : "error-kind",
                        call.text + " returned false; expected one of " + expect.rejections);
            }
            checkUnchanged(call.before, call.text + " (returned false)", "RESIZE false");
        } else {
            lastOutcome = "ok";
            if (!expect.success) {
                setLastLine(Calls.rejectedLine(op, call.text, expect.rejections.iterator().next())
                        .replace("); // ", "); // expected "));
                throw violation(expect.rejections.contains(AllocError.NOT_ALLOCATED) ? "not-allocated"
                        : "accepted-bad-call", call.text + " succeeded (returned " + value + "); expected one of "
                        + expect.rejections);
            }
            twinFollows(call, value);
            apply(call, value);
        }
    }

    private void checkInvariants(String text) {
        lastSnapshot = Invariants.check(subject, model, "step " + steps + ": ", text);
    }

    private void setLastLine(String line) {
        lines.set(lines.size() - 1, line);
    }

    // ---- the twin ------------------------------------------------------------------------------------------

    /** Sends an accepted call to the twin, which must answer the same. */
    private void twinFollows(Call call, long value) {
        if (accepted != null) {
            accepted.add(call.op);
        }
        if (twin == null) {
            return;
        }
        long answer;
        try {
            answer = Calls.execute(twin, call.op, call.binding);
        } catch (RuntimeException | Error e) {
            throw diverged(call.text + " returned " + value + " but threw " + e + " on the twin", e);
        }
        boolean compared = call.op.allocates() || call.op.type() == Op.Type.RESIZE;
        if (compared && answer != value) {
            throw diverged(call.text + " returned " + value + " but " + answer + " on the twin", null);
        }
    }

    private ContractViolation diverged(String what, Throwable cause) {
        String why = lastRejected != null
                ? "; the twin got the same calls except the rejected ones, so a rejected call (the last was "
                + lastRejected + ") changed hidden state"
                : "; the twin got exactly the same calls: the allocator is not deterministic (say so in "
                + "ContractSettings.withDeterministic(false))";
        return lastRejected != null
                ? new ContractViolation("rejected-call-changed-state", "step " + steps + ": " + what + why, cause)
                : new ContractViolation("nondeterministic", "step " + steps + ": " + what + why, cause);
    }

    // ---- applying a successful call ------------------------------------------------------------------------

    private void apply(Call call, long value) {
        Op op = call.op;
        Snapshot before = call.before;
        switch (op.type()) {
            case INIT:
            case ADD_MEMORY:
                long grown = subject.total() - before.total;
                long regionUnits = op.b() / subject.unit();
                if (subject.kind() == AllocatorKind.BYTE ? grown < 0 || grown > regionUnits : grown != regionUnits) {
                    throw violation("accounting", call.text + " grew the total by " + grown + " units for a region of "
                            + regionUnits);
                }
                model.addRegion(op.a(), op.b());
                model.markInitialized();
                regionsAdded.add(new long[] {op.type() == Op.Type.INIT ? 0 : 1, op.a(), op.b()});
                break;
            case ALLOC:
            case TRY_ALLOC:
            case ALLOC_AT:
                applyAlloc(call, value);
                break;
            case FREE:
            case FREE_SIZE:
            case FREE_OFFSET:
            case FREE_AT:
                ReferenceModel.Block freed = call.expect.block;
                if (subject.used() != before.used - freed.units) {
                    throw violation("accounting", call.text + " freed a block of " + freed.units
                            + " units but used went " + before.used + " -> " + subject.used());
                }
                model.remove(freed);
                Integer freedId = idAtPos.remove(freed.pos);
                if (freedId != null) {
                    remember(freedId);
                }
                checkEmptied(call.text);
                break;
            case RESIZE:
                applyResize(call);
                break;
            case RESET:
                model.clearBlocks();
                for (Integer id : idAtPos.values()) {
                    remember(id);
                }
                idAtPos.clear();
                compareWithFresh("reset", call.text);
                break;
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    /**
     * Keeps a freed block's id for double frees; a random or long run forgets the oldest beyond {@link #FREED_KEPT}
     * (both alike, so that a long run's failure replays as a random one; the generator never names a forgotten id).
     */
    private void remember(int freedId) {
        freedIds.add(freedId);
        if (!mode.allLines && freedIds.size() > FREED_KEPT) {
            bindings.remove(freedIds.remove(0));
        }
    }

    private void applyAlloc(Call call, long pos) {
        Op op = call.op;
        long size = op.type() == Op.Type.ALLOC_AT ? op.b() : op.a();
        long align = op.type() == Op.Type.ALLOC_AT ? op.c() : op.b();
        if (subject.kind() == AllocatorKind.ID && op.type() == Op.Type.ALLOC_AT) {
            size = 1;
            align = 1;
        }
        long units = call.expect.units;
        if (call.expect.exact >= 0 && pos != call.expect.exact) {
            throw violation(op.type() == Op.Type.ALLOC_AT ? "alloc-at" : "lowest-fit",
                    call.text + " returned " + pos + "; expected " + call.expect.exact);
        }
        long effectiveAlign = subject.kind() == AllocatorKind.PAGE ? Math.max(align, subject.unit()) : align;
        if (pos < 0 || pos % effectiveAlign != 0) {
            throw violation("alignment", call.text + " returned " + pos + ", not a multiple of " + effectiveAlign);
        }
        long end = pos + units * subject.unit();
        if (end < pos || !model.insideOneRegion(pos, end)) {
            throw violation("bounds", call.text + " returned [" + pos + ", " + end + "), not inside one region of "
                    + model.regions());
        }
        ReferenceModel.Block other = model.overlapping(pos, end, null);
        if (other != null) {
            throw violation("overlap", call.text + " returned [" + pos + ", " + end
                    + "), which overlaps the live block " + other);
        }
        if (subject.used() != call.before.used + units) {
            throw violation("accounting", call.text + " takes usableSize = " + units + " units but used went "
                    + call.before.used + " -> " + subject.used());
        }
        model.add(new ReferenceModel.Block(pos, size, align, units));
        bindings.put(op.id(), new Binding(pos, size, align));
        idAtPos.put(pos, op.id());
        setLastLine(lines.get(lines.size() - 1) + " // " + pos);
    }

    private void applyResize(Call call) {
        ReferenceModel.Block block = call.expect.block;
        long end = block.pos + call.expect.units * subject.unit();
        if (end < block.pos || !model.insideOneRegion(block.pos, end)) {
            throw violation("bounds", call.text + " grew the block to [" + block.pos + ", " + end
                    + "), not inside one region");
        }
        ReferenceModel.Block other = model.overlapping(block.pos, end, block);
        if (other != null) {
            throw violation("overlap", call.text + " grew the block over the live block " + other);
        }
        if (subject.used() != call.before.used - block.units + call.expect.units) {
            throw violation("accounting", call.text + " resized " + block.units + " -> " + call.expect.units
                    + " units but used went " + call.before.used + " -> " + subject.used());
        }
        model.resize(block, call.op.a(), call.expect.units);
        call.binding.size = call.op.a();
        setLastLine(lines.get(lines.size() - 1) + " // true");
        checkEmptied(call.text);
    }

    private void checkEmptied(String call) {
        if (model.liveCount() == 0 && settings.coalescesFully()) {
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
        String difference = Snapshot.of(fresh).difference(now, "fresh", "this");
        if (difference != null) {
            throw violation(property, "after " + call + " no block is live, but the allocator differs from a fresh "
                    + "one with the same regions: " + difference);
        }
        int seen = eventsByKind.merge("emptied", 1, Integer::sum);
        if (settings.deterministic() && history != null && !deferInvariants && sampled(seen)) {
            String expected = Probe.run(fresh, false);
            String actual = Probe.run(Calls.replay(factory, history), false);
            if (!expected.equals(actual)) {
                throw violation(property, "after " + call + " no block is live, but a probe sequence succeeds and "
                        + "fails at other steps than on a fresh allocator with the same regions:\n  fresh: "
                        + expected + "\n  this:  " + actual);
            }
        }
    }

    // ---- checks --------------------------------------------------------------------------------------------

    /**
     * A rejected call (or a {@code tryResize} that returned false) changed nothing observable: the allocator looks
     * as before the call and as the twin that never saw it. In DIRECTED mode (else for the first few calls of each
     * kind and then one in {@link #PROBE_EVERY}) nothing hidden either: copies replayed from the history with and
     * without the rejected calls answer a probe sequence alike.
     */
    private void checkUnchanged(Snapshot before, String call, String kind) {
        Snapshot after = deferInvariants ? Snapshot.counters(subject) : Snapshot.of(subject);
        String difference = before.difference(after);
        if (difference != null) {
            throw violation("rejected-call-changed-state", call + " changed the allocator: " + difference);
        }
        int seen = eventsByKind.merge(kind, 1, Integer::sum);
        boolean sampled = mode.probeEveryRejection || sampled(seen);
        if (twin != null && (mode.keepHistory || sampled)) {
            Snapshot now = deferInvariants ? Snapshot.of(subject) : after;
            String fromTwin = Snapshot.of(twin).difference(now, "twin", "this");
            if (fromTwin != null) {
                throw violation("rejected-call-changed-state", call + " left the allocator different from a twin "
                        + "that never saw the rejected calls: " + fromTwin);
            }
        }
        if (settings.deterministic() && history != null && !deferInvariants && sampled) {
            String with = Probe.run(Calls.replay(factory, history), true);
            String without = Probe.run(Calls.replay(factory, accepted), true);
            if (!with.equals(without)) {
                throw violation("rejected-call-changed-state", call + " changed hidden state: a probe sequence "
                        + "answers differently on a copy made by replaying the history and on one made by replaying "
                        + "only the accepted calls:\n  without: " + without + "\n  with:    " + with);
            }
        }
    }

    /**
     * Whether the {@code seen}-th event of a kind gets a (costly, replaying) probe check: the first
     * {@link #PROBE_FIRST}, then one in {@link #PROBE_EVERY}, rarer as the history grows, so that a long run stays
     * close to linear.
     */
    private boolean sampled(int seen) {
        return seen <= PROBE_FIRST || seen % (PROBE_EVERY * Math.max(1, steps / FULL_PROBE_HISTORY)) == 0;
    }

    // ---- a walk whose visitor calls -------------------------------------------------------------------------

    /**
     * Walks the heap with a visitor that makes {@code op} at run {@code atRun} (0-based; the last run if there are
     * fewer), and checks the outcome against {@link dev.allocator.api.BaseAllocator#forEachBlock}: a call that
     * changes the allocator either throws {@link ConcurrentModificationException} and changes nothing, or takes
     * effect and stops the walk (no run visited after it) with {@link ConcurrentModificationException}; a call that
     * is rejected anyway changes nothing. Afterwards the allocator is checked as after any step.
     *
     * @return what happened: {@code "ok"} (took effect), {@code "cme"} (rejected as a modification) or an error kind
     */
    String stepInsideWalk(Op op, int atRun) {
        int runs = Snapshot.of(subject).runCount();
        int at = Math.max(0, Math.min(atRun, runs - 1));
        Call call = prepare(op);
        if (call == null) {
            return "skipped";
        }
        String walkText = "a.forEachBlock(visitor calling " + call.text + " at run " + at + " of " + runs + ")";
        setLastLine(walkText + ";");
        WalkWithCall walk = new WalkWithCall(op, call.binding, at);
        Throwable thrown = null;
        try {
            subject.forEachBlock(walk);
        } catch (RuntimeException | Error e) {
            thrown = e;
        }
        if (!walk.called) {
            throw violation("walk", walkText + ": the walk visited " + walk.visits + " runs, but the heap has " + runs
                    + (thrown != null ? "; it threw " + thrown : ""));
        }
        Throwable fromCall = walk.failure;
        if (fromCall instanceof ConcurrentModificationException) {
            if (thrown != fromCall) {
                throw violation("walk-modification", walkText + ": the call threw " + fromCall + " but the walk "
                        + (thrown == null ? "returned normally" : "threw " + thrown));
            }
            lastOutcome = "cme";
            lastRejected = call.text + " inside a walk (step " + steps + ")";
            if (history != null) {
                history.remove(history.size() - 1); // a replay could only make it outside a walk, where it succeeds
            }
            checkUnchanged(call.before, call.text + " (rejected inside a walk with " + fromCall + ")", "WALK CME");
        } else if (fromCall instanceof AllocException) {
            finish(call, 0, ((AllocException) fromCall).error());
            if (thrown != fromCall) {
                throw violation("walk-modification", walkText + ": the call was rejected with " + fromCall
                        + ", which the visitor let through, but the walk " + (thrown == null ? "returned normally"
                        : "threw " + thrown));
            }
        } else if (fromCall != null) {
            throw unexpected(walkText + ": the call threw " + fromCall + hintFor(fromCall), fromCall);
        } else {
            finish(call, walk.value, null);
            if (lastOutcome.equals("ok") || lastOutcome.equals("false")) {
                checkStoppedWithModification(walkText, walk, thrown);
            }
        }
        checkInvariants(walkText);
        return lastOutcome;
    }

    /** After a call that took effect inside a walk: no run visited after it, and the walk threw CME. */
    private void checkStoppedWithModification(String walkText, WalkWithCall walk, Throwable thrown) {
        boolean changed = lastOutcome.equals("ok");
        if (changed && walk.visitsAfterCall > 0) {
            throw violation("walk-modification", walkText + ": the call changed the allocator, yet the walk went on "
                    + "to visit " + walk.visitsAfterCall + " more runs (the first " + walk.firstAfterCall + ")");
        }
        if (changed && !(thrown instanceof ConcurrentModificationException)) {
            throw violation("walk-modification", walkText + ": the call changed the allocator, but the walk "
                    + (thrown == null ? "returned normally" : "threw " + thrown + hintFor(thrown))
                    + "; expected ConcurrentModificationException", thrown);
        }
        if (!changed && thrown != null && !(thrown instanceof ConcurrentModificationException)) {
            throw unexpected(walkText + ": the call changed nothing (tryResize answered false), but the walk threw "
                    + thrown, thrown);
        }
    }

    /** A visitor that makes one call at one run and records what happens before and after. */
    private final class WalkWithCall implements dev.allocator.api.BlockVisitor {
        private final Op op;
        private final Binding binding;
        private final int at;
        int visits;
        boolean called;
        long value;
        Throwable failure;
        int visitsAfterCall;
        String firstAfterCall;

        WalkWithCall(Op op, Binding binding, int at) {
            this.op = op;
            this.binding = binding;
            this.at = at;
        }

        @Override
        public void visit(long start, long size, boolean used) {
            if (called) {
                visitsAfterCall++;
                if (firstAfterCall == null) {
                    firstAfterCall = (used ? "used " : "free ") + start + "+" + size;
                }
                return;
            }
            if (visits++ != at) {
                return;
            }
            called = true;
            try {
                value = Calls.execute(subject, op, binding);
                if (op.type() == Op.Type.TRY_ALLOC && value == ByteAllocator.NO_BLOCK) {
                    failure = AllocException.noMemory("tryAlloc returned NO_BLOCK");
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
        }
    }

    /**
     * Walks the heap with a visitor that throws {@code thrown} at run {@code atRun} (0-based; the last run if there
     * are fewer): the walk must end, the very
     * exception must come out of {@code forEachBlock}, and the allocator must be unchanged (and, as the next calls
     * check, usable).
     */
    void walkThrowing(RuntimeException thrown, int atRun) {
        Snapshot before = lastSnapshot != null ? lastSnapshot : Snapshot.of(subject);
        lastSnapshot = null;
        steps++;
        int at = Math.max(0, Math.min(atRun, before.runCount() - 1));
        String text = "a.forEachBlock(visitor throwing " + thrown + " at run " + at + " of " + before.runCount()
                + ")";
        lines.add(text + ";");
        int[] visits = {0};
        Throwable out = null;
        try {
            subject.forEachBlock((start, size, used) -> {
                if (visits[0]++ == at) {
                    throw thrown;
                }
            });
        } catch (RuntimeException | Error e) {
            out = e;
        }
        if (visits[0] > at && out != thrown) {
            throw violation("walk-exception", text + ": the visitor's exception did not come out of forEachBlock; "
                    + (out == null ? "it returned normally" : "it threw " + out), out);
        }
        if (visits[0] > at + 1) {
            throw violation("walk-exception", text + ": the walk went on after the visitor threw");
        }
        if (visits[0] <= at && out != null) {
            throw unexpected(text + ": the walk threw " + out + " before reaching the run", out);
        }
        lastOutcome = visits[0] > at ? "thrown" : "ok";
        checkUnchanged(before, text, "WALK THROWS");
        checkInvariants(text);
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

    boolean fitsWhenFresh(long size, long align) {
        Subject fresh = freshWithRegions();
        try {
            fresh.alloc(size, align);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code usableSize}, checked: deterministic, at least the size, at least one for size 0. */
    long usable(long size, long align) {
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

    // ---- failures ------------------------------------------------------------------------------------------

    /** What an exception other than AllocException suggests, for the message. */
    private static String hintFor(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return " (metadata must grow with the blocks in use, never with the size of a range, and a call that "
                    + "cannot get the memory it needs must change nothing)";
        }
        if (e instanceof IndexOutOfBoundsException || e instanceof NullPointerException) {
            return " (an internal error: corrupted or unchecked state)";
        }
        return "";
    }

    private ContractViolation unexpected(String message, Throwable cause) {
        return violation("unexpected-exception", message, cause);
    }

    private ContractViolation violation(String property, String message) {
        return new ContractViolation(property, "step " + steps + ": " + message);
    }

    private ContractViolation violation(String property, String message, Throwable cause) {
        return new ContractViolation(property, "step " + steps + ": " + message, cause);
    }
}
