package dev.allocator.cli;

import dev.allocator.api.AllocatorStats;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code allocator dump TRACE -a NAME}: the allocator's stats and every block, as JSON. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Replays a trace on one allocator up to a point and prints its stats() and every used and "
                + "free run from forEachBlock, in address order, as JSON. Sizes are in the allocator's unit "
                + "(bytes, or pages for a page allocator: see \"unit\").")
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotOptions snapshot = new SnapshotOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        write(snapshot.take(), out);
        out.flush();
        return 0;
    }

    static void write(Snapshot snapshot, PrintWriter out) {
        AllocatorStats stats = snapshot.allocator.stats();
        long unit = snapshot.unitBytes();
        out.println("{");
        out.println("  \"trace\": " + Json.string(snapshot.trace.name()) + ",");
        out.println("  \"allocator\": " + Json.string(snapshot.contender.name()) + ",");
        out.println("  \"kind\": " + Json.string(snapshot.contender.kind().name().toLowerCase(Locale.ROOT)) + ",");
        out.println("  \"at\": " + Json.string(snapshot.at) + ",");
        out.println("  \"ops_replayed\": " + snapshot.ops + ",");
        out.println("  \"ops_total\": " + snapshot.trace.opCount() + ",");
        out.println("  \"failures\": " + snapshot.failures + ",");
        out.println("  \"pool_bytes\": " + snapshot.poolBytes + ",");
        out.println("  \"unit\": " + Json.string(unit == 1 ? "bytes" : "pages") + ",");
        out.println("  \"unit_bytes\": " + unit + ",");
        out.println("  \"stats\": {\"total\": " + stats.total() + ", \"used\": " + stats.used()
                + ", \"available\": " + stats.available() + ", \"live_blocks\": " + stats.liveBlocks()
                + ", \"free_ranges\": " + stats.freeRanges() + ", \"largest_free\": " + stats.largestFree()
                + ", \"fragmentation\": " + Json.number(stats.fragmentation(), 6) + "},");
        out.print("  \"blocks\": [");
        boolean[] first = {true};
        snapshot.allocator.forEachBlock((start, size, used) -> {
            out.print(first[0] ? "\n" : ",\n");
            first[0] = false;
            out.print("    {\"start\": " + start + ", \"size\": " + size + ", \"used\": " + used + "}");
        });
        out.println(first[0] ? "]" : "\n  ]");
        out.println("}");
    }
}
