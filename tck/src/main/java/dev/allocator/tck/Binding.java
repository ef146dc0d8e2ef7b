package dev.allocator.tck;

/** The arguments a block was allocated (or last resized) with. */
final class Binding {
    final long pos;
    long size;
    final long align;

    Binding(long pos, long size, long align) {
        this.pos = pos;
        this.size = size;
        this.align = align;
    }
}
