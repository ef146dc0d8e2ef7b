package dev.allocator.concurrent;

import dev.allocator.api.ByteAllocator;
import java.util.Arrays;

/**
 * One thread's state in one allocator: its home arena, its share of the counters behind
 * {@link ConcurrentByteAllocator#usedBytes()}, and its cache of freed blocks, in bins of one usable size each.
 *
 * <pre>
 *   bins (open addressing on the usable size, at most {@link #MAX_BINS} in {@link #BINS} slots)
 *     [3]  usable 256   capacity 128   count 3   positions [4096, 8192, 512]   (a stack: top = last)
 *     [9]  usable 48    capacity 256   count 1   positions [64]
 * </pre>
 *
 * <p>Bins hold addresses only: the chunk of a block is found again when it leaves the bin, through the thread's
 * last chunk ({@link #lastChunkIfHolds}) or the directory. (Storing the {@code Chunk} reference with each entry
 * cost a GC write barrier, with a fence under G1, on every free; the last chunk is stored only when it changes.)
 *
 * <p>Touched only by its owner thread, except that {@link #resetEpoch} and the counters are read (racily) by
 * {@link ConcurrentByteAllocator#usedBytes()}, and that a dead thread's cache is flushed by whichever thread sweeps
 * it (after {@code Thread.isAlive()} returned false, which orders the dead thread's writes before the sweep).
 * An entry can be stale (its block was taken by a reclaim or a reset): the compare-and-set that hands a cached
 * block out tells, so a stale entry is dropped, never handed out.
 */
final class ThreadCache {
    /** Slots of the bin table (a power of two): twice {@link #MAX_BINS}, so a look-up stops at a free slot soon. */
    static final int BINS = 128;
    /** Bins per thread: distinct usable sizes cached at once. */
    static final int MAX_BINS = 64;
    /** Most entries in one bin. */
    static final int MAX_BIN_CAPACITY = 256;
    /** Most blocks fetched ahead on a miss. */
    static final int MAX_REFILL = 16;
    /** Misses in a row (nothing freed into the bin) before a miss fetches blocks ahead. */
    static final int STREAK_BEFORE_REFILL = 3;

    final Thread owner;
    /** Index of the arena this thread allocates from first. */
    int arena;
    /** Bytes (usable) this thread allocated minus bytes it freed, since {@link #resetEpoch}. */
    long used;
    /** The allocator's reset count the counters and bins belong to (-1 until the thread's first call). */
    volatile long resetEpoch;
    /** The allocator's reclaim count the bins were last checked against. */
    long flushEpoch;
    /** The allocator's count of resets and reclaims when this thread last caught up; -1: catch up first. */
    long seenChanges = -1;
    /** Inside a {@code forEachBlock} visitor: any call that could change the allocator is refused. */
    boolean walking;
    /** Bytes in the bins, stale entries included (dropped as they are met). */
    long cachedBytes;
    /** Operations since this thread last looked for dead threads' caches. */
    int operations;

    /**
     * The chunk of the last block this thread freed or took back by way of the directory, so that the next
     * address in it skips the directory. A chunk is stored only when it changes (a reference store costs a GC
     * write barrier); it may have gone back to the root since, which the block's state switch tells. Until the
     * thread calls again or ends, this reference keeps such a returned chunk's objects (its algorithm instance and
     * registry, tens of KiB) reachable: a bounded cost per idle thread, not memory of the managed range.
     */
    Chunk lastChunk;
    /** {@code lastChunk.blocks}, one load nearer. */
    BlockRegistry lastBlocks;
    long lastChunkStart;
    /** 0 when no chunk is remembered: no address is in it. */
    private long lastChunkSize;

    /** Bytes this cache may hold. */
    final long budget;
    /** The bin the next trim over budget starts with (round robin). */
    private int trimCursor;
    final long[] binUsable = new long[BINS];
    final int[] binCount = new int[BINS];
    final int[] binCapacity = new int[BINS];
    /** Misses in a row with no block pushed in between: how much this thread allocates a size it does not free. */
    final int[] binMissStreak = new int[BINS];
    final long[][] binPositions = new long[BINS][];

    /** A cache that belongs to no epoch yet: its thread's first call catches up ({@link #seenChanges} is -1). */
    ThreadCache(Thread owner, int arena, long budget) {
        this.owner = owner;
        this.arena = arena;
        this.budget = budget;
        this.resetEpoch = -1;
        this.flushEpoch = -1;
    }

