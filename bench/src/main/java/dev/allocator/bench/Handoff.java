package dev.allocator.bench;

import dev.allocator.api.ByteAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jmh.infra.Control;

/**
 * The producer/consumer workload's pipe: one thread allocates blocks of one size and puts them in, another takes
 * them out and frees them. A bounded single-producer single-consumer ring (Lamport's, with a release store of each
 * index), allocation-free: addresses in a {@code long[]} for ours, {@code ByteBuf}s in an array for Netty. A full
 * (or empty) ring makes its side spin, then yield, until the other side moves or the iteration ends.
 */
abstract class Handoff {
    static final int CAPACITY = 1024;
    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
    /** Padded indices: [8] is the producer's, [16] the consumer's, on lines of their own. */
    private final long[] indices = new long[24];
    final int size;

    Handoff(int size) {
        this.size = size;
    }

    /** Allocates one block and hands it over; false if the iteration ended while the ring was full. */
    final boolean produce(Control control) {
        long tail = (long) INDEX.getOpaque(indices, 8);
        for (int spins = 0; tail - (long) INDEX.getAcquire(indices, 16) == CAPACITY; spins++) {
            if (control.stopMeasurement) {
                return false;
            }
            waitFor(spins);
        }
        put((int) (tail & (CAPACITY - 1)));
        INDEX.setRelease(indices, 8, tail + 1);
        return true;
    }

    /** Takes one block and frees it; false if the iteration ended while the ring was empty. */
    final boolean consume(Control control) {
        long head = (long) INDEX.getOpaque(indices, 16);
        for (int spins = 0; (long) INDEX.getAcquire(indices, 8) == head; spins++) {
            if (control.stopMeasurement) {
                return false;
            }
            waitFor(spins);
        }
        take((int) (head & (CAPACITY - 1)));
        INDEX.setRelease(indices, 16, head + 1);
        return true;
    }

    /**
     * Spins a little, then yields: on a machine with fewer free cores than threads, a side that only spun would
     * burn its time slice while the other side waits for the processor (a run at load 3 measured every subject at
     * 1,024 blocks per 4 ms slice).
     */
    private static void waitFor(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** Frees whatever is left in the ring; no thread may be producing or consuming. */
    final void drain() {
        for (long head = indices[16]; head != indices[8]; head++) {
            take((int) (head & (CAPACITY - 1)));
        }
        indices[16] = indices[8];
    }

    /** Allocates a block into ring slot {@code at}. */
    abstract void put(int at);

    /** Frees the block in ring slot {@code at}. */
    abstract void take(int at);

    /** Ours: addresses. */
    static final class Addresses extends Handoff {
        private final ByteAllocator allocator;
        private final long[] ring = new long[CAPACITY];

        Addresses(ByteAllocator allocator, int size) {
            super(size);
            this.allocator = allocator;
        }

        @Override
        void put(int at) {
            ring[at] = allocator.alloc(size, Subject.DEFAULT_ALIGN);
        }

        @Override
        void take(int at) {
            allocator.dealloc(ring[at], size, Subject.DEFAULT_ALIGN);
        }
    }

    /** Netty: direct buffers, released by the consumer. */
    static final class Buffers extends Handoff {
        private final ByteBufAllocator allocator;
        private final ByteBuf[] ring = new ByteBuf[CAPACITY];

        Buffers(ByteBufAllocator allocator, int size) {
            super(size);
            this.allocator = allocator;
        }

        @Override
        void put(int at) {
            ring[at] = allocator.directBuffer(size);
        }

        @Override
        void take(int at) {
            ring[at].release();
            ring[at] = null;
        }
    }
}
