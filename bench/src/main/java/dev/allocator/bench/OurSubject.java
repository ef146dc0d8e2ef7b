package dev.allocator.bench;

import dev.allocator.api.ByteAllocator;
import java.util.Arrays;

/** One of our byte allocators, used directly: slot to address in a {@code long[]}. Bookkeeping only. */
final class OurSubject extends Subject {
    private final ByteAllocator allocator;
    private final long[] positions;

    OurSubject(String name, ByteAllocator allocator, int slots) {
        super(name);
        this.allocator = allocator;
        this.positions = new long[slots];
        Arrays.fill(positions, ByteAllocator.NO_BLOCK);
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        long position = allocator.tryAlloc(size, align);
        positions[slot] = position;
        return position != ByteAllocator.NO_BLOCK;
    }

    @Override
    public void free(int slot, int size, int align) {
        allocator.dealloc(positions[slot], size, align);
        positions[slot] = ByteAllocator.NO_BLOCK;
    }

    @Override
    public void freeAll() {
        allocator.reset();
        Arrays.fill(positions, ByteAllocator.NO_BLOCK);
    }
}
