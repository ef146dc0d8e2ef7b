package dev.allocator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code allocator replay TRACE...}: times allocation traces on the allocators found. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays allocation traces on allocators and prints, per trace and allocator: median ns per "
                + "operation, peak used space, failed allocations and fragmentation at the peak "
                + "(1 - largest free block / free bytes).",
            "Each file is parsed fully first; only the operations are timed, each repeat on a fresh allocator. "
                + "Byte traces (a/f) run on byte allocators, page traces (p/q) on page allocators."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files, or names of bundled traces "
            + "('allocator traces' lists them). Format: traces/README.md in the repository.")
    List<Path> traces = new ArrayList<>();

    @Mixin
    MeasureOptions measure = new MeasureOptions();

    @Override
    public Integer call() {
        List<Contender> contenders = measure.contenders();
        List<Trace> parsed = new ArrayList<>();
        for (Path file : traces) {
            parsed.add(TraceParser.parse(file));
        }
        List<Measurement> results = measure.measure(parsed, contenders, spec);
        if (results.isEmpty()) {
            throw new UserException("no selected allocator can replay these traces (byte traces need a byte "
                    + "allocator, page traces a page allocator)");
        }
        measure.print(results, spec, "trace");
        return 0;
    }
}
