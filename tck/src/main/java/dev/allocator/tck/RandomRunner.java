package dev.allocator.tck;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs seeded random sequences against the model. On the first violation it shrinks the sequence and fails with
 * the seed, the property broken and the shrunk calls as Java code.
 */
final class RandomRunner {
    private RandomRunner() {
    }

    static void run(String label, Supplier<Subject> factory, Hooks hooks, RunSettings settings) {
        System.out.println("[allocator-tck] " + label + ": " + settings.sequences() + " random sequences of "
                + settings.ops() + " calls, base seed " + settings.baseSeed() + " (rerun one with -D"
                + RunSettings.SEED + "=<seed>)");
        for (int index = 0; index < settings.sequences(); index++) {
            long seed = settings.seed(index);
            SequenceRun run = new SequenceRun(factory, hooks, false);
            Generator generator = new Generator(new SplittableRandom(seed), run);
            try {
                run.step(generator.first());
                for (int call = 1; call < settings.ops(); call++) {
                    run.step(generator.next());
                }
            } catch (ContractViolation violation) {
                throw report(label, seed, factory, hooks, run.history(), violation);
            }
        }
    }

    private static AssertionError report(String label, long seed, Supplier<Subject> factory, Hooks hooks,
                                         List<Op> history, ContractViolation violation) {
        Shrinker.Result shrunk = Shrinker.shrink(factory, hooks, history, violation);
        StringBuilder text = new StringBuilder();
        text.append(label).append(" broke the contract: ").append(shrunk.violation().getMessage()).append('\n')
                .append("  seed ").append(seed).append(" (rerun with -D").append(RunSettings.SEED).append('=')
                .append(seed).append("); ").append(history.size()).append(" calls, shrunk to ")
                .append(shrunk.lines().size()).append(" (").append(shrunk.attempts()).append(" replays):\n");
        text.append("    ").append(factory.get().typeName()).append(" a = newAllocator();\n");
        for (String line : shrunk.lines()) {
            text.append("    ").append(line).append('\n');
        }
        text.append("    // the last call breaks [").append(shrunk.violation().property()).append("]\n");
        text.append("  first seen as: ").append(violation.getMessage());
        return new ContractViolation(shrunk.violation().property(), text.toString(), violation);
    }
}
