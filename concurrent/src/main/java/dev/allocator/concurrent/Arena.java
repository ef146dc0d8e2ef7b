package dev.allocator.concurrent;

import dev.allocator.api.ByteAllocator;
import java.util.Arrays;

/**
 * An arena: a lock and the chunks it holds. Threads are spread over the arenas, so that threads on different
 * arenas never wait for each other; a chunk, and every block in it, belongs to one arena for the chunk's life.
 * Every method here runs under {@link #lock}.
 */
final class Arena {
    final int index;
    final SpinLock lock = new SpinLock();
    private final Root root;
    private Chunk[] chunks = new Chunk[4];
    private int count;
    /** The chunk tried first: the last one that served a request. */
    private int current;

    Arena(int index, Root root) {
        this.index = index;
        this.root = root;
    }

    int chunkCount() {
        return count;
    }

    Chunk chunk(int at) {
        return chunks[at];
    }

    /**
     * Allocates a block from one of this arena's chunks, starting with the current one, and records it.
     *
     * @param state {@link BlockRegistry#LIVE} for the caller, {@link BlockRegistry#CACHED} for its cache
     * @return the block's address, or {@link ByteAllocator#NO_BLOCK} if no chunk has room
     */
    long allocate(long size, long align, long usable, int state) {
        for (int tried = 0, at = current; tried < count; tried++, at = at + 1 == count ? 0 : at + 1) {
            long pos = allocateIn(chunks[at], size, align, usable, state);
            if (pos != ByteAllocator.NO_BLOCK) {
                current = at;
                return pos;
            }
        }
        return ByteAllocator.NO_BLOCK;
    }

    /**
     * Takes a new chunk from the root and allocates the block from it.
     *
     * @return the block's address, or {@link ByteAllocator#NO_BLOCK} if the root has no chunk to give
     */
    long leaseAndAllocate(long size, long align, long usable) {
        Chunk chunk = root.lease(this);
        if (chunk == null) {
            return ByteAllocator.NO_BLOCK;
        }
        add(chunk);
        long pos = allocateIn(chunk, size, align, usable, BlockRegistry.LIVE);
        if (pos == ByteAllocator.NO_BLOCK) {
            giveBackChunk(chunk);
        }
        return pos;
    }

    /**
     * Gives a block claimed by the caller ({@link BlockRegistry#BUSY}) back to its chunk's algorithm. A chunk left
     * empty stays with the arena (leasing it again would cost a new instance of the algorithm); a reclaim gives it
     * back to the root.
     */
    void giveBack(Chunk chunk, long pos, long size, long align, long usable) {
        if (chunk.retired) {
            return; // a reset freed it while the caller held its claim
        }
        int key = chunk.key(pos);
        try {
            chunk.algorithm.dealloc(pos, size, align);
        } catch (RuntimeException e) {
            chunk.blocks.settle(key, usable, BlockRegistry.LIVE);
            throw new IllegalStateException("the algorithm of " + chunk + " refused to free the block at " + pos
                    + " (" + usable + " bytes) that its registry holds: " + e.getMessage(), e);
        }
        chunk.blocks.settle(key, usable, BlockRegistry.DEAD);
    }

    /**
     * Gives every cached block of every chunk back to its algorithm, then every empty chunk back to the root.
     *
     * @return whether anything changed
     */
    boolean giveBackCachedAndEmpty() {
        boolean changed = false;
        for (int at = count - 1; at >= 0; at--) {
            Chunk chunk = chunks[at];
            BlockRegistry blocks = chunk.blocks;
            for (int slot = 0, slots = blocks.capacity(); slot < slots; slot++) {
                long usable = blocks.claimCachedAt(slot);
                if (usable >= 0) {
                    int key = blocks.keyAt(slot);
                    chunk.algorithm.dealloc(chunk.start + key, usable, 1);
                    blocks.settle(key, usable, BlockRegistry.DEAD);
                    changed = true;
                }
            }
            if (chunk.algorithm.usedBytes() == 0) {
                giveBackChunk(chunk);
                changed = true;
            }
        }
        return changed;
    }

    /** Forgets every chunk without giving it back (the root is being reset). */
    void clear() {
        for (int at = 0; at < count; at++) {
            chunks[at].blocks.retire();
            chunks[at].retired = true;
            chunks[at] = null;
        }
        count = 0;
        current = 0;
    }

    private long allocateIn(Chunk chunk, long size, long align, long usable, int state) {
        long pos = chunk.algorithm.tryAlloc(size, align);
        if (pos != ByteAllocator.NO_BLOCK) {
            chunk.blocks.insert(chunk.key(pos), usable, state);
        }
        return pos;
    }

    private void add(Chunk chunk) {
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, count * 2);
        }
        chunks[count] = chunk;
        current = count;
        count++;
    }

    private void giveBackChunk(Chunk chunk) {
        chunk.blocks.retire();
        chunk.retired = true;
        int at = 0;
        while (chunks[at] != chunk) {
            at++;
        }
        System.arraycopy(chunks, at + 1, chunks, at, count - at - 1);
        chunks[--count] = null;
        if (current > at || current == count) {
            current = Math.max(0, current - 1);
        }
        root.giveBack(chunk);
    }
}
