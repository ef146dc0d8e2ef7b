package dev.allocator.concurrent;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;

/**
 * The root: one instance of the algorithm over all the regions. It hands chunks to the arenas and serves, itself,
 * the requests too large (or too aligned) for a chunk and those no arena can serve. It keeps the size of every
 * block it serves directly in an {@link AddressMap}, so that a free of one is checked in O(1). Every method takes
 * {@link #lock} itself; an arena holding its own lock may call in (the lock order is arena, then root).
 */
final class Root {
    final SpinLock lock = new SpinLock();
    final ByteAllocator algorithm;
    /** Blocks held directly from the root: address to usable size. Under the lock. */
    final AddressMap blocks = new AddressMap();
    final ChunkDirectory directory = new ChunkDirectory();
    private final AllocatorProvider provider;
    private final AllocatorOptions chunkOptions;
    private final Settings settings;
    /** Bytes under management; written under the lock. */
    private volatile long total;
    /** Bytes per chunk, 0 until the first region fixes it. Written once, under the lock. */
    private volatile long chunkSize;
    /** The largest usable size a thread cache keeps (0: none), fixed with {@link #chunkSize}. */
    private volatile long cacheLimit;
    /** False once an instance of the algorithm could not manage a chunk exactly: no more chunks then. */
    private boolean chunksWork = true;

    Root(AllocatorProvider provider, AllocatorOptions chunkOptions, Settings settings) {
        this.provider = provider;
        this.chunkOptions = chunkOptions;
        this.settings = settings;
        this.algorithm = newInstance();
    }

    long total() {
        return total;
    }

    long chunkSize() {
        return chunkSize;
    }

    /** The largest usable size a thread cache keeps: {@code cache-max-block}, at most a chunk's eighth; 0 for none. */
    long cacheLimit() {
        return cacheLimit;
    }

    /** Adds a region: {@code init} when {@code first}, else {@code addMemory}. */
    void addRegion(long start, long size, boolean first) {
        lock.lock();
        try {
            if (first) {
                algorithm.init(start, size);
            } else {
                algorithm.addMemory(start, size);
            }
            total = algorithm.totalBytes();
            if (chunkSize == 0 && size > 0) {
                chunkSize = settings.chunkSizeFor(size);
                cacheLimit = settings.cacheBytes() > 0 ? Math.min(settings.cacheMaxBlock(), chunkSize >>> 3) : 0;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Allocates a block directly; returns its address or {@link ByteAllocator#NO_BLOCK}. */
    long allocate(long size, long align, long usable) {
        lock.lock();
        try {
            long pos = algorithm.tryAlloc(size, align);
            if (pos != ByteAllocator.NO_BLOCK) {
                blocks.put(pos, usable);
            }
            return pos;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frees a block held directly from the root.
     *
     * @return {@link BlockRegistry#DONE}, {@link BlockRegistry#ABSENT} or {@link BlockRegistry#WRONG_SIZE}
     */
    int free(long pos, long size, long align, long usable) {
        lock.lock();
        try {
            long held = blocks.get(pos);
            if (held == AddressMap.MISSING) {
                return BlockRegistry.ABSENT;
            }
            if (held != usable) {
                return BlockRegistry.WRONG_SIZE;
            }
            algorithm.dealloc(pos, size, align);
            blocks.remove(pos);
            return BlockRegistry.DONE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Resizes a block held directly from the root in place.
     *
     * @return 1 if resized, 0 if it could not be (unchanged), or -{@link BlockRegistry#ABSENT} /
     *         -{@link BlockRegistry#WRONG_SIZE} if no such block is live
     */
    int resize(long pos, long oldSize, long newSize, long align, long oldUsable, long newUsable) {
        lock.lock();
        try {
            long held = blocks.get(pos);
            if (held == AddressMap.MISSING) {
                return -BlockRegistry.ABSENT;
            }
            if (held != oldUsable) {
                return -BlockRegistry.WRONG_SIZE;
            }
            if (!algorithm.tryResize(pos, oldSize, newSize, align)) {
                return 0;
            }
            blocks.put(pos, newUsable);
            return 1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Carves a new chunk for {@code arena}, with an instance of the algorithm of its own. Called under the
     * arena's lock.
     *
     * @return the chunk, or null if the root has no room for one (or chunks cannot work with this algorithm)
     */
    Chunk lease(Arena arena) {
        lock.lock();
        try {
            long size = chunkSize;
            if (size == 0 || !chunksWork) {
                return null;
            }
            if (algorithm.usableSize(size, size) != size) {
                chunksWork = false;
                return null;
            }
            long start = algorithm.tryAlloc(size, size);
            if (start == ByteAllocator.NO_BLOCK) {
                return null;
            }
            ByteAllocator instance = newInstance();
            instance.init(start, size);
            if (instance.totalBytes() != size) {
                // the algorithm trims a chunk (alignment, granularity): chunks would not add up; serve from here
                algorithm.dealloc(start, size, size);
                chunksWork = false;
                return null;
            }
            Chunk chunk = new Chunk(start, size, instance, arena);
            directory.add(chunk, Long.numberOfTrailingZeros(size));
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    /** Takes back an empty chunk. Called under the owning arena's lock. */
    void giveBack(Chunk chunk) {
        lock.lock();
        try {
            directory.remove(chunk);
            algorithm.dealloc(chunk.start, chunk.size, chunk.size);
        } finally {
            lock.unlock();
        }
    }

    /** Frees everything, keeping the regions. Under the lock (and every arena's). */
    void resetLocked() {
        directory.clear();
        blocks.clear();
        algorithm.reset();
    }

    /** A new, uninitialised instance of the algorithm. */
    ByteAllocator newInstance() {
        BaseAllocator made = provider.create(chunkOptions.withDefaults(provider.defaults(), provider.name()));
        if (!(made instanceof ByteAllocator)) {
            throw new IllegalStateException("provider " + provider.getClass().getName() + " ('" + provider.name()
                    + "') made a " + made.getClass().getName() + ", not a ByteAllocator");
        }
        return (ByteAllocator) made;
    }
}
