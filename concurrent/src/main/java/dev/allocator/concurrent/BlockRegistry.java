package dev.allocator.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/*
 * The state of every block a chunk's algorithm has handed out, readable and switchable by any thread without the
 * arena's lock.
 *
 *   Table (open addressing on the block's offset in its chunk, linear probing)
 *     slot   keys[slot]   words[slot]: | usable (32 bits) | stamp (29 bits) | frozen (1) | state (2) |
 *     [0]    -1 (EMPTY)
 *     [1]    4096         | 256 | 17 | 0 | LIVE   |      a block its user holds
 *     [2]    512          | 256 | 9  | 0 | CACHED |      in some thread's cache: free for the user, live for the chunk
 *     [3]    8192         | 64  | 4  | 0 | DEAD   |      a tombstone: probes go past it, inserts reuse it
 *
 *   state machine of one block (arrows marked * are compare-and-sets by any thread, the others run under the
 *   arena's lock)
 *     (insert) -> LIVE  <-*->  CACHED        LIVE -*-> CACHED: free into a thread cache (a second free finds CACHED)
 *                  |             |           CACHED -*-> LIVE: a thread cache hands the block out again
 *                  *             *           LIVE or CACHED -*-> BUSY: claimed by one thread, to give back to the
 *                  v             v                                     chunk's algorithm or to resize
 *                 BUSY ---------> DEAD (delete, then the algorithm's dealloc)
 *
 * Concurrency
 *   - Slots are assigned (insert), cleared (delete) and the table rebuilt only under the owning arena's lock;
 *     states change by compare-and-set from any thread. Exactly one of two racing frees of a block wins its CAS,
 *     so a double free is found even when the first free went into a cache, and in O(1).
 *   - A reader finds its slot by key, then reads the word (acquire), then checks the key again: an insert writes
 *     the key before it publishes the word (release), so a word read with the right key belongs to that key.
 *   - The stamp (a counter bumped by every insert) makes a reused slot's word differ from its old one, so a
 *     compare-and-set that read the old occupant's word fails (no ABA), as long as a reader is not stalled across
 *     2^29 inserts into one slot.
 *   - A rebuild (grow, or clear the tombstones) first sets the frozen bit on every word by CAS, then copies, then
 *     publishes the new table. A CAS racing with it fails on the frozen bit; the caller then retries under the
 *     arena's lock, when the rebuild is over. Retiring a chunk freezes its table and publishes an empty one.
 *   - Two tables of one capacity take turns (the table never shrinks), so clearing tombstones allocates nothing:
 *     the rebuild bumps the old table's generation, clears it and copies into it. A reader that answers anything
 *     but a successful CAS checks afterwards that the table and its generation did not change (else it looks
 *     again); a CAS that succeeds on a reused table hit a word copied with its stamp, so it is the block's
 *     current word: the transition is as valid there as in the table it read first.
 */

/**
 * The live and cached blocks of one chunk, keyed by their offset in it: a lock-free state per block on top of a
 * table changed only under the owning arena's lock. See the comment at the top of the file.
 */
final class BlockRegistry {
    /** A tombstone, or a slot never used. */
    static final int DEAD = 0;
    /** Held by its user. */
    static final int LIVE = 1;
    /** Free for the user, in a thread cache; still allocated in the chunk's algorithm. */
    static final int CACHED = 2;
    /** Claimed by one thread, which gives it back to the algorithm or resizes it. */
    static final int BUSY = 3;

    /** {@link #transition}: done. */
    static final int DONE = 0;
    /** {@link #transition}: no block at that offset, or not in the state asked for (never allocated, freed). */
    static final int ABSENT = 1;
    /** {@link #transition}: the block is there but takes another number of bytes. */
    static final int WRONG_SIZE = 2;
    /** {@link #transition}: the block is in a thread cache (freed already). */
    static final int IN_CACHE = 3;
    /** {@link #transition}: the table is being rebuilt or was retired; retry under the arena's lock. */
    static final int FROZEN_TABLE = 4;

    static final int EMPTY_KEY = -1;

    private static final long STATE_MASK = 3L;
    private static final long FROZEN = 4L;
    private static final int STAMP_SHIFT = 3;
    private static final long STAMP_MASK = (1L << 29) - 1;
    private static final int USABLE_SHIFT = 32;
    private static final int MIN_CAPACITY = 16;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final Table RETIRED = new Table(2);

