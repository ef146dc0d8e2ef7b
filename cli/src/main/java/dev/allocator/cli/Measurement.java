package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;

/**
 * What one allocator did on one trace: median time per operation over the timed repeats, the peak of used space,
 * the failed allocations, and how fragmented the free space was at that peak.
 *
 * @param trace               trace or workload name
 * @param allocator           allocator name
 * @param kind                byte, page or ID
 * @param ops                 operations in the trace
 * @param poolBytes           size of the pool the allocator managed
 * @param medianNanosPerOp    median over the repeats of (replay time / ops)
 * @param minNanosPerOp       the fastest repeat's time per operation
 * @param peakUsedBytes       most space reserved at once, rounding included, in bytes
 * @param failures            allocations that found no memory
 * @param fragmentationAtPeak {@code 1 - largest free / free} at the peak, in {@code [0, 1]}
 * @param warmup              the warm-up before the timed repeats
 */
record Measurement(String trace, String allocator, AllocatorKind kind, int ops, long poolBytes,
                   double medianNanosPerOp, double minNanosPerOp, long peakUsedBytes, int failures,
                   double fragmentationAtPeak, Warmup.Done warmup) {
}
