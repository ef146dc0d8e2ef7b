package dev.allocator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files (format: shared/traces/README.md).")
    List<Path> traces = new ArrayList<>();

    @Option(names = {"-a", "--allocators"}, split = ",", paramLabel = "NAME",
            description = "Allocators to run, comma-separated (default: every byte and page allocator found).")
    List<String> allocators = new ArrayList<>();

    @Mixin
    PoolOptions pools = new PoolOptions();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5",
            description = "Timed replays per trace and allocator; the median is printed (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Untimed replays first, to warm up the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        ResultFormat output = Commands.format(format);
        Bench bench = new Bench(warmup, repeat);
        List<Contender> contenders = Contender.select(allocators, pools.options);
        List<Trace> parsed = new ArrayList<>();
        for (Path file : traces) {
            parsed.add(TraceParser.parse(file));
        }
        List<Measurement> results = Commands.measureAll(parsed, contenders, pools, bench, spec);
        if (results.isEmpty()) {
            throw new UserException("no selected allocator can replay these traces (byte traces need a byte "
                    + "allocator, page traces a page allocator)");
        }
        PrintWriter out = spec.commandLine().getOut();
        output.write(results, out, "trace");
        out.flush();
        return 0;
    }
}
