package dev.allocator.buddy.internal;

import java.util.Arrays;

/**
 * A fixed number of doubly linked lists of {@code int} ids (at most 64 lists), used as stacks: push and pop at the
 * head, and removal of any id from the middle in O(1). Links live in one {@code int[]} (next at {@code 2 id}, previous
 * at {@code 2 id + 1}, one cache line per id), so an id can be in at most one list at a time; a bit mask tells which
 * lists are non-empty.
 *
 * <p>The buddy allocator keeps one list of free blocks per order, the slab allocator one list of chunks with free
 * slots per size class. Not thread safe.
 *
 * <pre>
 *   head[2] -&gt; 7 &lt;-&gt; 3 &lt;-&gt; 12 -&gt; NONE      next[7] = 3, prev[3] = 7, prev[7] = NONE
 *   head[5] -&gt; 4 -&gt; NONE                   nonEmpty = 0b100100
 * </pre>
 */
public final class LinkedStacks {
    /** The end of a list, and what {@link #pop(int)} and {@link #head(int)} return for an empty list. */
    public static final int NONE = -1;

    private final int[] heads;
    private int[] links = new int[32];
    private long nonEmpty;
    private int size;

    /**
     * Creates empty lists.
     *
     * @param lists how many lists, 1 to 64
     */
    public LinkedStacks(int lists) {
        if (lists < 1 || lists > 64) {
            throw new IllegalArgumentException("lists " + lists + " not in [1, 64]");
        }
        heads = new int[lists];
        Arrays.fill(heads, NONE);
    }

    /**
     * Pushes an id onto a list. The id must not be in any list.
     *
     * @param list which list
     * @param id   an id {@code >= 0}
     */
    public void push(int list, int id) {
        if (2 * id + 1 >= links.length) {
            links = Arrays.copyOf(links, Math.max(2 * id + 2, links.length << 1));
        }
        int oldHead = heads[list];
        links[2 * id] = oldHead;
        links[2 * id + 1] = NONE;
        if (oldHead != NONE) {
            links[2 * oldHead + 1] = id;
        }
        heads[list] = id;
        nonEmpty |= 1L << list;
        size++;
    }

    /**
     * Removes and returns a list's head.
     *
     * @param list which list
     * @return the id, or {@link #NONE} if the list is empty
     */
    public int pop(int list) {
        int id = heads[list];
        if (id != NONE) {
            remove(list, id);
        }
        return id;
    }

    /**
     * Removes an id from the list it is in.
     *
     * @param list the list holding {@code id}
     * @param id   the id
     */
    public void remove(int list, int id) {
        int after = links[2 * id];
        int before = links[2 * id + 1];
        if (before == NONE) {
            heads[list] = after;
            if (after == NONE) {
                nonEmpty &= ~(1L << list);
            }
        } else {
            links[2 * before] = after;
        }
        if (after != NONE) {
            links[2 * after + 1] = before;
        }
        size--;
    }

    /**
     * Returns a list's head without removing it.
     *
     * @param list which list
     * @return the id, or {@link #NONE}
     */
    public int head(int list) {
        return heads[list];
    }

    /**
     * Returns the id after another in its list.
     *
     * @param id an id in a list
     * @return the next id, or {@link #NONE}
     */
    public int next(int id) {
        return links[2 * id];
    }

    /**
     * Finds the first non-empty list at or above a given one.
     *
     * @param list the lowest list to consider, {@code >= 0}
     * @return the list, or {@link #NONE} if all from {@code list} on are empty
     */
    public int firstNonEmptyFrom(int list) {
        if (list >= 64) {
            return NONE;
        }
        long candidates = nonEmpty & (-1L << list);
        return candidates == 0 ? NONE : Long.numberOfTrailingZeros(candidates);
    }

    /**
     * Returns the highest non-empty list.
     *
     * @return the list, or {@link #NONE} if all are empty
     */
    public int lastNonEmpty() {
        return nonEmpty == 0 ? NONE : 63 - Long.numberOfLeadingZeros(nonEmpty);
    }

    /**
     * Returns the number of ids in all lists.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /** Empties every list; O(lists). */
    public void clear() {
        Arrays.fill(heads, NONE);
        nonEmpty = 0;
        size = 0;
    }
}
