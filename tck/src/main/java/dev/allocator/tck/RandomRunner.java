package dev.allocator.tck;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs seeded random sequences against the model. On the first violation it shrinks the sequence and fails with
 * the seed, the property broken and the shrunk calls as Java code.
 *
 * <p>Sequences up to {@link #LONG_AFTER} calls keep their history (for replays and the shrinker); longer ones run
 * in {@link SequenceRun.Mode#LONG}, with memory that does not grow with the calls, and report progress every
 * {@link #PROGRESS_EVERY} calls. A long sequence that fails within {@link #LONG_AFTER} calls is replayed from its
 * seed with history and shrunk as usual; one that fails later is reported with its seed, step and last calls.
 */
final class RandomRunner {
    /** Sequences longer than this run without history. */
    static final int LONG_AFTER = 50_000;
    /** A long sequence prints a progress line this often. */
    static final int PROGRESS_EVERY = 1_000_000;

    private RandomRunner() {
    }

    /**
     * Runs the sequences.
     *
     * @param label  what is tested (the test class), for messages
     * @param rerun  how to select this test alone, e.g. {@code "-Dtest='TlsfContractTest#randomSequences*'"}
     * @throws ContractViolation for the first sequence that breaks a property, shrunk
     */
    static void run(String label, String rerun, Supplier<Subject> factory, ContractSettings contract,
                    RunSettings settings) {
        run(label, rerun, factory, contract, settings, LONG_AFTER);
    }

    /** {@link #run(String, String, Supplier, ContractSettings, RunSettings)} with another threshold of long runs. */
    static void run(String label, String rerun, Supplier<Subject> factory, ContractSettings contract,
                    RunSettings settings, int longAfter) {
        boolean longRun = settings.ops() > longAfter;
        System.out.println("[allocator-tck] " + label + ": " + settings.sequences() + " random sequences of "
                + settings.ops() + " calls, base seed " + settings.baseSeed() + " (rerun one with -D"
                + RunSettings.SEED + "=<seed>)" + (longRun ? ", without history (long run)" : ""));
        for (int index = 0; index < settings.sequences(); index++) {
            long seed = settings.seed(index);
            SequenceRun run = new SequenceRun(factory, contract,
                    longRun ? SequenceRun.Mode.LONG : SequenceRun.Mode.RANDOM);
            try {
                runSequence(run, seed, settings.ops(), longRun ? label + " seed " + seed : null);
            } catch (ContractViolation violation) {
                if (!longRun) {
                    throw report(label, rerun, seed, factory, contract, run.history(), violation);
                }
                if (run.steps() <= longAfter) {
                    SequenceRun again = new SequenceRun(factory, contract, SequenceRun.Mode.RANDOM);
                    try {
                        runSequence(again, seed, run.steps(), null);
                    } catch (ContractViolation same) {
                        throw report(label, rerun, seed, factory, contract, again.history(), same);
                    }
                }
                throw reportLong(label, rerun, seed, run, violation);
            }
        }
    }

    /** Runs one sequence of {@code ops} calls; prints progress if {@code progressLabel} is not null. */
    private static void runSequence(SequenceRun run, long seed, int ops, String progressLabel) {
        Generator generator = new Generator(new SplittableRandom(seed), run);
        run.step(generator.first());
        for (int call = 1; call < ops; call++) {
            run.step(generator.next());
            if (progressLabel != null && (call + 1) % PROGRESS_EVERY == 0) {
                System.out.println("[allocator-tck] " + progressLabel + ": " + (call + 1) + " of " + ops + " calls");
            }
        }
    }

    private static AssertionError report(String label, String rerun, long seed, Supplier<Subject> factory,
                                         ContractSettings contract, List<Op> history, ContractViolation violation) {
        Shrinker.Result shrunk = Shrinker.shrink(factory, contract, history, violation);
        StringBuilder text = new StringBuilder();
        text.append(label).append(" broke the contract: ").append(shrunk.violation().getMessage()).append('\n')
                .append("  seed ").append(seed).append(" (rerun with ").append(rerun).append(" -D")
                .append(RunSettings.SEED).append('=').append(seed).append("); ").append(history.size())
                .append(" calls, shrunk to ").append(shrunk.lines().size()).append(" (").append(shrunk.attempts())
                .append(" replays):\n");
        text.append("    ").append(factory.get().typeName()).append(" a = newAllocator();\n");
        for (String line : shrunk.lines()) {
            text.append("    ").append(line).append('\n');
        }
        text.append("    // the last call breaks [").append(shrunk.violation().property()).append("]\n");
        text.append("  first seen as: ").append(violation.getMessage());
        return new ContractViolation(shrunk.violation().property(), text.toString(), violation);
    }

    /** A failure too deep into a long sequence to replay with history: the seed, the step and the last calls. */
    private static AssertionError reportLong(String label, String rerun, long seed, SequenceRun run,
                                             ContractViolation violation) {
        StringBuilder text = new StringBuilder();
        text.append(label).append(" broke the contract at call ").append(run.steps()).append(" of a long sequence: ")
                .append(violation.getMessage()).append('\n')
                .append("  seed ").append(seed).append(" (rerun with ").append(rerun).append(" -D")
                .append(RunSettings.SEED).append('=').append(seed).append(" -D").append(RunSettings.OPS).append('=')
                .append(run.steps()).append("); too long to shrink; the last calls:\n");
        for (String line : run.lines()) {
            text.append("    ").append(line).append('\n');
        }
        return new ContractViolation(violation.property(), text.toString(), violation);
    }
}
