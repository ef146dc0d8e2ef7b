package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;
import java.util.Arrays;

/**
 * An allocation trace held in primitive arrays, ready to replay without parsing or allocating: operation
 * {@code i} is {@code ops[i]} ({@link #ALLOC} or {@link #FREE}) on block {@code ids[i]} with {@code sizes[i]} and
 * {@code aligns[i]}. A free carries the size and alignment of its allocation, so a replayer passes them straight
 * to {@code dealloc}. For a {@link AllocatorKind#PAGE} trace sizes are page counts and alignments bytes.
 *
 * <p>Block ids are dense from 0 in allocation order, each freed at most once; {@link Builder} checks that.
 */
final class Trace {
    /** Operation code of an allocation. */
    static final byte ALLOC = 0;
    /** Operation code of a free. */
    static final byte FREE = 1;

    private final String name;
    private final AllocatorKind kind;
    private final int opCount;
    private final int blockCount;
    private final byte[] ops;
    private final int[] ids;
    private final long[] sizes;
    private final long[] aligns;
    private final int[] lines;

    private Trace(Builder builder) {
        this.name = builder.name;
        this.kind = builder.kind == null ? AllocatorKind.BYTE : builder.kind;
        this.opCount = builder.opCount;
        this.blockCount = builder.blockCount;
        this.ops = Arrays.copyOf(builder.ops, opCount);
        this.ids = Arrays.copyOf(builder.ids, opCount);
        this.sizes = Arrays.copyOf(builder.sizes, opCount);
        this.aligns = Arrays.copyOf(builder.aligns, opCount);
        this.lines = Arrays.copyOf(builder.lines, opCount);
    }

    String name() {
        return name;
    }

    AllocatorKind kind() {
        return kind;
    }

    int opCount() {
        return opCount;
    }

    int blockCount() {
        return blockCount;
    }

    byte op(int index) {
        return ops[index];
    }

    int id(int index) {
        return ids[index];
    }

    long size(int index) {
        return sizes[index];
    }

    long align(int index) {
        return aligns[index];
    }

    /** The source line of operation {@code index}, or 0 for a generated trace. */
    int line(int index) {
        return lines[index];
    }

    byte[] ops() {
        return ops;
    }

    int[] ids() {
        return ids;
    }

    long[] sizes() {
        return sizes;
    }

    long[] aligns() {
        return aligns;
    }

    /** Collects operations, checking ids and sizes as they come. Not thread safe. */
    static final class Builder {
        private final String name;
        private AllocatorKind kind;
        private int opCount;
        private int blockCount;
        private byte[] ops = new byte[1024];
        private int[] ids = new int[1024];
        private long[] sizes = new long[1024];
        private long[] aligns = new long[1024];
        private int[] lines = new int[1024];
        private long[] blockSizes = new long[1024];
        private long[] blockAligns = new long[1024];
        private boolean[] freed = new boolean[1024];

        Builder(String name) {
            this.name = name;
        }

        /**
         * Adds an allocation of block {@code id}, which must be the next id.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        Builder alloc(AllocatorKind allocKind, int id, long size, long align, int line) {
            if (kind == null) {
                kind = allocKind;
            } else if (kind != allocKind) {
                throw new IllegalArgumentException("a " + allocKind.name().toLowerCase() + " operation in a "
                        + kind.name().toLowerCase() + " trace");
            }
            if (id != blockCount) {
                throw new IllegalArgumentException("block id " + id + " out of order, expected " + blockCount);
            }
            if (size <= 0) {
                throw new IllegalArgumentException("size " + size + " is not positive");
            }
            if (align <= 0 || (align & (align - 1)) != 0) {
                throw new IllegalArgumentException("align " + align + " is not a power of two");
            }
            if (blockCount == blockSizes.length) {
                blockSizes = Arrays.copyOf(blockSizes, blockCount * 2);
                blockAligns = Arrays.copyOf(blockAligns, blockCount * 2);
                freed = Arrays.copyOf(freed, blockCount * 2);
            }
            blockSizes[blockCount] = size;
            blockAligns[blockCount] = align;
            blockCount++;
            add(ALLOC, id, size, align, line);
            return this;
        }

        /** Adds an allocation of the next block id. */
        Builder alloc(AllocatorKind allocKind, long size, long align) {
            return alloc(allocKind, blockCount, size, align, 0);
        }

        /**
         * Adds the free of block {@code id}, which must be allocated and not yet freed.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        Builder free(AllocatorKind freeKind, int id, int line) {
            if (kind != null && kind != freeKind) {
                throw new IllegalArgumentException("a " + freeKind.name().toLowerCase() + " operation in a "
                        + kind.name().toLowerCase() + " trace");
            }
            if (id < 0 || id >= blockCount) {
                throw new IllegalArgumentException("block id " + id + " was never allocated");
            }
            if (freed[id]) {
                throw new IllegalArgumentException("block id " + id + " is freed twice");
            }
            freed[id] = true;
            add(FREE, id, blockSizes[id], blockAligns[id], line);
            return this;
        }

        /** Adds the free of block {@code id}. */
        Builder free(AllocatorKind freeKind, int id) {
            return free(freeKind, id, 0);
        }

        /** The number of blocks allocated so far; the next allocation gets this id. */
        int blockCount() {
            return blockCount;
        }

        Trace build() {
            return new Trace(this);
        }

        private void add(byte op, int id, long size, long align, int line) {
            if (opCount == ops.length) {
                int capacity = opCount * 2;
                ops = Arrays.copyOf(ops, capacity);
                ids = Arrays.copyOf(ids, capacity);
                sizes = Arrays.copyOf(sizes, capacity);
                aligns = Arrays.copyOf(aligns, capacity);
                lines = Arrays.copyOf(lines, capacity);
            }
            ops[opCount] = op;
            ids[opCount] = id;
            sizes[opCount] = size;
            aligns[opCount] = align;
            lines[opCount] = line;
            opCount++;
        }
    }
}
