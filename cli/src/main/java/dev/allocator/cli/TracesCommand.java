package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code allocator traces}: the bundled traces, with what a replay of each needs. */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = {"Lists the bundled traces (the repository's traces/ folder, whose README.md documents the "
                + "format): name, kind, operations, file size and peak live, the most the trace asks for at once "
                + "before any allocator's rounding.",
            "'replay NAME' replays one by name. A pool smaller than what an allocator reserves at the peak makes "
                + "allocations fail (the 'failures' column)."})
final class TracesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = BundledTraces.names();
        if (names.isEmpty()) {
            out.println("no bundled traces in this build");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "kind", "operations", "file", "peak live"});
        for (String name : names) {
            byte[] file = BundledTraces.read(name);
            Trace trace = BundledTraces.parse(name, file);
            long peak = peakLive(trace);
            rows.add(new String[] {name, trace.kind().name().toLowerCase(Locale.ROOT),
                Integer.toString(trace.opCount()), Sizes.human(file.length),
                trace.kind() == AllocatorKind.PAGE ? peak + " pages" : Sizes.human(peak)});
        }
        ResultFormat.printColumns(rows, out, 2);
        out.println();
        out.println("Byte traces run in --pool (default " + Sizes.exact(PoolOptions.DEFAULT_BYTE_POOL)
                + "), page traces in --page-pool (default " + Sizes.exact(PoolOptions.DEFAULT_PAGE_POOL)
                + "). Allocators");
        out.println("round sizes up (buddy and slab to powers of two), so give a pool above the peak live: the "
                + "pool each");
        out.println("trace needs and the format are in traces/README.md of the repository.");
        out.println("Replay one by name: allocator replay NAME [--pool SIZE]");
        out.flush();
        return 0;
    }

    /** The most the trace has live at once: the largest sum of the sizes (bytes or pages) of its live blocks. */
    static long peakLive(Trace trace) {
        long live = 0;
        long peak = 0;
        for (int i = 0; i < trace.opCount(); i++) {
            if (trace.op(i) == Trace.ALLOC) {
                live += trace.size(i);
                peak = Math.max(peak, live);
            } else {
                live -= trace.size(i);
            }
        }
        return peak;
    }
}
