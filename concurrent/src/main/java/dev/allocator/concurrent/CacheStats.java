package dev.allocator.concurrent;

/**
 * What the thread caches of a {@link ConcurrentByteAllocator} hold, and how its memory is split, at one moment:
 * {@link ConcurrentByteAllocator#cacheStats()}. Cached blocks are free for the allocator's users (they count in
 * {@code availableBytes()}), but still allocated in their chunk's algorithm until a cache gives them back.
 *
 * @param cachedBlocks blocks in thread caches
 * @param cachedBytes  their bytes (usable sizes)
 * @param threads      threads that have a cache (a thread that ended counts until its cache is swept)
 * @param arenas       arenas
 * @param chunks       chunks the arenas hold
 * @param chunkSize    bytes per chunk (0 before the first region)
 */
public record CacheStats(long cachedBlocks, long cachedBytes, int threads, int arenas, int chunks, long chunkSize) {
}
