package dev.allocator.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A Netty allocator: {@code directBuffer(size)} and {@code release()}, slot to {@code ByteBuf}. Netty has no
 * per-request alignment, so {@code align} is ignored.
 */
final class NettySubject extends Subject {
    private final ByteBufAllocator allocator;
    private final ByteBuf[] buffers;

    NettySubject(String name, ByteBufAllocator allocator, int slots) {
        super(name);
        this.allocator = allocator;
        this.buffers = new ByteBuf[slots];
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        try {
            buffers[slot] = allocator.directBuffer(size);
            return true;
        } catch (OutOfMemoryError e) { // io.netty.util.internal.OutOfDirectMemoryError
            return false;
        }
    }

    @Override
    public void free(int slot, int size, int align) {
        buffers[slot].release();
        buffers[slot] = null;
    }

    @Override
    public void freeAll() {
        for (int slot = 0; slot < buffers.length; slot++) {
            if (buffers[slot] != null) {
                buffers[slot].release();
                buffers[slot] = null;
            }
        }
    }
}
