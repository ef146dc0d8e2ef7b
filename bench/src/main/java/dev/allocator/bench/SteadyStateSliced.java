package dev.allocator.bench;

import org.openjdk.jmh.annotations.Param;

/** {@link SteadyStateBenchmark} on our byte allocators handing out {@code ByteBuffer} slices ({@link ByteBufferSlices}). */
public class SteadyStateSliced extends SteadyStateBenchmark {
    /** A byte allocator found through {@code Allocators}; see {@link Discovery}. */
    @Param({"tlsf", "buddy", "slab"})
    public String allocator;

    @Override
    protected Subject newSubject(int slots) {
        return Subjects.sliced(allocator, slots);
    }
}
