package dev.allocator.concurrent;

import dev.allocator.api.AllocException;
import dev.allocator.api.spi.AllocatorOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of the concurrent layer, checked once: how many arenas, the chunk size, the thread caches' budget.
 * The options given to {@link ConcurrentByteAllocator#of(String, AllocatorOptions)} may also hold the algorithm's
 * own keys (e.g. tlsf's {@code sl-bits}); those are passed through to every instance of the algorithm.
 *
 * @param arenas        number of arenas, 1 to {@link #MAX_ARENAS}
 * @param chunkSize     bytes per chunk, a power of two, or 0 to choose from the first region
 * @param cacheBytes    bytes one thread's cache may hold; 0 turns the thread caches off
 * @param cacheMaxBlock the largest block (usable size) a thread cache keeps
 * @param algorithm     the options for the algorithm, only keys it takes
 */
record Settings(int arenas, long chunkSize, long cacheBytes, long cacheMaxBlock, AllocatorOptions algorithm) {
    static final String ARENAS = "arenas";
    static final String CHUNK_SIZE = "chunk-size";
    static final String CACHE_BYTES = "cache-bytes";
    static final String CACHE_MAX_BLOCK = "cache-max-block";
    static final String AUTO = "auto";

    static final int MAX_ARENAS = 1024;
    static final long MIN_CHUNK = 64;
    static final long MAX_CHUNK = 1L << 30;
    /** Chunk size chosen for the first region of {@code size} bytes: size / 64, between these two. */
    static final long AUTO_CHUNK_MIN = 4L << 10;
    static final long AUTO_CHUNK_MAX = 4L << 20;

    /** The concurrent layer's keys with their defaults. */
    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(ARENAS, Integer.toString(Math.min(MAX_ARENAS, 2 * Runtime.getRuntime().availableProcessors())));
        defaults.put(CHUNK_SIZE, AUTO);
        defaults.put(CACHE_BYTES, "256KiB");
        defaults.put(CACHE_MAX_BLOCK, "32KiB");
        return defaults;
    }

    /**
     * Splits and checks the options.
     *
     * @param options            what the user gave
     * @param algorithmName      the algorithm's name, for messages
     * @param algorithmDefaults  the keys the algorithm takes
     * @throws AllocException INVALID_PARAM for a key neither layer takes (listing both) or a bad value
     */
    static Settings parse(AllocatorOptions options, String algorithmName, Map<String, String> algorithmDefaults) {
        Map<String, String> every = new TreeMap<>(algorithmDefaults);
        every.putAll(defaults());
        AllocatorOptions mine = options.withDefaults(every, "concurrent(" + algorithmName + ")");
        Map<String, String> algorithm = new TreeMap<>();
        for (String key : algorithmDefaults.keySet()) {
            if (options.contains(key) && !defaults().containsKey(key)) {
                algorithm.put(key, options.get(key));
            }
        }
        int arenas = mine.getInt(ARENAS);
        if (arenas < 1 || arenas > MAX_ARENAS) {
            throw AllocException.invalidParam("option arenas=" + arenas + " is not in [1, " + MAX_ARENAS + "]");
        }
        long chunkSize = 0;
        if (!mine.get(CHUNK_SIZE).trim().equalsIgnoreCase(AUTO)) {
            chunkSize = mine.getSize(CHUNK_SIZE);
            if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK || Long.bitCount(chunkSize) != 1) {
                throw AllocException.invalidParam("option chunk-size=" + mine.get(CHUNK_SIZE) + " (" + chunkSize
                        + " bytes) is not a power of two in [" + MIN_CHUNK + ", " + MAX_CHUNK + "] nor 'auto'");
            }
        }
        long cacheBytes = mine.getSize(CACHE_BYTES);
        long cacheMaxBlock = mine.getSize(CACHE_MAX_BLOCK);
        if (cacheMaxBlock < 1 || cacheMaxBlock > MAX_CHUNK) {
            throw AllocException.invalidParam("option cache-max-block=" + mine.get(CACHE_MAX_BLOCK)
                    + " is not in [1, " + MAX_CHUNK + "] bytes");
        }
        return new Settings(arenas, chunkSize, cacheBytes, cacheMaxBlock, AllocatorOptions.of(algorithm));
    }

    /** The chunk size for a first region of {@code regionSize} bytes. */
    long chunkSizeFor(long regionSize) {
        if (chunkSize != 0) {
            return chunkSize;
        }
        long wanted = Long.highestOneBit(Math.max(1, regionSize / 64));
        return Math.max(AUTO_CHUNK_MIN, Math.min(AUTO_CHUNK_MAX, wanted));
    }
}
