package dev.allocator.bench;

import dev.allocator.api.ByteAllocator;
import java.util.Arrays;

/**
 * One thread's view of one of our thread-safe allocators shared by several threads: slot to address and size in
 * primitive arrays (so that {@link #freeAll()} frees this thread's blocks one by one: a reset would free the other
 * threads' too). Bookkeeping only, as {@link OurSubject}.
 */
final class SharedView extends Subject {
    private final ByteAllocator allocator;
    private final long[] positions;
    private final int[] sizes;
    private final int[] aligns;

    SharedView(String name, ByteAllocator allocator, int slots) {
        super(name);
        this.allocator = allocator;
        this.positions = new long[slots];
        this.sizes = new int[slots];
        this.aligns = new int[slots];
        Arrays.fill(positions, ByteAllocator.NO_BLOCK);
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        long position = allocator.tryAlloc(size, align);
        positions[slot] = position;
        sizes[slot] = size;
        aligns[slot] = align;
        return position != ByteAllocator.NO_BLOCK;
    }

    @Override
    public void free(int slot, int size, int align) {
        allocator.dealloc(positions[slot], size, align);
        positions[slot] = ByteAllocator.NO_BLOCK;
    }

    @Override
    public void freeAll() {
        for (int slot = 0; slot < positions.length; slot++) {
            if (positions[slot] != ByteAllocator.NO_BLOCK) {
                free(slot, sizes[slot], aligns[slot]);
            }
        }
    }
}
