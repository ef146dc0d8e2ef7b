package dev.allocator.cli;

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
        boolean page = trace.kind() == dev.allocator.api.spi.AllocatorKind.PAGE;
        String op = trace.op(index) == Trace.ALLOC
                ? (page ? "p " : "a ") + trace.id(index) + " " + trace.size(index) + " " + trace.align(index)
                : (page ? "q " : "f ") + trace.id(index);
        return where + " (operation " + index + ": " + op + ")";
    }
}
