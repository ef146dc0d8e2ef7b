package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.spi.AllocatorKind;

/**
 * A fixed sequence of allocations and frees whose results describe an allocator's hidden state: two allocators
 * of one deterministic algorithm that answer it differently are in different states, even if their counters,
 * stats and walks agree (a corrupted free list, say).
 */
final class Probe {
    private static final long[] BYTE_SIZES = {1, 24, 100, 0, 512, 3000, 64, 4096, 17, 40000};
    private static final long[] BYTE_ALIGNS = {1, 8, 16, 1, 64, 8, 256, 4096, 2, 16};
    private static final long[] PAGE_SIZES = {1, 2, 5, 1, 16, 3, 64};
    private static final long[] PAGE_ALIGNS = {1, 1, 4, 8, 16, 1, 1};
    private static final long[] ID_SIZES = {1, 1, 3, 8, 2, 5, 32};
    private static final long[] ID_ALIGNS = {1, 1, 4, 8, 2, 1, 1};

    private Probe() {
    }

    /**
     * Runs the probe (allocations, then frees in reverse) and returns its results as text.
     *
     * @param subject   the allocator, changed by the probe
     * @param addresses true to record where each block went and the state after; false to record only which calls
     *                  succeeded (for comparing allocators whose placement may legitimately differ, such as one
     *                  emptied by frees and a fresh one, whose free lists may be in another order)
     */
    static String run(Subject subject, boolean addresses) {
        boolean pages = subject.kind() == AllocatorKind.PAGE;
        long[] sizes = subject.kind() == AllocatorKind.BYTE ? BYTE_SIZES : pages ? PAGE_SIZES : ID_SIZES;
        long[] aligns = subject.kind() == AllocatorKind.BYTE ? BYTE_ALIGNS : pages ? PAGE_ALIGNS : ID_ALIGNS;
        long[] got = new long[sizes.length];
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            long align = pages ? aligns[i] * subject.unit() : aligns[i];
            got[i] = -1;
            try {
                got[i] = subject.alloc(sizes[i], align);
                results.append(addresses ? Long.toString(got[i]) : "ok");
            } catch (AllocException e) {
                results.append(e.error());
            } catch (RuntimeException e) {
                results.append(e.getClass().getSimpleName());
            }
            results.append(' ');
        }
        for (int i = sizes.length - 1; i >= 0; i--) {
            if (got[i] >= 0) {
                long align = pages ? aligns[i] * subject.unit() : aligns[i];
                try {
                    subject.dealloc(got[i], sizes[i], align);
                } catch (RuntimeException e) {
                    results.append("free ").append(addresses ? got[i] : i).append(": ").append(e).append(' ');
                }
            }
        }
        if (!addresses) {
            return results.toString();
        }
        try {
            Snapshot after = Snapshot.of(subject);
            results.append("then ").append(after.stats).append(' ').append(after.describeWalk());
        } catch (RuntimeException e) {
            results.append("then ").append(e);
        }
        return results.toString();
    }
}