    /** The table; replaced whole by a rebuild (two of one capacity take turns, so a rebuild allocates nothing). */
    private static final class Table {
        final int[] keys;
        final long[] words;
        final int mask;
        final int shift;
        /** Bumped before the table is cleared for reuse: a reader that saw another value retries. */
        volatile int generation;

        Table(int capacity) {
            keys = new int[capacity];
            Arrays.fill(keys, EMPTY_KEY);
            words = new long[capacity];
            mask = capacity - 1;
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        int home(int key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        }

        /** The slot whose key is {@code key}, or -1. */
        int slotOf(int key) {
            for (int slot = home(key), probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
                int found = keys[slot];
                if (found == key) {
                    return slot;
                }
                if (found == EMPTY_KEY) {
                    return -1;
                }
            }
            return -1;
        }
    }

    private volatile Table table = new Table(MIN_CAPACITY);
    /** The table before the last rebuild, frozen, reused by the next rebuild of the same capacity. */
    private Table spare;
    /** Slots whose key is not EMPTY (live, cached, busy or tombstones); under the arena's lock. */
    private int occupied;
    /** Slots whose state is not DEAD; under the arena's lock. */
    private int entries;
    private int nextStamp;

    static int state(long word) {
        return (int) (word & STATE_MASK);
    }

    static long usable(long word) {
        return word >>> USABLE_SHIFT;
    }

    // ---- lock-free ---------------------------------------------------------------------------------------

    /**
     * Switches the block at {@code key} from state {@code from} to state {@code to}, if it takes {@code usable}
     * bytes. Lock-free; any thread.
     *
     * @return {@link #DONE}, {@link #ABSENT}, {@link #IN_CACHE} (found CACHED where {@code from} is LIVE),
     *         {@link #WRONG_SIZE} or {@link #FROZEN_TABLE}
     */
    int transition(int key, long usable, int from, int to) {
        while (true) {
            Table current = table;
            int generation = current.generation;
            int slot = current.slotOf(key);
            int answer;
            if (slot < 0) {
                answer = current == RETIRED ? FROZEN_TABLE : ABSENT;
            } else {
                long word = (long) WORDS.getAcquire(current.words, slot);
                if (current.keys[slot] != key) {
                    continue; // the slot was given to another block meanwhile: look again
                }
                if ((word & FROZEN) != 0) {
                    return FROZEN_TABLE;
                }
                int state = state(word);
                if (state == from && usable(word) == usable) {
                    if (WORDS.compareAndSet(current.words, slot, word, (word & ~STATE_MASK) | to)) {
                        return DONE; // a CAS that succeeds needs no more checking (the stamp rules out ABA)
                    }
                    continue;
                }
                answer = state != from ? (state == CACHED ? IN_CACHE : ABSENT) : WRONG_SIZE;
            }
            if (table == current && current.generation == generation) {
                return answer; // what was read belongs to one generation of the current table
            }
        }
    }

    /**
     * Tells how many bytes the block at {@code key} takes and in which state it is, without changing it.
     *
     * @return the word ({@link #state(long)}, {@link #usable(long)}), or -1 if no block is there
     */
    long peek(int key) {
        while (true) {
            Table current = table;
            int generation = current.generation;
            int slot = current.slotOf(key);
            long word = slot < 0 ? -1 : (long) WORDS.getAcquire(current.words, slot);
            if (slot >= 0 && current.keys[slot] != key) {
                continue;
            }
            if (table == current && current.generation == generation) {
                return word == -1 ? -1 : word & ~FROZEN;
            }
        }
    }

    // ---- under the arena's lock ------------------------------------------------------------------------

    /**
     * Records a block the chunk's algorithm just handed out. Under the arena's lock.
     *
     * @param key    its offset in the chunk, not live in this registry
     * @param usable the bytes it takes
     * @param state  {@link #LIVE} or {@link #CACHED}
     */
    void insert(int key, long usable, int state) {
        Table current = table;
        if ((occupied + 1) * 4L > (current.mask + 1) * 3L) {
            current = rebuild(Math.max(current.mask + 1, capacityFor(entries + 1)));
        }
        int slot = current.home(key);
        while (current.keys[slot] != EMPTY_KEY && state((long) WORDS.getVolatile(current.words, slot)) != DEAD) {
            slot = (slot + 1) & current.mask;
        }
        if (current.keys[slot] == EMPTY_KEY) {
            occupied++;
        }
        entries++;
        long stamp = (nextStamp++) & STAMP_MASK;
        current.keys[slot] = key;
        WORDS.setRelease(current.words, slot, (usable << USABLE_SHIFT) | (stamp << STAMP_SHIFT) | state);
    }

