package dev.allocator.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** {@link ByteBufferSlices} over one of our allocators: slot to {@code ByteBuffer} slice. */
final class SlicedSubject extends Subject {
    private final ByteBufferSlices slices;
    private final ByteBuffer[] buffers;

    SlicedSubject(String name, ByteBufferSlices slices, int slots) {
        super(name);
        this.slices = slices;
        this.buffers = new ByteBuffer[slots];
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        ByteBuffer buffer = slices.allocate(size, align);
        buffers[slot] = buffer;
        return buffer != null;
    }

    @Override
    public void free(int slot, int size, int align) {
        slices.free(buffers[slot], align);
        buffers[slot] = null;
    }

    @Override
    public void freeAll() {
        slices.reset();
        Arrays.fill(buffers, null);
    }
}
