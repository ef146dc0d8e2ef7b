package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;

/**
 * An allocator failed on a trace operation with something other than "no memory" (a rejected free, a bad
 * parameter): a fault of the allocator or of the trace, reported with the operation and its source line.
 */
final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayException(Trace trace, int index, RuntimeException cause) {
        super(describe(trace, index) + ": " + cause.getMessage(), cause);
    }

    private static String describe(Trace trace, int index) {
        String where = trace.line(index) > 0 ? trace.name() + " line " + trace.line(index) : trace.name();
        boolean alloc = trace.op(index) == Trace.ALLOC;
        String op = alloc ? verb(trace.kind(), true) + trace.id(index) + " " + trace.size(index) + " "
                + trace.align(index) : verb(trace.kind(), false) + trace.id(index);
        return where + " (operation " + index + ": " + op + ")";
    }

    /** The trace format's letters for bytes and pages; ID workloads (built in, never a file) name the calls. */
    private static String verb(AllocatorKind kind, boolean alloc) {
        switch (kind) {
            case PAGE:
                return alloc ? "p " : "q ";
            case ID:
                return alloc ? "allocId " : "deallocId ";
            default:
                return alloc ? "a " : "f ";
        }
    }
}
