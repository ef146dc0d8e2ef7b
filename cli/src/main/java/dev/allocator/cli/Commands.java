package dev.allocator.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** What the commands share: measuring traces on contenders with a progress bar, reading the format option. */
final class Commands {
    private Commands() {
    }

    /**
     * Measures every trace on every contender of its kind, trace by trace. A trace no contender can run gets a
     * note on stderr.
     */
    static List<Measurement> measureAll(List<Trace> traces, List<Contender> contenders, PoolOptions pools,
                                        Bench bench, CommandSpec spec) {
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

    /** Reads {@code --format}. */
    static ResultFormat format(String name) {
        for (ResultFormat format : ResultFormat.values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new UserException("unknown format '" + name + "'; use table, csv or json");
    }
}
