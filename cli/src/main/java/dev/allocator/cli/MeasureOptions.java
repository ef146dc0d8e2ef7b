package dev.allocator.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code replay} and {@code compare} (allocators, pools, repeats, output format) and the run they
 * share: every trace on every selected allocator of its kind, with a progress bar.
 */
final class MeasureOptions {
    @Option(names = {"-a", "--allocators"}, split = ",", paramLabel = "NAME",
            description = "Allocators to run, comma-separated (default: every byte, page and ID allocator found).")
    List<String> allocators = new ArrayList<>();

    @Mixin
    PoolOptions pools = new PoolOptions();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "11",
            description = "Timed replays per trace and allocator, each on a fresh allocator; the median is printed "
                    + "(default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "auto|N|TIME", defaultValue = "${sys:allocator.warmup:-auto}",
            description = "Untimed replays first, per allocator and trace, to warm up the JIT: auto (at least 2 s, "
                    + "then until three replays agree within 5%%, at most 10 s), a number of replays, or a time "
                    + "such as 500ms or 3s. The table shows the warm-up each figure got (~ if the times had not "
                    + "settled). Default: ${DEFAULT-VALUE} (system property allocator.warmup).")
    String warmup;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    /**
     * Checks the options and resolves the allocators.
     *
     * @throws UserException for a bad format, count or allocator name
     */
    List<Contender> contenders() {
        format();
        new Bench(Warmup.parse(warmup), repeat);
        return Contender.select(pools.lookup(), allocators, pools.options);
    }

    /** Reads {@code --format}. */
    ResultFormat format() {
        for (ResultFormat candidate : ResultFormat.values()) {
            if (candidate.name().equalsIgnoreCase(format.strip())) {
                return candidate;
            }
        }
        throw new UserException("unknown format '" + format + "'; use table, csv or json");
    }

    /**
     * Measures every trace on every contender of its kind, trace by trace. A trace no contender can run gets a
     * note on stderr.
     */
    List<Measurement> measure(List<Trace> traces, List<Contender> contenders, CommandSpec spec) {
        Bench bench = new Bench(Warmup.parse(warmup), repeat);
        PrintWriter err = spec.commandLine().getErr();
        long replays = 0;
        for (Trace trace : traces) {
            for (Contender contender : contenders) {
                if (contender.runs(trace)) {
                    replays += bench.replaysPerMeasurement();
                }
            }
        }
        List<Measurement> results = new ArrayList<>();
        try (Progress progress = new Progress(err, Progress.stderrIsTerminal(), replays)) {
            for (Trace trace : traces) {
                boolean ran = false;
                for (Contender contender : contenders) {
                    if (contender.runs(trace)) {
                        progress.label(contender.name() + " on " + trace.name());
                        results.add(bench.measure(trace, contender, pools.poolFor(trace.kind()), progress));
                        ran = true;
                    }
                }
                if (!ran) {
                    err.println("allocator: skipped " + trace.name() + ": no "
                            + trace.kind().name().toLowerCase(Locale.ROOT) + " allocator selected");
                }
            }
        }
        err.flush();
        return results;
    }

    /** Prints the results on the command's stdout in the chosen format. */
    void print(List<Measurement> results, CommandSpec spec, String subject) {
        PrintWriter out = spec.commandLine().getOut();
        format().write(results, out, subject);
        out.flush();
    }
}
