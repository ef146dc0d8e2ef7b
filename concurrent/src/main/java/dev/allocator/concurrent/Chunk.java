package dev.allocator.concurrent;

import dev.allocator.api.ByteAllocator;

/**
 * One chunk: a range of {@code size} bytes the root handed to an arena, aligned to its size, managed by its own
 * instance of the algorithm, with the state of each of its blocks in a {@link BlockRegistry}. Belongs to one arena
 * for its whole life; {@link #algorithm} and {@link #retired} are touched only under that arena's lock.
 */
final class Chunk {
    final long start;
    final long size;
    final ByteAllocator algorithm;
    final BlockRegistry blocks = new BlockRegistry();
    final Arena arena;
    /** Given back to the root: its registry is retired and its blocks are gone. Under the arena's lock. */
    boolean retired;

    Chunk(long start, long size, ByteAllocator algorithm, Arena arena) {
        this.start = start;
        this.size = size;
        this.algorithm = algorithm;
        this.arena = arena;
    }

    /** The registry key of an address inside this chunk: its offset. */
    int key(long pos) {
        return (int) (pos - start);
    }

    @Override
    public String toString() {
        return "chunk [" + start + ", +" + size + ") of arena " + arena.index;
    }
}
