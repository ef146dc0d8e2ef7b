package dev.allocator.bench;

import java.util.Arrays;

/**
 * Replays a byte {@link Trace} into a {@link Subject}, slot = trace id. A failed allocation (no memory) is counted
 * and the later free of that id skipped, as the traces' README says. Allocates nothing per replay. Not thread safe.
 */
final class TraceReplay {
    private final Trace trace;
    private final boolean[] failed;
    private int failures;

    TraceReplay(Trace trace) {
        if (trace.pages()) {
            throw new IllegalArgumentException(trace.name() + " is a page trace");
        }
        this.trace = trace;
        this.failed = new boolean[trace.idCount()];
    }

    /** Replays every operation once; returns the failed allocations of this replay. */
    int run(Subject subject) {
        int failedNow = 0;
        int count = trace.operationCount();
        for (int index = 0; index < count; index++) {
            int operation = trace.operation(index);
            if (operation >= 0) {
                if (!subject.alloc(operation, trace.amount(operation), trace.align(operation))) {
                    failed[operation] = true;
                    failedNow++;
                }
            } else {
                int id = ~operation;
                if (!failed[id]) {
                    subject.free(id, trace.amount(id), trace.align(id));
                }
            }
        }
        failures = failedNow;
        return failedNow;
    }

    /** Frees what the last replay left live and forgets its failures, ready for the next replay. Not timed. */
    void cleanUp(Subject subject) {
        subject.freeAll();
        if (failures != 0) {
            Arrays.fill(failed, false);
            failures = 0;
        }
    }
}
