package dev.allocator.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Makes a failing sequence small: drops chunks of calls (halves, quarters, ... single calls), then simplifies
 * calls (halves sizes and alignments, moves regions to 0), while the sequence still breaks the same property.
 * Bounded by a number of replays and a time budget.
 */
final class Shrinker {
    private static final int MAX_ATTEMPTS = 4000;
    private static final long MAX_NANOS = 20_000_000_000L;

    /**
     * A shrunk sequence.
     *
     * @param ops       the calls
     * @param lines     the calls as Java statements
     * @param violation what the last call breaks
     * @param attempts  replays tried
     */
    record Result(List<Op> ops, List<String> lines, ContractViolation violation, int attempts) {
    }

    private final Supplier<Subject> factory;
    private final ContractSettings settings;
    private final String property;
    private final long deadline = System.nanoTime() + MAX_NANOS;
    private int attempts;
    private ContractViolation lastViolation;
    private List<String> lastLines;

    private Shrinker(Supplier<Subject> factory, ContractSettings settings, String property) {
        this.factory = factory;
        this.settings = settings;
        this.property = property;
    }

    static Result shrink(Supplier<Subject> factory, ContractSettings settings, List<Op> failing,
                         ContractViolation violation) {
        Shrinker shrinker = new Shrinker(factory, settings, violation.property());
        List<Op> ops = new ArrayList<>(failing);
        if (!shrinker.fails(ops)) {
            // not reproducible from a fresh allocator (the allocator is not deterministic): report unshrunk
            return new Result(ops, shrinker.linesOf(ops), violation, shrinker.attempts);
        }
        boolean changed = true;
        while (changed && shrinker.budgetLeft()) {
            changed = shrinker.dropChunks(ops);
            changed |= shrinker.simplifyCalls(ops);
        }
        shrinker.fails(ops);
        return new Result(ops, shrinker.lastLines, shrinker.lastViolation, shrinker.attempts);
    }

    private boolean dropChunks(List<Op> ops) {
        boolean changed = false;
        for (int chunk = Math.max(1, ops.size() / 2); chunk >= 1 && budgetLeft(); chunk /= 2) {
            int start = 0;
            while (start < ops.size() && budgetLeft()) {
                int end = Math.min(ops.size(), start + chunk);
                List<Op> candidate = new ArrayList<>(ops.subList(0, start));
                candidate.addAll(ops.subList(end, ops.size()));
                if (!candidate.isEmpty() && fails(candidate)) {
                    // fails() cut the candidate after its failing call
                    ops.clear();
                    ops.addAll(candidate);
                    changed = true;
                } else {
                    start = end;
                }
            }
        }
        return changed;
    }

    private boolean simplifyCalls(List<Op> ops) {
        boolean changed = false;
        Subject sample = factory.get();
        for (int i = 0; i < ops.size() && budgetLeft(); i++) {
            boolean simplified = true;
            while (simplified && i < ops.size() && budgetLeft()) {
                simplified = false;
                for (Op candidate : ops.get(i).simpler(sample.unit(), sample.minSize())) {
                    Op original = ops.set(i, candidate);
                    if (fails(ops)) {
                        simplified = true;
                        changed = true;
                        break;
                    }
                    ops.set(i, original);
                }
            }
        }
        return changed;
    }

    private boolean budgetLeft() {
        return attempts < MAX_ATTEMPTS && System.nanoTime() < deadline;
    }

    /** Whether the calls, run on a fresh allocator, break the same property (the last call breaking it). */
    private boolean fails(List<Op> ops) {
        attempts++;
        SequenceRun run = new SequenceRun(factory, settings, SequenceRun.Mode.SHRINK);
        int index = 0;
        try {
            for (; index < ops.size(); index++) {
                run.step(ops.get(index));
            }
            return false;
        } catch (ContractViolation violation) {
            if (!violation.property().equals(property)) {
                return false;
            }
            // broke before the end: the calls after the failing one are not needed
            ops.subList(index + 1, ops.size()).clear();
            lastViolation = violation;
            lastLines = new ArrayList<>(run.lines());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<String> linesOf(List<Op> ops) {
        SequenceRun run = new SequenceRun(factory, settings, SequenceRun.Mode.SHRINK);
        try {
            run.runAll(ops);
        } catch (AssertionError | RuntimeException e) {
            // the lines up to the failure are what we want
        }
        return run.lines();
    }
}
