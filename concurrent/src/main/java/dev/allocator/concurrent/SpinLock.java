package dev.allocator.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ConcurrentModificationException;
import java.util.concurrent.locks.LockSupport;

/**
 * A non-reentrant mutual-exclusion lock that never allocates: one compare-and-set to take it, one release store to
 * give it back. A waiter spins briefly, then yields, then sleeps in growing steps of at most a millisecond, so a
 * long hold (a heap walk with a user's visitor) costs waiters little CPU. Not fair.
 *
 * <p>Why not {@code ReentrantLock}: its contended path allocates a queue node per wait, and the allocator promises
 * no Java heap allocation per operation even under contention. Why not {@code synchronized}: there is no
 * {@code tryLock}, which the allocator uses to move a thread to a free arena instead of waiting.
 *
 * <p>The owner is recorded so that a thread that asks again for a lock it holds (a {@code forEachBlock} visitor
 * calling back into the allocator) gets a {@link ConcurrentModificationException} instead of a deadlock.
 */
final class SpinLock {
    private static final VarHandle OWNER;
    private static final int SPINS = 64;
    private static final int YIELDS = 64;
    private static final long MAX_SLEEP_NANOS = 1_000_000L;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(SpinLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through OWNER
    private volatile Thread owner;

    /**
     * Takes the lock if it is free.
     *
     * @return true if the calling thread now holds it
     */
    boolean tryLock() {
        return owner == null && OWNER.compareAndSet(this, null, Thread.currentThread());
    }

    /**
     * Takes the lock, waiting as long as needed.
     *
     * @throws ConcurrentModificationException if the calling thread already holds it
     */
    void lock() {
        if (tryLock()) {
            return;
        }
        Thread me = Thread.currentThread();
        if (owner == me) {
            throw new ConcurrentModificationException("the allocator was called again by a thread inside one of its "
                    + "own calls (a forEachBlock visitor must not use the allocator it walks)");
        }
        long sleep = 1_000L;
        for (int attempt = 0; ; attempt++) {
            if (tryLock()) {
                return;
            }
            if (attempt < SPINS) {
                Thread.onSpinWait();
            } else if (attempt < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, sleep);
                sleep = Math.min(MAX_SLEEP_NANOS, sleep * 2);
            }
        }
    }

    /** Gives the lock back; only its holder may call this. */
    void unlock() {
        OWNER.setRelease(this, null);
    }

    /**
     * Tells whether the calling thread holds the lock.
     *
     * @return true if it does
     */
    boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }
}
