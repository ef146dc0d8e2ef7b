package org.example.concurrentuser;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.concurrent.ConcurrentByteAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Eight threads share one allocator: each allocates blocks of random sizes, frees some itself and hands others to
 * the next thread to free. Then, once every thread has stopped allocating, each frees what it holds and tries to
 * free every such block again, which must be refused. (Not earlier: while others allocate, a freed address may
 * rightly be handed to another thread at once, and a second free of it would free that thread's block.) At the
 * end every thread has freed everything and ended; the program prints what it saw, one {@code label: value} per
 * line, and exits with 1 if anything went wrong.
 *
 * <p>Usage: {@code ConcurrentUser <algorithm> [operations per thread]}.
 */
public final class ConcurrentUser {
    private static final int THREADS = 8;
    private static final long POOL = 256L << 20;

    private ConcurrentUser() {
    }

    public static void main(String[] args) throws InterruptedException {
        String algorithm = args.length > 0 ? args[0] : "tlsf";
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        ConcurrentByteAllocator heap = ConcurrentByteAllocator.of(algorithm);
        heap.init(0, POOL);
        System.out.println("module: " + ConcurrentByteAllocator.class.getModule());
        System.out.println("allocator: " + heap);

        List<ConcurrentLinkedQueue<long[]>> inboxes = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            inboxes.add(new ConcurrentLinkedQueue<>());
        }
        AtomicLong refused = new AtomicLong();
        AtomicLong crossFrees = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        // A thread that fails breaks the barrier, so that the others do not wait for it forever.
        CyclicBarrier allocationsDone = new CyclicBarrier(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    List<long[]> mine = work(heap, id, operations, inboxes, crossFrees);
                    allocationsDone.await();
                    freeTwice(heap, mine, refused);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    allocationsDone.reset();
                }
            }, "user-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<long[]> handedOver = new ArrayList<>();
        for (ConcurrentLinkedQueue<long[]> inbox : inboxes) {
            handedOver.addAll(inbox);
        }
        if (failure.get() == null) {
            freeTwice(heap, handedOver, refused);
        }
        AtomicLong walkedUsed = new AtomicLong();
        heap.forEachBlock((start, size, used) -> walkedUsed.addAndGet(used ? size : 0));
        AtomicLong walkedTotal = new AtomicLong();
        heap.forEachBlock((start, size, used) -> walkedTotal.addAndGet(size));
        AllocatorStats stats = heap.stats();
        System.out.println("threads: " + THREADS + " x " + operations + " operations");
        System.out.println("cross-thread frees: " + crossFrees.get());
        System.out.println("double frees refused: " + refused.get());
        System.out.println("used after: " + heap.usedBytes() + ", live blocks " + stats.liveBlocks() + ", walked used "
                + walkedUsed.get() + " of " + walkedTotal.get());
        System.out.println("largest free: " + stats.largestFree() + " of " + stats.total());
        System.out.println("caches: " + heap.cacheStats());
        if (failure.get() != null) {
            System.out.println("failure: " + failure.get());
            failure.get().printStackTrace(System.out);
            System.exit(1);
        }
        boolean empty = heap.usedBytes() == 0 && stats.liveBlocks() == 0 && walkedUsed.get() == 0
                && walkedTotal.get() == stats.total();
        System.out.println("result: " + (empty ? "ok" : "not empty"));
        System.exit(empty ? 0 : 1);
    }

    /** Frees each block, then frees it again: the second free must be NOT_ALLOCATED. */
    private static void freeTwice(ConcurrentByteAllocator heap, List<long[]> blocks, AtomicLong refused) {
        for (long[] block : blocks) {
            heap.dealloc(block[0], block[1], block[2]);
            try {
                heap.dealloc(block[0], block[1], block[2]);
                throw new IllegalStateException("a double free of " + block[0] + " was accepted");
            } catch (AllocException e) {
                if (e.error() != AllocError.NOT_ALLOCATED) {
                    throw e;
                }
                refused.incrementAndGet();
            }
        }
    }

    /** Random allocations, frees and hand-overs; returns the blocks the thread still holds. */
    private static List<long[]> work(ConcurrentByteAllocator heap, int id, int operations,
                                     List<ConcurrentLinkedQueue<long[]>> inboxes, AtomicLong crossFrees) {
        SplittableRandom random = new SplittableRandom(id * 7919L + 1);
        List<long[]> mine = new ArrayList<>();
        ConcurrentLinkedQueue<long[]> next = inboxes.get((id + 1) % inboxes.size());
        for (int op = 0; op < operations; op++) {
            int choice = random.nextInt(10);
            if (choice < 5 || mine.isEmpty()) {
                long size = 1 + random.nextInt(random.nextInt(20) == 0 ? 100_000 : 600);
                long align = 1L << random.nextInt(7);
                mine.add(new long[] {heap.alloc(size, align), size, align});
            } else if (choice < 7) {
                long[] block = mine.remove(mine.size() - 1);
                heap.dealloc(block[0], block[1], block[2]);
            } else if (choice < 9) {
                next.add(mine.remove(random.nextInt(mine.size())));
            } else {
                long[] block = inboxes.get(id).poll();
                if (block != null) {
                    heap.dealloc(block[0], block[1], block[2]);
                    crossFrees.incrementAndGet();
                }
            }
        }
        return mine;
    }
}
