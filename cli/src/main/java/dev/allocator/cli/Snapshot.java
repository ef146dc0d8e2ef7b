package dev.allocator.cli;

import dev.allocator.api.BaseAllocator;
import java.util.Locale;

/**
 * An allocator replayed to a chosen point of a trace ({@code --at peak|end|OP}), for {@code dump} and {@code map}.
 */
final class Snapshot {
    final Trace trace;
    final Contender contender;
    final BaseAllocator allocator;
    final long poolBytes;
    /** What was asked: {@code peak}, {@code end} or the operation count. */
    final String at;
    /** Operations replayed. */
    final int ops;
    /** Failed allocations among them. */
    final int failures;

    private Snapshot(Trace trace, Contender contender, BaseAllocator allocator, long poolBytes, String at, int ops,
                     int failures) {
        this.trace = trace;
        this.contender = contender;
        this.allocator = allocator;
        this.poolBytes = poolBytes;
        this.at = at;
        this.ops = ops;
        this.failures = failures;
    }

    /**
     * Replays {@code trace} on a fresh allocator up to {@code at}: {@code peak} (right after used space first
     * reached its maximum), {@code end}, or a number of operations.
     *
     * @throws UserException if {@code at} is none of these or the contender cannot run the trace
     */
    static Snapshot take(Trace trace, Contender contender, long poolBytes, String at) {
        if (!contender.runs(trace)) {
            throw new UserException(contender.name() + " is a " + contender.kind().name().toLowerCase(Locale.ROOT)
                    + " allocator; " + trace.name() + " is a " + trace.kind().name().toLowerCase(Locale.ROOT)
                    + " trace");
        }
        String point = at.strip().toLowerCase(Locale.ROOT);
        long[] addresses = new long[trace.blockCount()];
        int ops;
        if (point.equals("peak")) {
            ops = Replayer.findPeak(contender.create(poolBytes), trace, addresses).ops;
        } else if (point.equals("end")) {
            ops = trace.opCount();
        } else {
            ops = parseOps(at, trace.opCount());
        }
        BaseAllocator allocator = contender.create(poolBytes);
        int failures = Replayer.shared().run(allocator, trace, ops, addresses);
        return new Snapshot(trace, contender, allocator, poolBytes, point, ops, failures);
    }

    private static int parseOps(String at, int opCount) {
        try {
            int ops = Integer.parseInt(at.strip());
            if (ops >= 0 && ops <= opCount) {
                return ops;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserException("--at must be peak, end or an operation count from 0 to " + opCount + ", not '"
                + at + "'");
    }

    /** Bytes per unit of the allocator's stats and blocks. */
    long unitBytes() {
        return Contender.unitBytes(allocator);
    }
}
