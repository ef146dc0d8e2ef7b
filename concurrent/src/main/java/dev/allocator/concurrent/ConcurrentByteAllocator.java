package dev.allocator.concurrent;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.Allocators;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;

/**
 * One byte allocator that many threads share and that scales with them, over any byte algorithm found by name,
 * with every guarantee of the single-threaded allocators kept.
 *
 * <pre>{@code
 * ConcurrentByteAllocator heap = ConcurrentByteAllocator.of("tlsf");
 * heap.init(0, 1L << 30);
 * long block = heap.alloc(256, 16);     // from any thread
 * heap.dealloc(block, 256, 16);         // from any thread, the same or another
 * }</pre>
 *
 * <h2>Design</h2>
 * <pre>
 *                      alloc(size, align) / dealloc(pos, size, align), any thread
 *                                       |
 *     +---------------------------------+---------------------------------+
 *     | thread cache (one per thread, no lock): bins of freed blocks, one  |  hit: one compare-and-set on the
 *     | usable size per bin, a byte budget per thread                      |  block's state, nothing else shared
 *     +--------------+-------------------------------------^---------------+
 *          miss      |                                     | bin overflow, reclaim, thread end: blocks go home
 *                    v                                     |
 *     +--------------------+  +--------------------+  +--------------------+
 *     | arena 0: spin lock |  | arena 1: spin lock |  | arena 2 ...        |  threads are spread over the
 *     | [chunk] [chunk]    |  | [chunk]            |  |                    |  arenas; a busy arena is skipped
 *     +---------+----------+  +---------+----------+  +--------------------+
 *               |  lease a chunk / give an empty one back
 *               v
 *     +-----------------------------------------------------------------------+
 *     | root: the algorithm over all the regions, one lock. Its blocks are     |  requests above chunk/8 (or
 *     | the chunks (each an instance of the algorithm of its own) and the      |  aligned more) are served here
 *     | large blocks                                                           |  directly
 *     +-----------------------------------------------------------------------+
 *
 *     address -> chunk: the thread's last chunk if it spans the address (no probe), else the ChunkDirectory,
 *                       lock-free, O(1) (chunks are aligned to their size)
 *     chunk   -> block: BlockRegistry, lock-free, O(1): LIVE &lt;-&gt; CACHED by CAS; BUSY while going home
 * </pre>
 *
 * <ul>
 *   <li><b>Arenas of chunks.</b> The root is one instance of the algorithm over every region. It carves chunks
 *       ({@code chunk-size} bytes, aligned to their size; by default 1/64 of the first region, between 4 KiB and
 *       4 MiB), and each chunk gets an instance of the algorithm of its own. Each arena holds some chunks under
 *       one spin lock. A thread allocates from its home arena (threads are given arenas in turn; one that finds
 *       its arena locked moves to a free one), so threads on different arenas share no lock and no cache line.
 *       A request larger than a chunk's eighth (or more aligned) is served by the root itself.</li>
 *   <li><b>Thread caches.</b> A freed block of at most {@code cache-max-block} bytes goes into the freeing
 *       thread's cache (whichever arena it came from), and that thread's next request of the same usable size
 *       takes it back: no lock, no algorithm, one compare-and-set. A miss fetches a few blocks ahead under the
 *       arena's lock. A cache over its budget ({@code cache-bytes}) sends its oldest blocks home, grouped by
 *       arena. A producer/consumer pair thus moves blocks in batches: the consumer's cache sends them home, the
 *       producer's fetches them ahead. A hit or a free into the cache costs one compare-and-set; besides the
 *       thread's own cache it writes nothing shared and reads only the block's state word and fields that
 *       rarely change: the thread remembers the last chunk it met, so the next address in it needs no directory
 *       probe, and one counter of resets and reclaims tells it that it has nothing to catch up with. The common
 *       cases are kept apart from the rare ones ({@code deallocSlowly}, {@code makeRoom}, {@code enterSlowly}) so
 *       that the JIT inlines them into the caller.</li>
 *   <li><b>Double frees, in O(1), cache or not.</b> Every block a chunk hands out has a state word in its
 *       chunk's {@code BlockRegistry}: LIVE, CACHED or BUSY, with its usable size. A free switches LIVE to
 *       CACHED (or BUSY, to go home) by compare-and-set, so of two frees of one block, from any threads,
 *       exactly one wins and the other is {@code NOT_ALLOCATED}; a cached block is handed out only by the
 *       compare-and-set that switches it back to LIVE, so never twice. A free of an address that no chunk and
 *       no root block holds, or with a size that does not match, is {@code NOT_ALLOCATED} too.</li>
 *   <li><b>Large requests and truthful statistics.</b> A request that nothing serves triggers a reclaim: every
 *       cache's blocks go home (taken by compare-and-set, so also from threads that are running or idle) and
 *       every empty chunk goes back to the root, and the request is tried again. With no block live, the
 *       allocator can then do whatever a fresh one can. {@link #stats()} and {@link #forEachBlock} reclaim
 *       first too, so what they report is the memory as the algorithms hold it, with cached bytes counted as
 *       available, and {@code largestFree} is a request that succeeds; {@link #cacheStats()} and
 *       {@link #forEachCachedBlock} show the caches without changing them.</li>
 *   <li><b>Threads that end.</b> A dead thread's cache is swept by the next thread that registers, reclaims,
 *       takes statistics or passes 65,536 calls, and its blocks go home. {@link #flushThreadCache()} sends the
 *       calling thread's cache home at once.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * As a single-threaded allocator: no two live blocks overlap; every block is aligned as asked; every rejected
 * call throws {@link AllocException} with the kind of the error table and changes nothing observable (counters,
 * {@code stats()}, {@code forEachBlock}; the one hidden change: a {@code NO_MEMORY} has sent the caches home
 * first); {@code usedBytes()} grows by exactly {@link #usableSize} per block. With no call running (and the caller
 * synchronised with the threads that made the calls, e.g. by {@code join}), {@link #usedBytes()},
 * {@link #stats()} and {@link #forEachBlock} are exact; while calls run they are consistent but may be stale.
 * Lincheck checks alloc and free against this allocator run by one thread; the tck's
 * {@code ByteAllocatorContract} and {@code ConcurrentByteAllocatorContract} run on it.
 *
 * <h2>Cost</h2>
 * Once warm, {@code alloc}, {@code dealloc} and {@code tryAlloc} allocate nothing on the Java heap. A thread's
 * first call registers its cache: one {@code ThreadCache} (about 3 KiB; 4,480 bytes measured for a new thread's
 * first 256 B pair, its first bin included) and a {@code ThreadLocal} entry, and a
 * copy of the list of caches (8 bytes per thread); the first block of each usable size it caches adds a bin of
 * {@code 8 * min(256, cache-bytes / 8 / size)} bytes. A chunk leased costs one instance of the algorithm.
 * {@code usedBytes()} sums one counter per thread (O(threads), like {@code LongAdder.sum()});
 * {@code stats()} and {@code forEachBlock} lock every arena and cost O(chunks + blocks).
 *
 * <h2>Options</h2>
 * {@code arenas} (default twice the processors), {@code chunk-size} (a power of two from 64 B to 1 GiB, or
 * {@code auto}), {@code cache-bytes} (per thread, default 256 KiB; 0 turns the caches off),
 * {@code cache-max-block} (default 32 KiB), plus any option of the algorithm, passed to each of its instances.
 *
 * <p>The algorithm's {@code usableSize} is called from many threads at once on one instance that is never
 * initialised: it must be a pure function of its arguments (the tck checks that it always answers the same).
 * Thread safe.
 */
