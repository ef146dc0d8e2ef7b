package dev.allocator.bench;

import org.openjdk.jmh.annotations.Param;

/** JDK 22+: {@link TraceReplayBenchmark} on the memory module's {@code PoolSegmentAllocator} ({@link SegmentSubject}). */
public class TraceReplaySegments extends TraceReplayBenchmark {
    /** A byte allocator found through {@code Allocators}; see {@link Discovery}. */
    @Param({"tlsf", "buddy", "slab"})
    public String allocator;

    @Override
    protected Subject newSubject(int slots) {
        return new SegmentSubject(allocator, slots);
    }
}
