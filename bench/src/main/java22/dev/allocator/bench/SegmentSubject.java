package dev.allocator.bench;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.memory.PoolSegmentAllocator;
import java.lang.foreign.MemorySegment;

/**
 * JDK 22+: the memory module's {@link PoolSegmentAllocator} over one of our byte allocators and a native pool of
 * {@link Subjects#POOL_BYTES}: {@code allocate(size, align)} and {@code free(segment)}, slot to segment. The
 * segment is a slice of the pool (not zeroed), so this is our allocator plus a {@code MemorySegment} per block.
 */
final class SegmentSubject extends Subject {
    private final PoolSegmentAllocator allocator;
    private final MemorySegment[] segments;

    SegmentSubject(String allocatorName, int slots) {
        super("memory(" + allocatorName + ")");
        Discovery.requireByteAllocator(allocatorName);
        this.allocator = PoolSegmentAllocator.ofSize(allocatorName, Subjects.POOL_BYTES);
        this.segments = new MemorySegment[slots];
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        try {
            segments[slot] = allocator.allocate(size, align);
            return true;
        } catch (AllocException e) {
            if (e.error() != AllocError.NO_MEMORY) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public void free(int slot, int size, int align) {
        allocator.free(segments[slot]);
        segments[slot] = null;
    }

    @Override
    public void freeAll() {
        for (int slot = 0; slot < segments.length; slot++) {
            if (segments[slot] != null) {
                allocator.free(segments[slot]);
                segments[slot] = null;
            }
        }
    }

    @Override
    public void close() {
        freeAll();
        allocator.close();
    }
}