public final class ConcurrentByteAllocator implements ByteAllocator {
    /** Calls between two looks for the caches of threads that ended. */
    private static final int SWEEP_EVERY = 1 << 16;
    /** {@link #switchState}: the chunk went back to the root (its blocks are gone, or in a new chunk there). */
    private static final int RETIRED = -1;
    /** {@link #deallocSlowly}: no state switch was tried yet. */
    private static final int NOT_TRIED = -2;

    private final String algorithmName;
    private final Settings settings;
    private final ByteAllocator sizing;
    private final Root root;
    private final Arena[] arenas;
    private final ThreadCaches caches;
    /** {@link ThreadCaches#byThread}, the same array. */
    private final ThreadCache[] byThread;
    /** Counts {@link #reset()}s: a thread's counters and bins belong to one. */
    private volatile long resetEpoch;
    /** Counts reclaims that changed something: a thread then checks its bins. */
    private volatile long flushEpoch;
    /**
     * Bumped after each bump of {@link #resetEpoch} or {@link #flushEpoch} (under every arena's lock): a call
     * compares this one word with the thread's copy to know that it has nothing to catch up with.
     */
    private volatile long changes;

    private ConcurrentByteAllocator(AllocatorProvider provider, Settings settings) {
        this.algorithmName = provider.name();
        this.settings = settings;
        this.root = new Root(provider, settings.algorithm(), settings);
        this.sizing = root.newInstance();
        this.arenas = new Arena[settings.arenas()];
        for (int index = 0; index < arenas.length; index++) {
            arenas[index] = new Arena(index, root);
        }
        this.caches = new ThreadCaches(arenas.length, settings.cacheBytes());
        this.byThread = caches.byThread;
    }

    /**
     * Creates a thread-safe allocator over the byte algorithm of that name, with default options.
     *
     * @param algorithm the name of a byte allocator, e.g. {@code "tlsf"}, any case
     * @return a new, uninitialised allocator
     * @throws IllegalArgumentException if no byte allocator has that name
     */
    public static ConcurrentByteAllocator of(String algorithm) {
        return of(algorithm, AllocatorOptions.empty());
    }

