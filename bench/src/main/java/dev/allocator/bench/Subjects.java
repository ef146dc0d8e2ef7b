package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/** Creates the subjects by the names the benchmarks' {@code @Param}s use. */
public final class Subjects {
    /**
     * Bytes our allocators manage (and the size of the direct buffer behind {@link ByteBufferSlices}): room for the
     * churn live set (10,000 blocks up to 64 KiB) and the 407 MB peak of the mixed_align trace, with rounding.
     */
    public static final int POOL_BYTES = 1 << 30;

    private Subjects() {
    }

    /** One of our byte allocators, found by name through {@link Allocators}, over {@code [0, POOL_BYTES)}. */
    public static Subject ours(String allocator, int slots) {
        Discovery.requireByteAllocator(allocator);
        ByteAllocator byteAllocator = Allocators.byteAllocator(allocator);
        byteAllocator.init(0, POOL_BYTES);
        return new OurSubject(allocator, byteAllocator, slots);
    }

    /** One of our byte allocators wrapped in {@link ByteBufferSlices} over a direct buffer of POOL_BYTES. */
    public static Subject sliced(String allocator, int slots) {
        Discovery.requireByteAllocator(allocator);
        return new SlicedSubject(allocator + "+ByteBuffer",
                new ByteBufferSlices(Allocators.byteAllocator(allocator), POOL_BYTES), slots);
    }

    /**
     * A peer: {@code netty-pooled} / {@code netty-adaptive} with their thread-local caches used by this (non-Netty)
     * thread, {@code netty-pooled-nocache} / {@code netty-adaptive-nocache} without, or {@code malloc}.
     */
    public static Subject peer(String peer, int slots) {
        switch (peer) {
            case "netty-pooled":
                return new NettySubject(peer, pooled(true), slots);
            case "netty-pooled-nocache":
                return new NettySubject(peer, pooled(false), slots);
            case "netty-adaptive":
                return new NettySubject(peer, new AdaptiveByteBufAllocator(true, true), slots);
            case "netty-adaptive-nocache":
                return new NettySubject(peer, new AdaptiveByteBufAllocator(true, false), slots);
            case "malloc":
                return new MallocSubject(slots);
            default:
                throw new IllegalArgumentException("unknown peer '" + peer + "': netty-pooled, netty-pooled-nocache,"
                        + " netty-adaptive, netty-adaptive-nocache, malloc");
        }
    }

    /**
     * Netty's pooled allocator with its defaults; {@code useCacheForAllThreads} decides whether a thread that is not
     * a {@code FastThreadLocalThread} (a JMH thread) gets the per-thread cache.
     */
    private static PooledByteBufAllocator pooled(boolean useCacheForAllThreads) {
        return new PooledByteBufAllocator(true, PooledByteBufAllocator.defaultNumHeapArena(),
                PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(),
                PooledByteBufAllocator.defaultMaxOrder(), PooledByteBufAllocator.defaultSmallCacheSize(),
                PooledByteBufAllocator.defaultNormalCacheSize(), useCacheForAllThreads);
    }
}
