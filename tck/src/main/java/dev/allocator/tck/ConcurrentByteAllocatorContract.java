package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract of a thread-safe {@link ByteAllocator}: what must hold when many threads share one. Extend it and
 * return a fresh thread-safe allocator:
 *
 * <pre>{@code
 * class SynchronizedTlsfConcurrencyTest extends ConcurrentByteAllocatorContract {
 *     @Override
 *     protected ByteAllocator newAllocator() {
 *         return Allocators.synchronizedByteAllocator(Allocators.byteAllocator("tlsf"));
 *     }
 * }
 * }</pre>
 *
 * <p>The threads allocate, free, resize and hand blocks to each other to free (cross-thread frees), and free
 * addresses inside their own blocks (foreign frees, which must be NOT_ALLOCATED). Every block returned is checked,
 * as it comes, to be aligned, inside the region and disjoint from every live block. The work runs in rounds; after
 * each, with every thread stopped, the allocator must account exactly for the live blocks ({@code usedBytes()},
 * {@code stats()}, the heap walk), and then every thread frees again blocks another thread freed in the round
 * (double frees across threads, all at once, while no one allocates): each must be NOT_ALLOCATED. Other tests free
 * one block from every thread at the same moment (exactly one free wins), free from a thread what another
 * allocated (producer and consumer), and let threads end holding nothing (nothing may stay stranded: the largest
 * block a fresh allocator gives must be possible again).
 *
 * <p>System properties: {@value #THREADS} (threads, default 4), {@value #OPS} (operations per thread in the
 * hammer test, default 20,000; a soak run uses 1,000,000), {@value #SEED} (base seed, printed by every run). The
 * threads keep at most 512 blocks each and 128 handed over to each, so a region of {@link #regionSize()} never runs
 * out: every allocation must succeed.
 */
public abstract class ConcurrentByteAllocatorContract {
    /** System property: threads per test. */
    public static final String THREADS = "allocator.tck.concurrent.threads";
    /** System property: operations per thread in the hammer test. */
    public static final String OPS = "allocator.tck.concurrent.ops";
    /** System property: base seed of the random operations. */
    public static final String SEED = "allocator.tck.concurrent.seed";

    private static final long DEFAULT_SEED = 0xC0C0_2026L;
    private static final int ROUNDS = 8;
    private static final int MAX_LIVE_PER_THREAD = 512;
    /** Blocks waiting in one thread's inbox at most: a thread hands no more over to a full one. */
    private static final int MAX_INBOX = 128;
    private static final long BARRIER_TIMEOUT_SECONDS = 300;

    /** For subclasses. */
    protected ConcurrentByteAllocatorContract() {
    }

    /**
     * Creates a new, uninitialised, thread-safe allocator.
     *
     * @return a fresh allocator, never one already used
     */
    protected abstract ByteAllocator newAllocator();

    /**
     * How many threads share the allocator.
     *
     * @return {@value #THREADS} if set, else 4
     */
    protected int threads() {
        return Integer.getInteger(THREADS, 4);
    }

    /**
     * How many random operations each thread makes in the hammer test.
     *
     * @return {@value #OPS} if set, else 20,000
     */
    protected int operationsPerThread() {
        return Integer.getInteger(OPS, 20_000);
    }

    /**
     * The first address of the one region the tests give the allocator.
     *
     * @return 1 MiB by default (not 0, so that an address below the region can be freed)
     */
    protected long regionStart() {
        return 1L << 20;
    }

    /**
     * The size of the region. Large enough that no allocation of the hammer test runs out of memory: the threads
     * hold at most {@code threads() x 640} blocks, about 8 KB each on average, 1 MiB at most.
     *
     * @return 1 GiB by default
     */
    protected long regionSize() {
        return 1L << 30;
    }

    private static long baseSeed() {
        return Long.getLong(SEED, DEFAULT_SEED);
    }

    // ---- the hammer ----------------------------------------------------------------------------------------

    /**
     * Threads allocate, free, resize, hand blocks over and make foreign frees at random: no block overlaps another
     * or leaves the region, the accounting is exact after every round, every double free of the rounds is
     * rejected, and once every block is freed the allocator is empty.
     *
     * @throws Exception if a thread of the test fails or the test is interrupted
     */
    @Test
    public void threadsWithCrossThreadFreesNeverOverlapAndAccountExactly() throws Exception {
        ByteAllocator allocator = newAllocator();
        allocator.init(regionStart(), regionSize());
        int threads = threads();
        int rounds = Math.max(1, Math.min(ROUNDS, operationsPerThread() / 100));
        int perRound = Math.max(1, operationsPerThread() / rounds);
        SharedBlocks shared = new SharedBlocks(regionStart(), regionSize());
        long seed = baseSeed();
        System.out.println("[allocator-tck] " + getClass().getName() + ": " + threads + " threads x "
                + (long) perRound * rounds + " operations, seed " + seed + " (-D" + SEED + "=...)");
        AtomicInteger round = new AtomicInteger();
        Hammer[] workers = new Hammer[threads];
        CyclicBarrier barrier = new CyclicBarrier(threads,
                () -> shared.checkQuiescent(allocator, "round " + round.get() + " (" + shared.size() + " live)"));
        for (int id = 0; id < threads; id++) {
            workers[id] = new Hammer(id, allocator, shared, workers, barrier, round, rounds, perRound,
                    new SplittableRandom(seed + 0x9E3779B97F4A7C15L * id));
        }
        runAll(workers);
        long doubleFrees = 0;
        long crossFrees = 0;
        long foreignFrees = 0;
        for (Hammer worker : workers) {
            doubleFrees += worker.doubleFrees;
            crossFrees += worker.crossFrees;
            foreignFrees += worker.foreignFrees;
        }
        System.out.println("[allocator-tck]   " + crossFrees + " cross-thread frees, " + doubleFrees
                + " double frees rejected, " + foreignFrees + " foreign frees rejected");
        assertTrue(doubleFrees > 0 && crossFrees > 0 && foreignFrees > 0,
                "the run made no double, cross-thread or foreign free; raise " + OPS);
        shared.checkQuiescent(allocator, "the end, every block freed");
        assertEquals(0, allocator.usedBytes(), "used bytes once every block is freed");
    }

    /** One thread of the hammer test. */
    private final class Hammer implements Runnable {
        private final int id;
        private final ByteAllocator allocator;
        private final SharedBlocks shared;
        private final Hammer[] workers;
        private final CyclicBarrier barrier;
        private final AtomicInteger round;
        private final int rounds;
        private final int perRound;
        private final SplittableRandom random;
        private final List<SharedBlocks.Block> own = new ArrayList<>();
        /** Blocks other threads handed over for this one to free. */
        final ConcurrentLinkedQueue<SharedBlocks.Block> inbox = new ConcurrentLinkedQueue<>();
        /** How many blocks wait in {@link #inbox}. */
        final AtomicInteger waiting = new AtomicInteger();
        /** Blocks this thread freed in the current round: another thread frees them again after it. */
        final List<SharedBlocks.Block> freed = new ArrayList<>();
        long doubleFrees;
        long crossFrees;
        long foreignFrees;

        Hammer(int id, ByteAllocator allocator, SharedBlocks shared, Hammer[] workers, CyclicBarrier barrier,
               AtomicInteger round, int rounds, int perRound, SplittableRandom random) {
            this.id = id;
            this.allocator = allocator;
            this.shared = shared;
            this.workers = workers;
            this.barrier = barrier;
            this.round = round;
            this.rounds = rounds;
            this.perRound = perRound;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                work();
            } catch (RuntimeException | Error e) {
                barrier.reset(); // the others stop at their next barrier instead of waiting for this thread
                throw e;
            }
        }

        private void work() {
            try {
                for (int r = 0; r < rounds; r++) {
                    for (int op = 0; op < perRound; op++) {
                        step();
                    }
                    await(barrier); // the barrier's action checks the accounting with every thread stopped
                    if (id == 0) {
                        round.incrementAndGet();
                    }
                    doubleFreeWhatAnotherThreadFreed();
                    await(barrier); // and checks that the double frees changed nothing
                    freed.clear();
                }
                while (!own.isEmpty()) {
                    free(own.remove(own.size() - 1));
                }
                await(barrier);
                while (freeFromInbox()) {
                    // until the inbox is empty: no thread hands over any more
                }
            } catch (BrokenBarrierException | InterruptedException | TimeoutException e) {
                throw new IllegalStateException("thread " + id + " stopped: another thread failed", e);
            }
        }

        private void step() {
            int choice = random.nextInt(100);
            if (own.isEmpty() || choice < 40) {
                if (own.size() < MAX_LIVE_PER_THREAD) {
                    allocate();
                } else {
                    free(takeRandom());
                }
            } else if (choice < 70) {
                free(takeRandom());
            } else if (choice < 80) {
                Hammer target = workers[random.nextInt(workers.length)];
                if (target.waiting.get() < MAX_INBOX) {
                    target.waiting.incrementAndGet();
                    target.inbox.add(takeRandom());
                } else {
                    free(takeRandom());
                }
            } else if (choice < 90) {
                freeFromInbox();
            } else if (choice < 95) {
                resize(takeRandom());
            } else {
                foreignFree(own.get(random.nextInt(own.size())));
            }
        }

        /** Frees a block another thread handed over; false if none waits. */
        private boolean freeFromInbox() {
            SharedBlocks.Block block = inbox.poll();
            if (block == null) {
                return false;
            }
            waiting.decrementAndGet();
            free(block);
            crossFrees++;
            return true;
        }

        private void allocate() {
            int bucket = random.nextInt(100);
            long size = bucket < 70 ? random.nextInt(257) : bucket < 95 ? 257 + random.nextInt(8192 - 257)
                    : bucket < 99 ? random.nextInt(64 << 10) : random.nextInt(1 << 20);
            long align = random.nextInt(50) == 0 ? 4096 : 1L << random.nextInt(7);
            long pos;
            try {
                pos = allocator.alloc(size, align);
            } catch (AllocException e) {
                throw new AssertionError("[must-succeed] thread " + id + ": alloc(" + size + ", " + align + ") with "
                        + allocator.availableBytes() + " of " + allocator.totalBytes() + " bytes available", e);
            }
            SharedBlocks.Block block = new SharedBlocks.Block(pos, size, align, allocator.usableSize(size, align));
            shared.add(block, "thread " + id + " alloc(" + size + ", " + align + ")");
            own.add(block);
        }

        private void free(SharedBlocks.Block block) {
            shared.remove(block);
            allocator.dealloc(block.pos, block.size, block.align);
            freed.add(block);
        }

        private void resize(SharedBlocks.Block block) {
            long newSize = random.nextBoolean() ? block.size / 2 : block.size + random.nextInt(512);
            shared.remove(block);
            boolean resized = allocator.tryResize(block.pos, block.size, newSize, block.align);
            SharedBlocks.Block now = resized ? new SharedBlocks.Block(block.pos, newSize, block.align,
                    allocator.usableSize(newSize, block.align)) : block;
            shared.add(now, "thread " + id + " tryResize(" + block + " to " + newSize + ") = " + resized);
            own.add(now);
        }

        private void foreignFree(SharedBlocks.Block inside) {
            long pos = inside.usable > 1 ? inside.pos + 1 : regionStart() - 1;
            expectNotAllocated(pos, 1, 1, "a foreign free (inside the live block " + inside + ")");
            foreignFrees++;
        }

        private void doubleFreeWhatAnotherThreadFreed() {
            for (SharedBlocks.Block block : workers[(id + 1) % workers.length].freed) {
                if (!shared.isLive(block.pos)) {
                    expectNotAllocated(block.pos, block.size, block.align,
                            "a double free of " + block + ", freed in this round by thread " + (id + 1) % workers.length);
                    doubleFrees++;
                }
            }
        }

        private void expectNotAllocated(long pos, long size, long align, String what) {
            try {
                allocator.dealloc(pos, size, align);
            } catch (AllocException e) {
                if (e.error() == AllocError.NOT_ALLOCATED) {
                    return;
                }
                throw new AssertionError("[error-kind] thread " + id + ": " + what + " was " + e.error()
                        + ", not NOT_ALLOCATED", e);
            }
            throw new AssertionError("[not-allocated] thread " + id + ": " + what + " succeeded");
        }

        private SharedBlocks.Block takeRandom() {
            int at = random.nextInt(own.size());
            SharedBlocks.Block block = own.get(at);
            own.set(at, own.get(own.size() - 1));
            own.remove(own.size() - 1);
            return block;
        }
    }

    // ---- races on one block ----------------------------------------------------------------------------------

    /**
     * Every thread frees the same blocks at the same moment: for each block exactly one free succeeds, the others
     * are NOT_ALLOCATED, and afterwards nothing is used.
     *
     * @throws Exception if a thread of the test fails or the test is interrupted
     */
    @Test
    public void racingFreesOfOneBlockHaveExactlyOneWinner() throws Exception {
        ByteAllocator allocator = newAllocator();
        allocator.init(regionStart(), regionSize());
        int threads = Math.max(2, threads());
        int rounds = 200;
        long[] blocks = new long[8];
        long[] sizes = {24, 256, 100, 4096, 1, 512, 64, 3000};
        AtomicInteger[] winners = new AtomicInteger[blocks.length];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(threads, () -> {
            for (int b = 0; b < blocks.length; b++) {
                blocks[b] = allocator.alloc(sizes[b], 8);
                winners[b] = new AtomicInteger();
            }
        });
        CyclicBarrier end = new CyclicBarrier(threads, () -> {
            for (int b = 0; b < blocks.length; b++) {
                if (winners[b].get() != 1) {
                    failure.compareAndSet(null, new AssertionError("[not-allocated] the block at " + blocks[b]
                            + " was freed " + winners[b].get() + " times by " + threads + " racing threads"));
                }
            }
        });
        Runnable[] racers = new Runnable[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            racers[t] = () -> {
                try {
                    for (int r = 0; r < rounds && failure.get() == null; r++) {
                        await(start);
                        for (int i = 0; i < blocks.length; i++) {
                            int b = (i + id) % blocks.length;
                            try {
                                allocator.dealloc(blocks[b], sizes[b], 8);
                                winners[b].incrementAndGet();
                            } catch (AllocException e) {
                                if (e.error() != AllocError.NOT_ALLOCATED) {
                                    throw new AssertionError("a losing free was " + e.error(), e);
                                }
                            }
                        }
                        await(end);
                    }
                } catch (BrokenBarrierException | InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("racer " + id + " stopped: another thread failed", e);
                } catch (RuntimeException | Error e) {
                    start.reset();
                    end.reset();
                    throw e;
                }
            };
        }
        runAll(racers);
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
        assertEquals(0, allocator.usedBytes(), "used bytes after every block was freed once");
        assertEquals(0, allocator.stats().liveBlocks(), "live blocks after every block was freed once");
    }

    // ---- producer and consumer -------------------------------------------------------------------------------

    /**
     * Half of the threads allocate, the other half free what they allocated, then every thread ends: nothing is
     * used, nothing stays stranded in a thread that ended (the largest block a fresh allocator gives is possible),
     * and the accounting is exact.
     *
     * @throws Exception if a thread of the test fails or the test is interrupted
     */
    @Test
    public void blocksFreedByOtherThreadsAllComeBackWhenTheThreadsEnd() throws Exception {
        ByteAllocator allocator = newAllocator();
        allocator.init(regionStart(), regionSize());
        long largest = largestFreshBlock();
        int pairs = Math.max(1, threads() / 2);
        int perProducer = Math.max(1000, operationsPerThread() / 4);
        List<Runnable> threads = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            ConcurrentLinkedQueue<long[]> handOff = new ConcurrentLinkedQueue<>();
            AtomicInteger produced = new AtomicInteger();
            SplittableRandom random = new SplittableRandom(baseSeed() + p);
            threads.add(() -> {
                for (int i = 0; i < perProducer; i++) {
                    long size = 1 + random.nextInt(2048);
                    handOff.add(new long[] {allocator.alloc(size, 16), size});
                    produced.incrementAndGet();
                    while (handOff.size() > 256) {
                        Thread.yield();
                    }
                }
            });
            threads.add(() -> {
                for (int consumed = 0; consumed < perProducer; ) {
                    long[] block = handOff.poll();
                    if (block == null) {
                        Thread.yield();
                        continue;
                    }
                    allocator.dealloc(block[0], block[1], 16);
                    consumed++;
                }
            });
        }
        runAll(threads.toArray(new Runnable[0]));
        assertEquals(0, allocator.usedBytes(), "used bytes after every block was freed by another thread");
        SharedBlocks none = new SharedBlocks(regionStart(), regionSize());
        none.checkQuiescent(allocator, "after producers and consumers ended");
        long block = allocator.tryAlloc(largest, 1);
        assertTrue(block != ByteAllocator.NO_BLOCK, "the largest block of a fresh allocator (" + largest
                + " bytes) cannot be allocated once every thread ended with nothing live: memory stayed stranded");
        allocator.dealloc(block, largest, 1);
    }

    /** The largest block (alignment 1) a fresh allocator with this contract's region gives, by bisection. */
    private long largestFreshBlock() {
        long low = 1;
        long high = regionSize();
        while (low < high) {
            long middle = low + (high - low + 1) / 2;
            ByteAllocator fresh = newAllocator();
            fresh.init(regionStart(), regionSize());
            if (fresh.tryAlloc(middle, 1) != ByteAllocator.NO_BLOCK) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void await(CyclicBarrier barrier) throws BrokenBarrierException, InterruptedException,
            TimeoutException {
        barrier.await(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Runs each task on a thread of its own (threads that end, as an application's do) and fails with the first
     * real error any of them threw (not the broken barriers of the threads that stopped because of it).
     */
    private static void runAll(Runnable... tasks) throws InterruptedException {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Thread[] threads = new Thread[tasks.length];
        for (int t = 0; t < tasks.length; t++) {
            Runnable task = tasks[t];
            threads[t] = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "allocator-tck-" + t);
        }
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(BARRIER_TIMEOUT_SECONDS * 4));
            if (thread.isAlive()) {
                fail("thread " + thread.getName() + " did not finish");
            }
        }
        if (errors.isEmpty()) {
            return;
        }
        Throwable cause = errors.get(0);
        for (Throwable error : errors) {
            if (!(error.getCause() instanceof BrokenBarrierException)) {
                cause = error;
                break;
            }
        }
        if (cause instanceof AssertionError) {
            throw (AssertionError) cause;
        }
        throw new AssertionError(cause.toString(), cause);
    }
}
