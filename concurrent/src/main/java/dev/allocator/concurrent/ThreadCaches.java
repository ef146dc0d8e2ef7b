package dev.allocator.concurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every thread's {@link ThreadCache} for one allocator: found through a {@link ThreadLocal}, and listed here so that
 * the counters can be summed and a dead thread's cache flushed.
 *
 * <p>A thread's first call registers its cache (the only allocation a new thread causes, besides the first bin of
 * each size it frees): under this object's monitor, copy-on-write, so that readers never lock. The same monitor
 * guards the counters of swept (dead) threads. Lock order: this monitor, then arenas, then the root.
 */
final class ThreadCaches {
    private static final ThreadCache[] NONE = new ThreadCache[0];

    /** Slots of {@link #byThread}, a power of two. */
    private static final int FAST_SLOTS = 256;

    private final ThreadLocal<ThreadCache> local = new ThreadLocal<>();
    /**
     * A direct-mapped cache in front of {@link #local}, indexed by thread id: a thread finds its cache with one
     * array load and one compare, where a {@code ThreadLocal} look-up walks the thread's map (which other code
     * fills). A slot holds some thread's cache; a thread uses it only if it is the owner (it wrote the slot itself,
     * so it sees the cache whole); two threads sharing a slot both fall back to {@link #local}.
     */
    final ThreadCache[] byThread = new ThreadCache[FAST_SLOTS];
    private volatile ThreadCache[] all = new ThreadCache[0];
    private final int arenas;
    private final long budget;
    private int nextArena;
    /** Used bytes of swept (dead) threads, for reset epoch {@link #sweptEpoch}. Written under the monitor. */
    private volatile long sweptUsed;
    private volatile long sweptEpoch;

    ThreadCaches(int arenas, long budget) {
        this.arenas = arenas;
        this.budget = budget;
    }

    /** The slot of {@link #byThread} where a thread looks for its cache first. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+
    static int slot(Thread thread) {
        return (int) thread.getId() & (FAST_SLOTS - 1);
    }

    /** The calling thread's cache, registered on its first call. */
    ThreadCache current() {
        Thread thread = Thread.currentThread();
        int slot = slot(thread);
        ThreadCache cache = byThread[slot];
        if (cache != null && cache.owner == thread) {
            return cache;
        }
        cache = local.get();
        if (cache == null) {
            cache = register();
        }
        byThread[slot] = cache;
        return cache;
    }

    /** The calling thread's cache, or null if it never called. */
    ThreadCache currentIfAny() {
        return local.get();
    }

    private synchronized ThreadCache register() {
        ThreadCache cache = new ThreadCache(Thread.currentThread(), nextArena, budget);
        nextArena = (nextArena + 1) % arenas;
        ThreadCache[] grown = Arrays.copyOf(all, all.length + 1);
        grown[all.length] = cache;
        all = grown;
        local.set(cache);
        return cache;
    }

    /**
     * Removes the caches of threads that ended, after folding their counters in; returns them so that the caller
     * can flush their bins.
     *
     * @param epoch the allocator's reset count: counters of an older one are dropped
     */
    synchronized ThreadCache[] removeDead(long epoch) {
        List<ThreadCache> dead = null;
        for (ThreadCache cache : all) {
            if (!cache.owner.isAlive()) {
                if (dead == null) {
                    dead = new ArrayList<>();
                }
                dead.add(cache);
            }
        }
        if (dead == null) {
            return NONE;
        }
        ThreadCache[] alive = new ThreadCache[all.length - dead.size()];
        int kept = 0;
        for (ThreadCache cache : all) {
            if (!dead.contains(cache)) {
                alive[kept++] = cache;
            }
        }
        for (int slot = 0; slot < FAST_SLOTS; slot++) {
            ThreadCache cache = byThread[slot];
            if (cache != null && dead.contains(cache)) {
                byThread[slot] = null; // let the dead thread and its cache go
            }
        }
        for (ThreadCache cache : dead) {
            if (cache.resetEpoch == epoch) {
                addSwept(epoch, cache.used);
            }
        }
        all = alive;
        return dead.toArray(NONE);
    }

    /** Sums every thread's used bytes of reset epoch {@code epoch}, swept threads' included. */
    long usedBytes(long epoch) {
        long sum = 0;
        for (ThreadCache cache : all) {
            if (cache.resetEpoch == epoch) {
                sum += cache.used;
            }
        }
        return sum + (sweptEpoch == epoch ? sweptUsed : 0);
    }

    /** How many threads have a cache here. */
    int count() {
        return all.length;
    }

    /** Runs {@code action} holding this monitor (the first lock of the lock order). */
    synchronized void whileLocked(Runnable action) {
        action.run();
    }

    private void addSwept(long epoch, long used) {
        if (sweptEpoch != epoch) {
            sweptUsed = 0;
            sweptEpoch = epoch;
        }
        sweptUsed += used;
    }
}
