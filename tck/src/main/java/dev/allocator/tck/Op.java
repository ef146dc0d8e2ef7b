package dev.allocator.tck;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded call of a random sequence. Blocks are named by the {@code id} of the call that allocated them,
 * not by address, so that a sequence still means the same after the shrinker drops calls from it.
 *
 * @param type what is called
 * @param id   the block this call allocates or refers to (-1 if none)
 * @param a    first argument (see {@link Type})
 * @param b    second argument
 * @param c    third argument
 */
record Op(Type type, int id, long a, long b, long c) {
    /** The calls, with the meaning of {@code a}, {@code b}, {@code c}. */
    enum Type {
        /** {@code init(a, b)}: start, size in addresses. */
        INIT,
        /** {@code addMemory(a, b)}. */
        ADD_MEMORY,
        /** {@code alloc(a, b)}: size in units, alignment; the result is block {@code id}. */
        ALLOC,
        /** {@code tryAlloc(a, b)} (byte allocators). */
        TRY_ALLOC,
        /** {@code allocPagesAt(a, b, c)} / {@code allocFixedId(a)}: base, size, alignment. */
        ALLOC_AT,
        /** Frees block {@code id} with the size and alignment it has. */
        FREE,
        /** Frees block {@code id} claiming size {@code a}. */
        FREE_SIZE,
        /** Frees the address {@code a} bytes after block {@code id}'s start, with the block's size. */
        FREE_OFFSET,
        /** Frees the address {@code a} with size {@code b} and alignment {@code c}. */
        FREE_AT,
        /** {@code tryResize} of block {@code id} to {@code a} units. */
        RESIZE,
        /** {@code reset()}. */
        RESET
    }

    static Op init(long start, long size) {
        return new Op(Type.INIT, -1, start, size, 0);
    }

    static Op addMemory(long start, long size) {
        return new Op(Type.ADD_MEMORY, -1, start, size, 0);
    }

    static Op alloc(int id, long size, long align) {
        return new Op(Type.ALLOC, id, size, align, 0);
    }

    static Op tryAlloc(int id, long size, long align) {
        return new Op(Type.TRY_ALLOC, id, size, align, 0);
    }

    static Op allocAt(int id, long base, long size, long align) {
        return new Op(Type.ALLOC_AT, id, base, size, align);
    }

    static Op free(int id) {
        return new Op(Type.FREE, id, 0, 0, 0);
    }

    static Op freeSize(int id, long size) {
        return new Op(Type.FREE_SIZE, id, size, 0, 0);
    }

    static Op freeOffset(int id, long offset) {
        return new Op(Type.FREE_OFFSET, id, offset, 0, 0);
    }

    static Op freeAt(long pos, long size, long align) {
        return new Op(Type.FREE_AT, -1, pos, size, align);
    }

    static Op resize(int id, long newSize) {
        return new Op(Type.RESIZE, id, newSize, 0, 0);
    }

    static Op reset() {
        return new Op(Type.RESET, -1, 0, 0, 0);
    }

    /** Whether this call allocates a new block named {@code id}. */
    boolean allocates() {
        return type == Type.ALLOC || type == Type.TRY_ALLOC || type == Type.ALLOC_AT;
    }

    /** Whether this call refers to an existing block {@code id}. */
    boolean refersToBlock() {
        return type == Type.FREE || type == Type.FREE_SIZE || type == Type.FREE_OFFSET || type == Type.RESIZE;
    }

    /**
     * Simpler versions of this call for the shrinker, simplest first: sizes halved, alignments halved, regions
     * moved to address 0 or halved (in whole units).
     */
    List<Op> simpler(long unit, long minSize) {
        List<Op> candidates = new ArrayList<>();
        switch (type) {
            case ALLOC:
            case TRY_ALLOC:
                if (a > minSize && a < Long.MAX_VALUE / 4) {
                    candidates.add(new Op(type, id, Math.max(minSize, a / 2), b, c));
                }
                if (b > unit && Long.bitCount(b) == 1) {
                    candidates.add(new Op(type, id, a, b / 2, c));
                }
                break;
            case RESIZE:
                if (a > minSize) {
                    candidates.add(new Op(type, id, Math.max(minSize, a / 2), b, c));
                }
                break;
            case ALLOC_AT:
                if (b > Math.max(1, minSize)) {
                    candidates.add(new Op(type, id, a, b / 2, c));
                }
                break;
            case INIT:
            case ADD_MEMORY:
                if (a > 0) {
                    candidates.add(new Op(type, id, 0, b, c));
                    candidates.add(new Op(type, id, a / 2 - a / 2 % unit, b, c));
                }
                if (b >= 2 * unit) {
                    candidates.add(new Op(type, id, a, b / 2 - b / 2 % unit, c));
                }
                break;
            default:
                break;
        }
        return candidates;
    }

    /** A long as a Java literal. */
    static String lit(long value) {
        if (value == Long.MAX_VALUE) {
            return "Long.MAX_VALUE";
        }
        if (value == Long.MIN_VALUE) {
            return "Long.MIN_VALUE";
        }
        if (value > Long.MAX_VALUE - (1L << 32)) {
            return "Long.MAX_VALUE - " + (Long.MAX_VALUE - value) + "L";
        }
        if (value >= 1024 && Long.bitCount(value) == 1) {
            return "(1L << " + Long.numberOfTrailingZeros(value) + ")";
        }
        return value + "L";
    }
}