    /**
     * Creates a thread-safe allocator over the byte algorithm of that name.
     *
     * @param algorithm the name of a byte allocator, e.g. {@code "tlsf"}, any case
     * @param options   {@code arenas}, {@code chunk-size}, {@code cache-bytes}, {@code cache-max-block}, and any
     *                  option of the algorithm
     * @return a new, uninitialised allocator
     * @throws IllegalArgumentException if no byte allocator has that name
     * @throws AllocException           INVALID_PARAM for a key neither this layer nor the algorithm takes (the
     *                                  message lists both), or a bad value
     */
    public static ConcurrentByteAllocator of(String algorithm, AllocatorOptions options) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(options, "options");
        AllocatorProvider provider = Allocators.provider(AllocatorKind.BYTE, algorithm);
        Settings settings = Settings.parse(options, provider.name(), provider.defaults());
        return new ConcurrentByteAllocator(provider, settings);
    }

    /**
     * The options this layer takes, with their defaults (the algorithm's own come on top).
     *
     * @return an immutable map, option key to default value
     */
    public static Map<String, String> defaults() {
        return Map.copyOf(Settings.defaults());
    }

    // ---- regions -------------------------------------------------------------------------------------------

    /** {@inheritDoc} As the algorithm: its errors, and whether {@code init} twice is MEMORY_OVERLAP. */
    @Override
    public void init(long start, long size) {
        enter();
        root.addRegion(start, size, true);
    }

    /** {@inheritDoc} */
    @Override
    public void addMemory(long start, long size) {
        enter();
        root.addRegion(start, size, false);
    }

    // ---- the hot path ------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>If nothing has room, every thread's cache and every empty chunk go home first and the request is tried
     * again; NO_MEMORY only then.
     */
    @Override
    public long alloc(long size, long align) {
        long pos = tryAlloc(size, align);
        if (pos == NO_BLOCK) {
            throw noMemory(size, align);
        }
        return pos;
    }

    /** {@inheritDoc} */
    @Override
    public long tryAlloc(long size, long align) {
        long usable = sizing.usableSize(size, align);
        ThreadCache cache = enter();
        long small = root.chunkSize() >>> 3;
        boolean fitsChunk = usable <= small && align <= small;
        if (fitsChunk && cacheable(usable)) {
            long pos = takeCached(cache, usable, align);
            if (pos != NO_BLOCK) {
                return pos;
            }
        }
        return allocateFresh(cache, size, align, usable, fitsChunk);
    }

    /** {@inheritDoc} */
    @Override
    public void dealloc(long pos, long size, long align) {
        long usable = sizing.usableSize(size, align);
        ThreadCache cache = enter();
        checkAddress(pos, size, align, usable);
        Chunk chunk = chunkOf(cache, pos);
        int bin = chunk != null && cacheable(usable) ? cache.binOrNew(usable, sizing) : -1;
        if (bin >= 0 && cache.binCapacity[bin] > 0) {
            int result = switchRemembered(cache, pos, usable, BlockRegistry.LIVE, BlockRegistry.CACHED);
            if (result == BlockRegistry.DONE) {
                cache.used -= usable;
                keep(cache, bin, pos, usable);
                return;
            }
            deallocSlowly(cache, chunk, pos, size, align, usable, bin, result);
        } else {
            deallocSlowly(cache, chunk, pos, size, align, usable, -1, NOT_TRIED);
        }
    }

    /**
     * The rest of {@link #dealloc}, kept out of it so that the JIT inlines the common case (a block into the
     * thread's cache) into the caller: a block held from the root, a size that is never cached (the block goes
     * home at once, capacity-0 bins included), a chunk that went back to the root, and every rejection.
     *
     * @param bin    the bin the block goes to, or -1 to send it home
     * @param result what the switch of the block's state in the thread's last chunk answered, or
     *               {@link #NOT_TRIED}
     */
    private void deallocSlowly(ThreadCache cache, Chunk chunk, long pos, long size, long align, long usable, int bin,
            int result) {
        if (chunk == null) {
            freeFromRoot(cache, pos, size, align, usable);
            return;
        }
        int to = bin >= 0 ? BlockRegistry.CACHED : BlockRegistry.BUSY;
        if (result == NOT_TRIED) {
            result = switchRemembered(cache, pos, usable, BlockRegistry.LIVE, to);
        }
        if (result == RETIRED && cache.forgetChunk(chunk)) {
            // the thread's last chunk went back to the root: the directory knows where the address is now
            chunk = chunkOf(cache, pos);
            if (chunk == null) {
                freeFromRoot(cache, pos, size, align, usable);
                return;
            }
            result = switchRemembered(cache, pos, usable, BlockRegistry.LIVE, to);
        }
        if (result != BlockRegistry.DONE) {
            throw notAllocated(pos, size, align, usable, result);
        }
        cache.used -= usable;
        if (bin >= 0) {
            keep(cache, bin, pos, usable);
        } else {
            Arena arena = chunk.arena;
            arena.lock.lock();
            try {
                arena.giveBack(chunk, pos, size, align, usable);
            } finally {
                arena.lock.unlock();
            }
        }
    }

    /** Frees a block that no chunk holds: one held directly from the root, or NOT_ALLOCATED. */
    private void freeFromRoot(ThreadCache cache, long pos, long size, long align, long usable) {
        int result = root.free(pos, size, align, usable);
        if (result != BlockRegistry.DONE) {
            throw notAllocated(pos, size, align, usable, result);
        }
        cache.used -= usable;
    }

    /** {@inheritDoc} */
    @Override
    public long usableSize(long size, long align) {
        return sizing.usableSize(size, align);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A cached block is not live: resizing it is NOT_ALLOCATED, as a resize of a freed block is.
     */
    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        long oldUsable = sizing.usableSize(oldSize, align);
        long newUsable = sizing.usableSize(newSize, align);
        ThreadCache cache = enter();
        checkAddress(pos, oldSize, align, oldUsable);
        Chunk chunk = root.directory.find(pos);
        if (chunk == null) {
            int result = root.resize(pos, oldSize, newSize, align, oldUsable, newUsable);
            if (result < 0) {
                throw notAllocated(pos, oldSize, align, oldUsable, -result);
            }
            if (result == 0) {
                return false;
            }
            cache.used += newUsable - oldUsable;
            return true;
        }
        int key = chunk.key(pos);
        int result = switchState(chunk, key, oldUsable, BlockRegistry.LIVE, BlockRegistry.BUSY);
        if (result != BlockRegistry.DONE) {
            throw notAllocated(pos, oldSize, align, oldUsable, result);
        }
        boolean resized = false;
        boolean retired;
        Arena arena = chunk.arena;
        arena.lock.lock();
        try {
            retired = chunk.retired;
            if (!retired) {
                try {
                    resized = chunk.algorithm.tryResize(pos, oldSize, newSize, align);
                } finally {
                    chunk.blocks.settle(key, resized ? newUsable : oldUsable, BlockRegistry.LIVE);
                }
            }
        } finally {
            arena.lock.unlock();
        }
        if (retired) {
            throw notAllocated(pos, oldSize, align, oldUsable, BlockRegistry.ABSENT); // a reset freed it meanwhile
        }
        if (resized) {
            cache.used += newUsable - oldUsable;
        }
        return resized;
    }

    // ---- counters and introspection --------------------------------------------------------------------

    /** {@inheritDoc} O(1). */
    @Override
    public long totalBytes() {
        return root.total();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The sum of one counter per thread (O(threads)): exact when no call runs, a close estimate while calls
     * run. Cached blocks are not used.
     */
    @Override
    public long usedBytes() {
        return caches.usedBytes(resetEpoch);
    }

    /** {@inheritDoc} Cached blocks are available. */
    @Override
    public long availableBytes() {
        return totalBytes() - usedBytes();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sends every thread's cached blocks and every empty chunk home first (as a failing request does), so the
     * figures are those of the algorithms, with cached bytes counted as available: {@code largestFree} is a
     * request of alignment 1 that succeeds. Locks every arena while it counts: O(chunks + free ranges). See
     * {@link #cacheStats()} for what the caches held.
     */
    @Override
    public AllocatorStats stats() {
        ThreadCache cache = caches.current();
        if (cache.walking) {
            return statsLocked(); // a visitor reading: its walk holds every lock and sent the caches home
        }
        enter(cache);
        sweepDeadThreads();
        lockArenas();
        try {
            reclaimLocked();
            root.lock.lock();
            try {
                return statsLocked();
            } finally {
                root.lock.unlock();
            }
        } finally {
            unlockArenas();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sends the caches home first, as {@link #stats()} does, then walks the root in address order, each chunk
     * expanded into its own blocks. Holds every arena's lock and the root's during the walk, so other threads'
     * calls that need a lock wait for it. A visitor may read this allocator (counters, {@code stats()},
     * {@code usableSize}, a nested walk); one that changes it gets a {@link ConcurrentModificationException}.
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        ThreadCache cache = caches.current();
        if (cache.walking) {
            root.algorithm.forEachBlock(new RootWalk(root, visitor)); // nested: the outer walk holds the locks
            return;
        }
        enter(cache);
        sweepDeadThreads();
        lockArenas();
        try {
            reclaimLocked();
            root.lock.lock();
            cache.startWalk();
            try {
                root.algorithm.forEachBlock(new RootWalk(root, visitor));
            } finally {
                cache.walking = false;
                root.lock.unlock();
            }
        } finally {
            unlockArenas();
        }
    }

    /**
     * Counts what the thread caches hold, without changing anything. Locks every arena while it counts.
     *
     * @return cached blocks and bytes, threads, arenas, chunks and the chunk size
     */
    public CacheStats cacheStats() {
        long blocks = 0;
        long bytes = 0;
        int chunks = 0;
        lockArenas();
        try {
            for (Arena arena : arenas) {
                chunks += arena.chunkCount();
                for (int at = 0; at < arena.chunkCount(); at++) {
                    BlockRegistry registry = arena.chunk(at).blocks;
                    for (int slot = 0, slots = registry.capacity(); slot < slots; slot++) {
                        long word = registry.wordAt(slot);
                        if (word != -1 && BlockRegistry.state(word) == BlockRegistry.CACHED) {
                            blocks++;
                            bytes += BlockRegistry.usable(word);
                        }
                    }
                }
            }
        } finally {
            unlockArenas();
        }
        return new CacheStats(blocks, bytes, caches.count(), arenas.length, chunks, root.chunkSize());
    }

    /**
     * Shows every block that is in a thread cache now (free for users, still allocated in its chunk), without
     * changing anything: {@code visitor.visit(address, usable size, false)}, by arena and chunk, in no particular
     * address order. Locks every arena during the walk; the visitor must not call this allocator.
     *
     * @param visitor called once per cached block
     */
    public void forEachCachedBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        ThreadCache cache = enter();
        lockArenas();
        cache.startWalk();
        try {
            for (Arena arena : arenas) {
                for (int at = 0; at < arena.chunkCount(); at++) {
                    Chunk chunk = arena.chunk(at);
                    BlockRegistry registry = chunk.blocks;
                    for (int slot = 0, slots = registry.capacity(); slot < slots; slot++) {
                        long word = registry.wordAt(slot);
                        if (word != -1 && BlockRegistry.state(word) == BlockRegistry.CACHED) {
                            visitor.visit(chunk.start + registry.keyAt(slot), BlockRegistry.usable(word), false);
                        }
                    }
                }
            }
        } finally {
            cache.walking = false;
            unlockArenas();
        }
    }

    // ---- control -------------------------------------------------------------------------------------------

    /**
     * Sends the calling thread's cached blocks home to their chunks (a chunk left empty stays with its arena until a
     * reclaim: {@link #trim()}, {@link #stats()}, a request that fails). Also sweeps the caches of threads that
     * ended. Call it when a thread stops allocating for a long time; a thread that ends needs no call.
     */
    public void flushThreadCache() {
        ThreadCache cache = enter();
        flushBins(cache);
        sweepDeadThreads();
    }

    /**
     * Sends every thread's cached blocks home and every empty chunk back to the root, as a failing request does.
     * Threads keep working meanwhile; a thread finds its cache empty on its next call.
     */
    public void trim() {
        enter();
        reclaim();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every thread's cache is emptied too (a thread drops its stale entries on its next call). Safe while other
     * threads call, but blocks they hold become free: call it when no block is in use.
     */
    @Override
    public void reset() {
        enter();
        caches.whileLocked(() -> {
            lockArenas();
            root.lock.lock();
            try {
                for (Arena arena : arenas) {
                    arena.clear();
                }
                root.resetLocked();
                resetEpoch++;
                changes++;
            } finally {
                root.lock.unlock();
                unlockArenas();
            }
        });
        caches.current().startEpoch(resetEpoch);
    }

    /** The algorithm's name and the layout, for logs. */
    @Override
    public String toString() {
        return "concurrent(" + algorithmName + ", " + arenas.length + " arenas, chunk " + root.chunkSize()
                + " B, cache " + settings.cacheBytes() + " B/thread)";
    }

    // ---- allocation paths ----------------------------------------------------------------------------------

    private boolean cacheable(long usable) {
        return usable <= root.cacheLimit();
    }

    /** Takes a block of {@code usable} bytes from the thread's cache; NO_BLOCK on a miss. */
    private long takeCached(ThreadCache cache, long usable, long align) {
        int bin = cache.bin(usable);
        if (bin < 0) {
            missWithoutBin(cache, usable);
            return NO_BLOCK;
        }
        while (cache.binCount[bin] > 0) {
            int top = cache.binCount[bin] - 1;
            long pos = cache.binPositions[bin][top];
            if ((pos & (align - 1)) != 0) {
                break; // aligned less than asked: leave it for a request that fits
            }
            cache.binCount[bin] = top;
            cache.cachedBytes -= usable;
            if (claimCached(cache, pos, usable)) {
                cache.used += usable;
                cache.binMissStreak[bin] = 0;
                return pos;
            }
            // stale (a reclaim took it): dropped
        }
        cache.binMissStreak[bin]++;
        return NO_BLOCK;
    }

    /** A miss of a size the thread has no bin for yet: makes the bin, which counts the miss. */
    private void missWithoutBin(ThreadCache cache, long usable) {
        int bin = cache.binOrNew(usable, sizing);
        if (bin >= 0) {
            cache.binMissStreak[bin]++;
        }
    }

    /** Switches a block of the thread's cache from CACHED to LIVE; false if it is stale (a reclaim took it). */
    private boolean claimCached(ThreadCache cache, long pos, long usable) {
        Chunk chunk = chunkOf(cache, pos);
        if (chunk == null) {
            return false;
        }
        int result = switchRemembered(cache, pos, usable, BlockRegistry.CACHED, BlockRegistry.LIVE);
        if (result == RETIRED && cache.forgetChunk(chunk)) {
            chunk = chunkOf(cache, pos); // the last chunk went back to the root; a new one may be there
            result = chunk == null ? BlockRegistry.ABSENT
                    : switchRemembered(cache, pos, usable, BlockRegistry.CACHED, BlockRegistry.LIVE);
        }
        return result == BlockRegistry.DONE;
    }

    /**
     * The chunk holding {@code pos}, or null: the thread's last chunk if it holds the address (no directory
     * probe on the hot path), else the directory's answer, remembered. The last chunk may have gone back to the
     * root meanwhile: {@link #switchState} then answers {@link #RETIRED}, and the caller looks again.
     */
    private Chunk chunkOf(ThreadCache cache, long pos) {
        Chunk chunk = cache.lastChunkIfHolds(pos);
        if (chunk == null) {
            chunk = root.directory.find(pos);
            if (chunk != null) {
                cache.rememberChunk(chunk);
            }
        }
        return chunk;
    }

    /** Puts a freed block (now CACHED) into the thread's cache, sending older blocks home if it is full. */
    private void keep(ThreadCache cache, int bin, long pos, long usable) {
        if (cache.binCount[bin] == cache.binCapacity[bin] || cache.overBudgetWith(usable)) {
            makeRoom(cache, bin, usable);
        }
        cache.push(bin, pos);
    }

    /** Sends blocks home until the bin has room for one more and the budget for {@code usable} more bytes. */
    private void makeRoom(ThreadCache cache, int bin, long usable) {
        if (cache.binCount[bin] == cache.binCapacity[bin]) {
            sendHome(cache, bin, Math.max(1, cache.binCount[bin] / 2));
        }
        if (cache.overBudgetWith(usable)) {
            // down to three quarters of the budget, taking the oldest blocks of the bins in turn
            for (int turns = 0; turns < ThreadCache.BINS && cache.overBudgetWith(usable + cache.budget / 4); turns++) {
                int other = cache.nextBinToTrim();
                if (cache.binCount[other] > 0) {
                    sendHome(cache, other, Math.max(1, cache.binCount[other] / 2));
                }
            }
        }
    }

    /**
     * Allocates from the arenas or the root, and if nothing has room, reclaims and tries once more.
     *
     * @param fitsChunk whether the request is small enough for a chunk (else the root serves it)
     */
    private long allocateFresh(ThreadCache cache, long size, long align, long usable, boolean fitsChunk) {
        for (int attempt = 0; ; attempt++) {
            long pos;
            if (fitsChunk) {
                pos = allocateInArenas(cache, size, align, usable);
                if (pos != NO_BLOCK) {
                    return pos;
                }
            }
            pos = root.allocate(size, align, usable);
            if (pos != NO_BLOCK) {
                cache.used += usable;
                return pos;
            }
            if (!fitsChunk && usable <= root.chunkSize()) {
                pos = allocateInOtherArenas(cache, size, align, usable, -1);
                if (pos != NO_BLOCK) {
                    return pos;
                }
            }
            if (attempt > 0 || !reclaim()) {
                return NO_BLOCK;
            }
        }
    }

    /**
     * Allocates from the home arena (leasing a chunk if it must), or from another arena. Fetches a few more
     * blocks of the same size into the cache when the size is cacheable.
     */
    private long allocateInArenas(ThreadCache cache, long size, long align, long usable) {
        Arena arena = lockSomeArena(cache);
        try {
            adoptEpoch(cache);
            long pos = arena.allocate(size, align, usable, BlockRegistry.LIVE);
            if (pos == NO_BLOCK) {
                pos = arena.leaseAndAllocate(size, align, usable);
            }
            if (pos != NO_BLOCK) {
                cache.used += usable;
                fetchAhead(cache, arena, size, align, usable);
                return pos;
            }
        } finally {
            arena.lock.unlock();
        }
        return allocateInOtherArenas(cache, size, align, usable, arena.index);
    }

    /** Allocates from any arena but {@code skip}, without leasing; NO_BLOCK if none has room. */
    private long allocateInOtherArenas(ThreadCache cache, long size, long align, long usable, int skip) {
        for (Arena arena : arenas) {
            if (arena.index == skip) {
                continue;
            }
            arena.lock.lock();
            try {
                adoptEpoch(cache);
                long pos = arena.allocate(size, align, usable, BlockRegistry.LIVE);
                if (pos != NO_BLOCK) {
                    cache.used += usable;
                    return pos;
                }
            } finally {
                arena.lock.unlock();
            }
        }
        return NO_BLOCK;
    }

    /** Locks the thread's home arena, or, if another thread holds it, a free one, which becomes home. */
    private Arena lockSomeArena(ThreadCache cache) {
        Arena home = arenas[cache.arena];
        if (home.lock.tryLock()) {
            return home;
        }
        for (int step = 1; step < arenas.length; step++) {
            Arena other = arenas[(cache.arena + step) % arenas.length];
            if (other.lock.tryLock()) {
                cache.arena = other.index;
                return other;
            }
        }
        home.lock.lock();
        return home;
    }

    /** After a miss, fetches blocks ahead into an empty bin, under the arena's lock, without leasing. */
    private void fetchAhead(ThreadCache cache, Arena arena, long size, long align, long usable) {
        if (!cacheable(usable)) {
            return;
        }
        int bin = cache.bin(usable);
        if (bin < 0 || cache.binCount[bin] > 0 || cache.binCapacity[bin] == 0) {
            return;
        }
        for (int fetched = cache.refillCount(bin); fetched > 0 && !cache.overBudgetWith(usable); fetched--) {
            long pos = arena.allocate(size, align, usable, BlockRegistry.CACHED);
            if (pos == NO_BLOCK) {
                return;
            }
            cache.push(bin, pos);
        }
    }

    /**
     * Switches a chunk block's state; if a rebuild or retirement froze the table, does it again under the arena's
     * lock.
     *
     * @return as {@link BlockRegistry#transition}, or {@link #RETIRED} if the chunk went back to the root
     */
    private static int switchState(Chunk chunk, int key, long usable, int from, int to) {
        int result = chunk.blocks.transition(key, usable, from, to);
        if (result != BlockRegistry.FROZEN_TABLE) {
            return result;
        }
        return switchLocked(chunk, key, usable, from, to);
    }

    /**
     * {@link #switchState} in the chunk the thread remembers (which {@link #chunkOf} just returned), its registry
     * and start read from the thread's cache: one dependent load less on the hot path.
     */
    private static int switchRemembered(ThreadCache cache, long pos, long usable, int from, int to) {
        int key = (int) (pos - cache.lastChunkStart);
        int result = cache.lastBlocks.transition(key, usable, from, to);
        if (result != BlockRegistry.FROZEN_TABLE) {
            return result;
        }
        return switchLocked(cache.lastChunk, key, usable, from, to);
    }

    /** {@link #switchState} after the table was found frozen: under the arena's lock, once the rebuild is over. */
    private static int switchLocked(Chunk chunk, int key, long usable, int from, int to) {
        Arena arena = chunk.arena;
        arena.lock.lock();
        try {
            return chunk.retired ? RETIRED : chunk.blocks.transition(key, usable, from, to);
        } finally {
            arena.lock.unlock();
        }
    }

    // ---- sending blocks home -------------------------------------------------------------------------------

    /**
     * Sends the {@code count} oldest blocks of a bin home (the bottom of its stack), each claimed by
     * compare-and-set (a stale one is dropped), holding one arena's lock for a run of blocks from that arena.
     */
    private void sendHome(ThreadCache cache, int bin, int count) {
        long usable = cache.binUsable[bin];
        long[] positions = cache.binPositions[bin];
        Arena locked = null;
        try {
            for (int at = 0; at < count; at++) {
                Chunk chunk = root.directory.find(positions[at]);
                if (chunk == null) {
                    continue; // its chunk went back to the root: a stale entry
                }
                int key = chunk.key(positions[at]);
                int claim = chunk.blocks.transition(key, usable, BlockRegistry.CACHED, BlockRegistry.BUSY);
                if (claim != BlockRegistry.DONE && claim != BlockRegistry.FROZEN_TABLE) {
                    continue; // stale: a reclaim or a reset took it
                }
                if (locked != chunk.arena) {
                    if (locked != null) {
                        locked.lock.unlock();
                    }
                    locked = chunk.arena;
                    locked.lock.lock();
                }
                if (claim == BlockRegistry.FROZEN_TABLE && (chunk.retired
                        || chunk.blocks.transition(key, usable, BlockRegistry.CACHED, BlockRegistry.BUSY)
                        != BlockRegistry.DONE)) {
                    continue; // the claim met a rebuild; under the lock it is decided
                }
                locked.giveBack(chunk, positions[at], usable, 1, usable);
            }
        } finally {
            if (locked != null) {
                locked.lock.unlock();
            }
        }
        int left = cache.binCount[bin] - count;
        System.arraycopy(positions, count, positions, 0, left);
        cache.binCount[bin] = left;
        cache.cachedBytes -= count * usable;
    }

    /** Sends every block of the thread's cache home. */
    private void flushBins(ThreadCache cache) {
        for (int bin = 0; bin < ThreadCache.BINS; bin++) {
            if (cache.binCount[bin] > 0) {
                sendHome(cache, bin, cache.binCount[bin]);
            }
        }
    }

    /** Sends every cache's blocks and every empty chunk home; returns whether anything changed. */
    private boolean reclaim() {
        sweepDeadThreads();
        lockArenas();
        try {
            return reclaimLocked();
        } finally {
            unlockArenas();
        }
    }

    private boolean reclaimLocked() {
        boolean changed = false;
        for (Arena arena : arenas) {
            changed |= arena.giveBackCachedAndEmpty();
        }
        if (changed) {
            flushEpoch++;
            changes++;
        }
        return changed;
    }

    /** Sends home the caches of threads that ended, and folds in their counters. Holds no arena lock on entry. */
    private void sweepDeadThreads() {
        long epoch = resetEpoch;
        for (ThreadCache cache : caches.removeDead(epoch)) {
            flushBins(cache);
        }
    }

    /** The calling thread's cache, after {@link #enter(ThreadCache)}. */
    private ThreadCache enter() {
        // ThreadCaches.current()'s first look, one load nearer: the slot array is a field here
        Thread thread = Thread.currentThread();
        ThreadCache cache = byThread[ThreadCaches.slot(thread)];
        if (cache == null || cache.owner != thread) {
            cache = caches.current();
        }
        enter(cache);
        return cache;
    }

    /** A block address must be non-negative and aligned as the free or resize says: NOT_ALLOCATED otherwise. */
    private static void checkAddress(long pos, long size, long align, long usable) {
        if (pos < 0 || (pos & (align - 1)) != 0) {
            throw notAllocated(pos, size, align, usable, BlockRegistry.ABSENT);
        }
    }

    /**
     * Checks the thread may call, and catches up with resets and reclaims since its last call. The usual call
     * reads one volatile word and counts itself.
     */
    private void enter(ThreadCache cache) {
        long seen = changes;
        int operation = cache.operations++;
        if (cache.seenChanges != seen || (operation & (SWEEP_EVERY - 1)) == 0) {
            enterSlowly(cache, seen, operation);
        }
    }

    /** {@link #enter}, when something changed, the thread walks, or it is time to sweep dead threads. */
    private void enterSlowly(ThreadCache cache, long seen, int operation) {
        if (cache.walking) {
            throw new ConcurrentModificationException("a forEachBlock visitor called the allocator it walks");
        }
        long epoch = resetEpoch;
        long flushes = flushEpoch;
        if (cache.resetEpoch != epoch) {
            cache.startEpoch(epoch);
            cache.flushEpoch = flushes; // its bins are empty now (a new thread's too): nothing to send home
        }
        if (cache.flushEpoch != flushes) {
            cache.flushEpoch = flushes;
            flushBins(cache);
        }
        cache.seenChanges = seen; // read before the epochs: a later change shows as another value
        if ((operation & (SWEEP_EVERY - 1)) == 0) {
            sweepDeadThreads(); // on a thread's first call, then every SWEEP_EVERY calls
        }
    }

    /** Under an arena's lock: a reset since {@link #enter} makes the thread's counters and bins stale. */
    private void adoptEpoch(ThreadCache cache) {
        long epoch = resetEpoch;
        if (cache.resetEpoch != epoch) {
            cache.startEpoch(epoch);
        }
    }

    private void lockArenas() {
        for (int index = 0; index < arenas.length; index++) {
            try {
                arenas[index].lock.lock();
            } catch (RuntimeException e) {
                for (int locked = index - 1; locked >= 0; locked--) {
                    arenas[locked].lock.unlock();
                }
                throw e;
            }
        }
    }

    private void unlockArenas() {
        for (int index = arenas.length - 1; index >= 0; index--) {
            arenas[index].lock.unlock();
        }
    }

    // ---- introspection under the locks ---------------------------------------------------------------------

    private AllocatorStats statsLocked() {
        AllocatorStats rootStats = root.algorithm.stats();
        long used = rootStats.used();
        long live = rootStats.liveBlocks();
        long freeRanges = rootStats.freeRanges();
        long largestFree = rootStats.largestFree();
        for (Arena arena : arenas) {
            for (int at = 0; at < arena.chunkCount(); at++) {
                Chunk chunk = arena.chunk(at);
                AllocatorStats chunkStats = chunk.algorithm.stats();
                used -= chunk.size - chunkStats.used();
                live += chunkStats.liveBlocks() - 1;
                freeRanges += chunkStats.freeRanges();
                largestFree = Math.max(largestFree, chunkStats.largestFree());
                BlockRegistry registry = chunk.blocks;
                for (int slot = 0, slots = registry.capacity(); slot < slots; slot++) {
                    long word = registry.wordAt(slot);
                    if (word != -1 && BlockRegistry.state(word) == BlockRegistry.CACHED) {
                        // cached since the reclaim (another thread is running): free for users
                        used -= BlockRegistry.usable(word);
                        live--;
                    }
                }
            }
        }
        long total = rootStats.total();
        return new AllocatorStats(total, used, total - used, live, freeRanges, largestFree);
    }

    // ---- errors --------------------------------------------------------------------------------------------

    private AllocException noMemory(long size, long align) {
        AllocatorStats stats = stats();
        return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align + " (takes "
                + sizing.usableSize(size, align) + "): " + stats.available() + " bytes available, largest free block "
                + stats.largestFree() + " (concurrent " + algorithmName + ", every cache reclaimed)");
    }

    /**
     * NOT_ALLOCATED naming why: {@code why} is what a state switch or the root answered; every answer but IN_CACHE
     * and WRONG_SIZE (ABSENT, and {@link #RETIRED}: the chunk went back to the root) means no live block there.
     */
    private static AllocException notAllocated(long pos, long size, long align, long usable, int why) {
        String reason;
        switch (why) {
            case BlockRegistry.IN_CACHE:
                reason = "it was freed already (it is in a thread cache)";
                break;
            case BlockRegistry.WRONG_SIZE:
                reason = "the block there takes another size than usableSize(" + size + ", " + align + ") = "
                        + usable;
                break;
            default:
                reason = pos < 0 || (pos & (align - 1)) != 0 && pos >= 0 && align > 0
                        ? "it is not an address aligned to " + align
                        : "no live block starts there (never allocated, freed already, or inside a block)";
                break;
        }
        return new AllocException(AllocError.NOT_ALLOCATED, "block at " + pos + " (" + size + " bytes aligned to "
                + align + ") is not allocated: " + reason);
    }
}
