package dev.allocator.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of {@code dump} and {@code map}: one trace, one allocator, a point in the trace, the pools. */
final class SnapshotOptions {
    @Parameters(paramLabel = "TRACE", description = "The trace file, or the name of a bundled trace.")
    Path trace;

    @Option(names = {"-a", "--allocator"}, paramLabel = "NAME", required = true, description = "The allocator.")
    String allocator;

    @Option(names = "--at", paramLabel = "peak|end|OP", defaultValue = "peak",
            description = "Where to stop: at the peak of used space, at the end, or after OP operations "
                    + "(default: ${DEFAULT-VALUE}).")
    String at;

    @Mixin
    PoolOptions pools = new PoolOptions();

    /**
     * Parses the trace, resolves the allocator (preferring the one of the trace's kind where a name has both) and
     * replays it to {@code --at}.
     *
     * @throws UserException for a bad trace, name or point
     */
    Snapshot take() {
        Trace parsed = TraceParser.parse(trace);
        List<Contender> contenders = Contender.select(pools.lookup(), List.of(allocator), pools.options);
        Contender chosen = contenders.get(0);
        for (Contender contender : contenders) {
            if (contender.runs(parsed)) {
                chosen = contender;
            }
        }
        return Snapshot.take(parsed, chosen, pools.poolFor(parsed.kind()), at);
    }
}