    /** Bins made so far (at most {@link #MAX_BINS}). */
    private int binsMade;

    /** The bin of blocks of {@code usable} bytes, or -1 if there is none. */
    int bin(long usable) {
        int slot = slotFor(usable);
        return slot >= 0 && binUsable[slot] == usable ? slot : -1;
    }

    /**
     * The bin of blocks of {@code usable} bytes, made if there is room for another. A size that the algorithm
     * would not take back as {@code dealloc(pos, usable, 1)} gets a bin of capacity 0: never cached.
     *
     * @param sizing the algorithm, asked {@code usableSize(usable, 1)} when the bin is made
     * @return the bin (check {@link #binCapacity}), or -1 if every bin holds another size
     */
    int binOrNew(long usable, ByteAllocator sizing) {
        int slot = slotFor(usable);
        if (slot < 0 || binUsable[slot] == usable) {
            return slot;
        }
        if (binsMade == MAX_BINS) {
            return -1;
        }
        binsMade++;
        int capacity = sizing.usableSize(usable, 1) != usable ? 0
                : (int) Math.max(1, Math.min(MAX_BIN_CAPACITY, budget / 8 / usable));
        binPositions[slot] = new long[capacity];
        binCapacity[slot] = capacity;
        binUsable[slot] = usable;
        return slot;
    }

    /** The slot holding {@code usable}, else the first free slot on its probe run, else -1 (table full). */
    private int slotFor(long usable) {
        int mask = BINS - 1;
        for (int slot = home(usable), probes = 0; probes < BINS; slot = (slot + 1) & mask, probes++) {
            long found = binUsable[slot];
            if (found == usable || found == 0) {
                return slot;
            }
        }
        return -1;
    }

    /** The next bin to trim when the cache is over budget, in turn. */
    int nextBinToTrim() {
        trimCursor = (trimCursor + 1) & (BINS - 1);
        return trimCursor;
    }

    /** Whether a block of {@code usable} more bytes would overflow this cache's budget. */
    boolean overBudgetWith(long usable) {
        return cachedBytes + usable > budget;
    }

    /** Marks the thread as walking: its next calls take the slow way in, which refuses them. */
    void startWalk() {
        walking = true;
        seenChanges = -1;
    }

    /** The remembered chunk if it spans {@code pos}, else null. */
    Chunk lastChunkIfHolds(long pos) {
        return Long.compareUnsigned(pos - lastChunkStart, lastChunkSize) < 0 ? lastChunk : null;
    }

    void rememberChunk(Chunk chunk) {
        lastChunk = chunk;
        lastBlocks = chunk.blocks;
        lastChunkStart = chunk.start;
        lastChunkSize = chunk.size;
    }

    /**
     * Forgets {@code chunk} if it is the remembered one (it went back to the root).
     *
     * @return whether it was
     */
    boolean forgetChunk(Chunk chunk) {
        if (chunk != lastChunk) {
            return false;
        }
        lastChunk = null;
        lastBlocks = null;
        lastChunkSize = 0;
        return true;
    }

    /** Pushes a block on its bin, which has room. */
    void push(int bin, long pos) {
        binMissStreak[bin] = 0;
        int count = binCount[bin];
        binPositions[bin][count] = pos;
        binCount[bin] = count + 1;
        cachedBytes += binUsable[bin];
    }

    /**
     * How many blocks fetching ahead should add to an empty bin after a miss: none until {@link #STREAK_BEFORE_REFILL}
     * misses came in a row with nothing freed into the bin (a producer that never frees this size), then one more
     * per further miss, up to {@link #MAX_REFILL}. A thread that allocates many sizes once each (churn) fetches
     * nothing it will not use.
     */
    int refillCount(int bin) {
        int streak = binMissStreak[bin] - STREAK_BEFORE_REFILL;
        return streak <= 0 ? 0 : Math.min(Math.min(streak, MAX_REFILL), binCapacity[bin] / 2);
    }

    /**
     * Drops every entry (after a reset, when they are all stale), forgets the last chunk and zeroes the counters
     * for the new epoch.
     */
    void startEpoch(long epoch) {
        if (binsMade > 0) { // a new thread's cache has nothing to drop
            Arrays.fill(binCount, 0);
        }
        cachedBytes = 0;
        used = 0;
        forgetChunk(lastChunk); // retired by the reset: let it go
        resetEpoch = epoch;
    }

    private static int home(long usable) {
        return (int) ((usable * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(BINS)));
    }
}
