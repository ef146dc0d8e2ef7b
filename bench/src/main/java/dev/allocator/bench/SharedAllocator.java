package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.concurrent.ConcurrentByteAllocator;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * One thread-safe allocator that the threads of a concurrent benchmark share, by name:
 * <ul>
 *   <li>{@code concurrent-tlsf}, {@code concurrent-buddy}, {@code concurrent-slab}: a
 *       {@link ConcurrentByteAllocator} over that algorithm, default options, over an abstract range of
 *       {@link #POOL_BYTES};</li>
 *   <li>{@code isolated-tlsf} (and {@code -buddy}, {@code -slab}): a control, not a peer: each thread gets a
 *       {@code ConcurrentByteAllocator} of its own, so the threads run the same code and share nothing. Its
 *       T2/T1 ratio is what the machine allows; the shared allocator's ratio below it would be the cost of
 *       sharing. Not for {@link ConcurrentHandoff} (a handoff needs one allocator);</li>
 *   <li>{@code synchronized-tlsf} (and {@code -buddy}, {@code -slab}): the algorithm behind
 *       {@link Allocators#synchronizedByteAllocator}, one monitor;</li>
 *   <li>{@code netty-pooled}, {@code netty-adaptive}: Netty 4.2's allocators, direct buffers, with their
 *       per-thread caches used by JMH's (non-Netty) threads, as {@link Subjects#peer} builds them.</li>
 * </ul>
 * Each thread works through a view of its own ({@link #threadView}): a {@link Subject} whose slots are that
 * thread's, over the shared allocator.
 */
abstract class SharedAllocator {
    /** Bytes our allocators manage: room for 8 threads' churn live sets (2,000 blocks up to 64 KiB each). */
    static final long POOL_BYTES = 4L << 30;

    /** The names the benchmarks' {@code subject} parameters take. */
    static final String NAMES = "concurrent-tlsf, concurrent-buddy, concurrent-slab, synchronized-tlsf, "
            + "synchronized-buddy, synchronized-slab, netty-pooled, netty-adaptive, isolated-tlsf, isolated-buddy, "
            + "isolated-slab";

    final String name;

    private SharedAllocator(String name) {
        this.name = name;
    }

    /** A view for one thread, with {@code slots} slots of its own. */
    abstract Subject threadView(int slots);

    /** A single-producer single-consumer pipe of blocks of {@code size} bytes over this allocator. */
    abstract Handoff handoff(int size);

    static SharedAllocator of(String name) {
        if (name.startsWith("concurrent-")) {
            ConcurrentByteAllocator allocator = ConcurrentByteAllocator.of(name.substring("concurrent-".length()));
            allocator.init(0, POOL_BYTES);
            return ours(name, allocator);
        }
        if (name.startsWith("isolated-")) {
            return isolated(name, name.substring("isolated-".length()));
        }
        if (name.startsWith("synchronized-")) {
            ByteAllocator allocator = Allocators.synchronizedByteAllocator(
                    Allocators.byteAllocator(name.substring("synchronized-".length())));
            allocator.init(0, POOL_BYTES);
            return ours(name, allocator);
        }
        switch (name) {
            case "netty-pooled":
                return netty(name, new PooledByteBufAllocator(true, PooledByteBufAllocator.defaultNumHeapArena(),
                        PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(),
                        PooledByteBufAllocator.defaultMaxOrder(), PooledByteBufAllocator.defaultSmallCacheSize(),
                        PooledByteBufAllocator.defaultNormalCacheSize(), true));
            case "netty-adaptive":
                return netty(name, new AdaptiveByteBufAllocator(true, true));
            default:
                throw new IllegalArgumentException("unknown shared allocator '" + name + "': " + NAMES);
        }
    }

    private static SharedAllocator ours(String name, ByteAllocator allocator) {
        return new SharedAllocator(name) {
            @Override
            Subject threadView(int slots) {
                return new SharedView(name, allocator, slots);
            }

            @Override
            Handoff handoff(int size) {
                return new Handoff.Addresses(allocator, size);
            }
        };
    }

    private static SharedAllocator isolated(String name, String algorithm) {
        return new SharedAllocator(name) {
            @Override
            Subject threadView(int slots) {
                ConcurrentByteAllocator own = ConcurrentByteAllocator.of(algorithm);
                own.init(0, POOL_BYTES);
                return new SharedView(name, own, slots);
            }

            @Override
            Handoff handoff(int size) {
                throw new IllegalArgumentException(name + " gives each thread an allocator of its own: no handoff");
            }
        };
    }

    private static SharedAllocator netty(String name, ByteBufAllocator allocator) {
        return new SharedAllocator(name) {
            @Override
            Subject threadView(int slots) {
                return new NettySubject(name, allocator, slots);
            }

            @Override
            Handoff handoff(int size) {
                return new Handoff.Buffers(allocator, size);
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
