package dev.allocator.buddy.internal;

import java.util.Arrays;

/**
 * Hands out dense {@code int} ids, reusing released ones first (LIFO), so arrays indexed by id grow with the most
 * ids ever held at once. Not thread safe.
 */
public final class IdPool {
    private int[] released = new int[16];
    private int releasedCount;
    private int highWater;

    /** Creates a pool whose first id is 0. */
    public IdPool() {
    }

    /**
     * Takes an id: the last released one, or a new one above every id handed out so far.
     *
     * @return the id, {@code >= 0}
     */
    public int take() {
        if (releasedCount > 0) {
            return released[--releasedCount];
        }
        return highWater++;
    }

    /**
     * Gives an id back. It must be held (taken and not yet released).
     *
     * @param id the id
     */
    public void release(int id) {
        if (releasedCount == released.length) {
            released = Arrays.copyOf(released, releasedCount << 1);
        }
        released[releasedCount++] = id;
    }

    /**
     * Returns one above the highest id ever taken: arrays indexed by id need this length.
     *
     * @return the bound
     */
    public int bound() {
        return highWater;
    }

    /** Releases every id: the next {@link #take()} returns 0 again. */
    public void clear() {
        releasedCount = 0;
        highWater = 0;
    }
}
