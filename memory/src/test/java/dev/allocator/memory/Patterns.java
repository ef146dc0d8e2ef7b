package dev.allocator.memory;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fills a block with bytes derived from an id, and checks them later: if two live blocks overlapped, the later
 * fill corrupts the earlier block's pattern and {@link #verify} fails.
 */
final class Patterns {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private Patterns() {
    }

    static void fill(MemorySegment block, long id) {
        long size = block.byteSize();
        long words = size / Long.BYTES;
        for (long i = 0; i < words; i++) {
            block.set(WORD, i * Long.BYTES, word(id, i));
        }
        long tail = word(id, words);
        for (long offset = words * Long.BYTES; offset < size; offset++) {
            block.set(ValueLayout.JAVA_BYTE, offset, (byte) (tail >>> (8 * (offset % Long.BYTES))));
        }
    }

    static void verify(MemorySegment block, long id) {
        long size = block.byteSize();
        long words = size / Long.BYTES;
        for (long i = 0; i < words; i++) {
            long found = block.get(WORD, i * Long.BYTES);
            if (found != word(id, i)) {
                fail("block " + id + " at address " + block.address() + " (" + size + " bytes) corrupted at byte "
                        + i * Long.BYTES + ": " + Long.toHexString(found) + " instead of "
                        + Long.toHexString(word(id, i)));
            }
        }
        long tail = word(id, words);
        for (long offset = words * Long.BYTES; offset < size; offset++) {
            if (block.get(ValueLayout.JAVA_BYTE, offset) != (byte) (tail >>> (8 * (offset % Long.BYTES)))) {
                fail("block " + id + " at address " + block.address() + " corrupted at byte " + offset);
            }
        }
    }

    /** A word that differs for every (id, index): a SplitMix64 finaliser of the pair. */
    static long word(long id, long index) {
        long z = id * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
