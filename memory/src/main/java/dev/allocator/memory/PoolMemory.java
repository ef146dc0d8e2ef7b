package dev.allocator.memory;

import java.lang.foreign.MemorySegment;

/**
 * The pool's memory and its address space: turns allocator addresses into slices of the pool and segments back
 * into addresses, and knows which alignments the memory can honour.
 *
 * <p>Addresses are what {@link MemorySegment#address()} says. For a native pool that is the real, absolute address,
 * so an alignment the allocator produces is true of the memory itself and any alignment can be honoured. A heap
 * segment has no fixed address (the garbage collector moves arrays); its {@code address()} is the byte offset into
 * the backing array. The JVM aligns an array's elements to the element size and no further, so a heap pool honours
 * alignments up to its element size (1 for {@code byte[]}, 8 for {@code long[]}), exactly as the JDK's own heap
 * segment accesses do.
 */
final class PoolMemory {
    /** The largest alignment an address (a {@code long} in {@code [0, Long.MAX_VALUE]}) can have. */
    static final long UNLIMITED_ALIGNMENT = 1L << 62;

    private final MemorySegment segment;
    private final long base;
    private final long end;
    private final Object heapArray;
    private final long maxAlignment;

    private PoolMemory(MemorySegment segment, Object heapArray, long maxAlignment) {
        this.segment = segment;
        this.base = segment.address();
        this.end = base + segment.byteSize();
        this.heapArray = heapArray;
        this.maxAlignment = maxAlignment;
    }

    /**
     * Wraps a pool segment.
     *
     * @param segment native or heap memory, writable
     * @return the pool
     * @throws IllegalArgumentException if the segment is read-only
     */
    static PoolMemory of(MemorySegment segment) {
        if (segment.isReadOnly()) {
            throw new IllegalArgumentException("the pool must be writable: " + segment);
        }
        if (segment.isNative()) {
            return new PoolMemory(segment, null, UNLIMITED_ALIGNMENT);
        }
        Object array = segment.heapBase().orElseThrow();
        return new PoolMemory(segment, array, elementSize(array.getClass().componentType()));
    }

    /** The whole pool. */
    MemorySegment segment() {
        return segment;
    }

    /** Address of the pool's first byte. */
    long base() {
        return base;
    }

    /** The pool's length in bytes. */
    long size() {
        return end - base;
    }

    /** Whether the pool is native memory (else a Java array). */
    boolean isNative() {
        return heapArray == null;
    }

    /** The largest alignment the pool's addresses can stand for: unlimited for native memory. */
    long maxAlignment() {
        return maxAlignment;
    }

    /**
     * Finds where a segment lies in the pool.
     *
     * @param candidate any segment
     * @return its address if all of it lies in this pool's memory, else -1
     */
    long addressOf(MemorySegment candidate) {
        if (heapArray == null ? !candidate.isNative() : candidate.heapBase().orElse(null) != heapArray) {
            return -1;
        }
        long address = candidate.address();
        if (address < base || address > end || candidate.byteSize() > end - address) {
            return -1;
        }
        return address;
    }

    /**
     * Returns the slice of the pool at an address.
     *
     * @param address an address in the pool
     * @param size    its length, with {@code address + size} in the pool
     * @return a segment of the pool's memory and scope
     */
    MemorySegment slice(long address, long size) {
        return segment.asSlice(address - base, size);
    }

    @Override
    public String toString() {
        return (heapArray == null ? "native pool [" : "heap pool (" + heapArray.getClass().getSimpleName() + ") [")
                + base + ", " + end + ")";
    }

    private static long elementSize(Class<?> component) {
        if (component == long.class || component == double.class) {
            return 8;
        }
        if (component == int.class || component == float.class) {
            return 4;
        }
        if (component == short.class || component == char.class) {
            return 2;
        }
        return 1;
    }
}