    /**
     * Sets the state (and size) of a block this thread claimed ({@link #BUSY}). Under the arena's lock.
     *
     * @param key    the block's offset
     * @param usable the bytes it takes now
     * @param state  {@link #LIVE} to hand it back to its user, {@link #DEAD} to forget it
     */
    void settle(int key, long usable, int state) {
        Table current = table;
        int slot = current.slotOf(key);
        if (slot < 0) {
            throw new IllegalStateException("no block at offset " + key);
        }
        long word = (long) WORDS.getVolatile(current.words, slot);
        WORDS.setRelease(current.words, slot,
                (usable << USABLE_SHIFT) | (word & (STAMP_MASK << STAMP_SHIFT)) | state);
        if (state == DEAD) {
            entries--;
        }
    }

    /** Blocks recorded (live, cached or busy). Under the arena's lock. */
    int size() {
        return entries;
    }

    /** Slots to scan with {@link #keyAt} and {@link #claimCachedAt}. Under the arena's lock. */
    int capacity() {
        return table.mask + 1;
    }

    int keyAt(int slot) {
        return table.keys[slot];
    }

    /**
     * Claims the block in {@code slot} if it is cached ({@code CACHED -> BUSY}). Under the arena's lock.
     *
     * @return the bytes it takes, or -1 if the slot holds no cached block (or its owner took it first)
     */
    long claimCachedAt(int slot) {
        Table current = table;
        while (true) {
            long word = (long) WORDS.getVolatile(current.words, slot);
            if (current.keys[slot] == EMPTY_KEY || state(word) != CACHED) {
                return -1;
            }
            if (WORDS.compareAndSet(current.words, slot, word, (word & ~STATE_MASK) | BUSY)) {
                return usable(word);
            }
        }
    }

    /**
     * Reads the word in {@code slot} (to count or show cached blocks). Under the arena's lock.
     *
     * @return the word, or -1 for a slot never used
     */
    long wordAt(int slot) {
        Table current = table;
        return current.keys[slot] == EMPTY_KEY ? -1 : (long) WORDS.getVolatile(current.words, slot);
    }

    /**
     * Freezes the table for good: every later lock-free call answers {@link #FROZEN_TABLE}, and every call under
     * the lock finds nothing. For a chunk given back to the root. Under the arena's lock.
     */
    void retire() {
        freeze(table);
        table = RETIRED;
        spare = null;
        occupied = 0;
        entries = 0;
    }

    private static int capacityFor(int entries) {
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, entries) * 2 - 1) << 1);
    }

    private Table rebuild(int capacity) {
        Table old = table;
        freeze(old);
        Table fresh = spare;
        if (fresh != null && fresh.mask + 1 == capacity) {
            fresh.generation++; // before clearing: a reader still holding it will see its answers are void
            Arrays.fill(fresh.keys, EMPTY_KEY);
            Arrays.fill(fresh.words, 0L);
        } else {
            fresh = new Table(capacity);
        }
        int copied = 0;
        for (int slot = 0; slot <= old.mask; slot++) {
            int key = old.keys[slot];
            long word = (long) WORDS.getVolatile(old.words, slot) & ~FROZEN;
            if (key == EMPTY_KEY || state(word) == DEAD) {
                continue;
            }
            int to = fresh.home(key);
            while (fresh.keys[to] != EMPTY_KEY) {
                to = (to + 1) & fresh.mask;
            }
            fresh.keys[to] = key;
            fresh.words[to] = word;
            copied++;
        }
        occupied = copied;
        entries = copied;
        table = fresh;
        spare = old;
        return fresh;
    }

    private static void freeze(Table table) {
        for (int slot = 0; slot <= table.mask; slot++) {
            while (true) {
                long word = (long) WORDS.getVolatile(table.words, slot);
                if ((word & FROZEN) != 0 || WORDS.compareAndSet(table.words, slot, word, word | FROZEN)) {
                    break;
                }
            }
        }
    }
}
