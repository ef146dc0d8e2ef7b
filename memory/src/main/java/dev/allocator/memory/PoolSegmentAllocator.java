package dev.allocator.memory;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Objects;

/**
 * A {@link SegmentAllocator} that carves segments out of one pool of memory with a {@link ByteAllocator}, and takes
 * them back one by one with {@link #free(MemorySegment)}: the original crate's {@code AllocatorRc}.
 *
 * <pre>{@code
 * try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", 1 << 20)) {
 *     MemorySegment name = pool.allocateFrom("hello");          // the JDK's default methods work as usual
 *     MemorySegment ints = pool.allocate(ValueLayout.JAVA_INT, 1000);
 *     ints = pool.reallocate(ints, 8000);                       // grows in place or moves, keeping contents
 *     pool.free(name);
 * }
 * }</pre>
 *
 * <h2>The pool</h2>
 * Either the allocator owns it ({@link #ofSize(String, long)}: native memory from an {@link Arena}, page aligned,
 * released by {@link #close()}), or the caller lends one ({@link #ofSegment(String, MemorySegment)}: native or heap,
 * writable; still the caller's to release after {@code close()}). The byte allocator must be fresh: it is
 * initialised with the pool's address range and belongs to this object from then on.
 *
 * <h2>Addresses and alignment</h2>
 * The byte allocator manages the addresses {@link MemorySegment#address()} gives. For native memory those are real
 * absolute addresses, so a segment allocated with alignment {@code a} starts at an address that is a multiple of
 * {@code a}, whatever the pool's own alignment. A heap segment has no fixed address: there the addresses are byte
 * offsets into the backing array, and alignment is relative to the array's first element. The JVM aligns array
 * elements to their own size and no more, so a heap pool accepts alignments up to its element size (8 for a
 * {@code long[]}, 1 for a {@code byte[]}) and rejects larger ones with {@link IllegalArgumentException}, as the
 * JDK's heap segments do.
 *
 * <h2>Zero-size requests</h2>
 * {@code allocate(0, align)} touches neither the pool nor the byte allocator: it returns a zero-length native
 * segment whose address is {@code align} itself (Rust's dangling pointer for that alignment). {@code free} accepts
 * such a segment and does nothing; {@code reallocate} of it allocates a new block with that alignment.
 *
 * <h2>Errors</h2>
 * Every failure is one of these exceptions, with a message that names the values and says what to do; a rejected
 * call changes nothing.
 * <ul>
 *   <li>{@link IllegalArgumentException}: bad arguments ({@code size < 0}, an alignment that is not a power of two
 *       or too large for a heap pool, a request the byte allocator calls INVALID_PARAM), as
 *       {@link SegmentAllocator#allocate(long, long)} specifies;</li>
 *   <li>{@link AllocException} with {@link AllocError#NO_MEMORY}: no free block fits, including any request larger
 *       than the whole pool ({@code allocate(Long.MAX_VALUE)}), and an owned pool the system cannot provide
 *       ({@code ofSize(name, Long.MAX_VALUE)}); never {@link OutOfMemoryError};</li>
 *   <li>{@link AllocException} with {@link AllocError#NOT_ALLOCATED}: {@code free} or {@code reallocate} of a
 *       segment that is not a live block of this pool (other memory, already freed, or any other slice of a block
 *       than the segment {@code allocate} returned);</li>
 *   <li>{@link AllocException} with {@link AllocError#MEMORY_OVERLAP}: building over a byte allocator that was
 *       initialised already (use a fresh one);</li>
 *   <li>{@link IllegalStateException} after {@link #close()}, {@link WrongThreadException} from another thread
 *       when confined, {@link NullPointerException} (naming the argument) for a null name, allocator, options or
 *       segment.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * By default an instance is confined to the thread that created it: calls from another thread throw
 * {@link WrongThreadException}, and an owned pool comes from {@link Arena#ofConfined()}. A {@link Builder#shared()}
 * instance may be used from any thread: every method runs under its byte allocator's monitor, and that byte
 * allocator is thread safe: built by name, it is the {@code dev.allocator.concurrent} module's
 * {@code ConcurrentByteAllocator} over that algorithm when the module is present (found reflectively: this module
 * does not require it), else {@link Allocators#synchronizedByteAllocator(ByteAllocator)} of the algorithm; an owned
 * pool then comes from {@link Arena#ofShared()}.
 *
 * <h2>Cost</h2>
 * Besides the byte allocator's own work, {@code allocate} and {@code free} cost O(1) on average: the exact size and
 * alignment of each live block are kept in primitive arrays (a few bytes per block), outside the pool. The only
 * object {@code allocate} creates is the returned segment.
 */
public final class PoolSegmentAllocator implements SegmentAllocator, AutoCloseable {
    /** Alignment of a pool the allocator allocates itself. */
    private static final long OWNED_POOL_ALIGNMENT = 4096;

    private final ByteAllocator allocator;
    private final PoolMemory pool;
    private final LiveBlocks blocks = new LiveBlocks();
    /** The arena of an owned pool; null when the caller lent the pool. */
    private final Arena arena;
    /** The thread a confined instance belongs to; null when shared. */
    private final Thread owner;
    /**
     * Set once by {@link #close()}, under {@code allocator}'s monitor when shared. Volatile so that the statistics
     * getters, which need no lock of their own (the synchronized view locks each call), see it from any thread.
     */
    private volatile boolean closed;

    private PoolSegmentAllocator(ByteAllocator allocator, MemorySegment poolSegment, Arena arena, boolean shared) {
        this.pool = PoolMemory.of(poolSegment);
        this.allocator = shared ? ThreadSafeByteAllocators.threadSafe(allocator) : allocator;
        this.arena = arena;
        this.owner = shared ? null : Thread.currentThread();
        initialise(allocator, pool);
    }

    /** Gives the byte allocator the pool's range; one that has a region already is refused with what to do. */
    private static void initialise(ByteAllocator allocator, PoolMemory pool) {
        try {
            allocator.init(pool.base(), pool.size());
        } catch (AllocException | IllegalStateException e) {
            if (e instanceof AllocException && ((AllocException) e).error() != AllocError.MEMORY_OVERLAP) {
                throw e;
            }
            AllocException refused = AllocException.memoryOverlap("the byte allocator " + allocator
                    + " was initialised already (it manages " + allocator.totalBytes() + " bytes), so it cannot "
                    + "manage the " + pool + ": a PoolSegmentAllocator needs a fresh, uninitialised byte allocator; "
                    + "pass a new one (Allocators.byteAllocator(name), or the algorithm's constructor) instead");
            refused.initCause(e);
            throw refused;
        }
    }

    /**
     * Creates a confined allocator that owns a native pool of {@code poolSize} bytes.
     *
     * @param name     byte allocator name, looked up through {@link Allocators#byteAllocator(String)}
     * @param poolSize pool length in bytes
     * @return the allocator; {@link #close()} releases the pool
     * @throws IllegalArgumentException if no byte allocator has that name, or {@code poolSize < 0}
     * @throws AllocException           NO_MEMORY if the system cannot provide a native pool of that size
     * @throws NullPointerException     if {@code name} is null
     */
    public static PoolSegmentAllocator ofSize(String name, long poolSize) {
        return builder(name).poolSize(poolSize).build();
    }

    /**
     * Creates a confined allocator that owns a native pool of {@code poolSize} bytes.
     *
     * @param allocator a fresh (uninitialised) byte allocator; it belongs to the result from now on
     * @param poolSize  pool length in bytes
     * @return the allocator; {@link #close()} releases the pool
     * @throws IllegalArgumentException if {@code poolSize < 0}
     * @throws AllocException           MEMORY_OVERLAP if {@code allocator} was initialised already; NO_MEMORY if
     *                                  the system cannot provide a native pool of that size
     * @throws NullPointerException     if {@code allocator} is null
     */
    public static PoolSegmentAllocator ofSize(ByteAllocator allocator, long poolSize) {
        return builder(allocator).poolSize(poolSize).build();
    }

    /**
     * Creates a confined allocator over the caller's memory.
     *
     * @param name byte allocator name, looked up through {@link Allocators#byteAllocator(String)}
     * @param pool writable native or heap memory; it stays the caller's to release
     * @return the allocator
     * @throws IllegalArgumentException if no byte allocator has that name, or {@code pool} is read-only
     * @throws NullPointerException     if {@code name} or {@code pool} is null
     */
    public static PoolSegmentAllocator ofSegment(String name, MemorySegment pool) {
        return builder(name).pool(pool).build();
    }

    /**
     * Creates a confined allocator over the caller's memory.
     *
     * @param allocator a fresh (uninitialised) byte allocator; it belongs to the result from now on
     * @param pool      writable native or heap memory; it stays the caller's to release
     * @return the allocator
     * @throws IllegalArgumentException if {@code pool} is read-only
     * @throws AllocException           MEMORY_OVERLAP if {@code allocator} was initialised already
     * @throws NullPointerException     if {@code allocator} or {@code pool} is null
     */
    public static PoolSegmentAllocator ofSegment(ByteAllocator allocator, MemorySegment pool) {
        return builder(allocator).pool(pool).build();
    }

    /**
     * Starts building an allocator around a byte allocator.
     *
     * @param allocator a fresh (uninitialised) byte allocator
     * @return a builder; give it a pool size or a pool
     * @throws NullPointerException if {@code allocator} is null
     */
    public static Builder builder(ByteAllocator allocator) {
        return new Builder(Objects.requireNonNull(allocator, "allocator"));
    }

    /**
     * Starts building an allocator around a byte allocator found by name, with default options.
     *
     * @param name provider name, any case, e.g. {@code "tlsf"}
     * @return a builder; give it a pool size or a pool
     * @throws IllegalArgumentException if no byte allocator has that name
     * @throws NullPointerException     if {@code name} is null
     */
    public static Builder builder(String name) {
        return builder(name, AllocatorOptions.empty());
    }

    /**
     * Starts building an allocator around a byte allocator found by name.
     *
     * @param name    provider name, any case
     * @param options the provider's options
     * @return a builder; give it a pool size or a pool
     * @throws IllegalArgumentException if no byte allocator has that name
     * @throws AllocException           INVALID_PARAM for an unknown option or a bad value
     * @throws NullPointerException     if {@code name} or {@code options} is null
     */
    public static Builder builder(String name, AllocatorOptions options) {
        Builder builder = builder(Allocators.byteAllocator(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(options, "options")));
        builder.name = name;
        builder.options = options;
        return builder;
    }

    /**
     * Allocates a segment from the pool.
     *
     * @param byteSize      length wanted, {@code >= 0}
     * @param byteAlignment alignment of its address, a power of two
     * @return a slice of the pool of exactly {@code byteSize} bytes (contents undefined), or for a size of zero
     *         a zero-length segment outside the pool
     * @throws IllegalArgumentException if {@code byteSize < 0}, {@code byteAlignment} is not a power of two, or it
     *                                  exceeds what a heap pool can honour
     * @throws AllocException           NO_MEMORY if no free block fits, for example because the size exceeds the
     *                                  whole pool
     * @throws IllegalStateException    after {@link #close()}
     * @throws WrongThreadException     if confined and called from another thread
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (owner == null) {
            synchronized (allocator) {
                return allocateOpen(byteSize, byteAlignment);
            }
        }
        return allocateOpen(byteSize, byteAlignment);
    }

    /**
     * Frees a segment {@link #allocate(long, long)} or {@link #reallocate(MemorySegment, long)} returned. The
     * segment must not be used afterwards: its memory goes back to the pool.
     *
     * @param segment the very segment returned (same address and length); a zero-size result is accepted and
     *                ignored
     * @throws AllocException        NOT_ALLOCATED if it is not a live block of this pool (other memory, freed
     *                               already, or a different slice); nothing changes
     * @throws IllegalStateException after {@link #close()}
     * @throws WrongThreadException  if confined and called from another thread
     * @throws NullPointerException  if {@code segment} is null
     */
    public void free(MemorySegment segment) {
        Objects.requireNonNull(segment, "segment");
        if (owner == null) {
            synchronized (allocator) {
                freeOpen(segment);
            }
            return;
        }
        freeOpen(segment);
    }

    /**
     * Changes a block's size, keeping its contents up to the smaller of the two sizes. Grows or shrinks in place
     * when the byte allocator can ({@link ByteAllocator#tryResize}); otherwise allocates a new block with the same
     * alignment, copies, and frees the old one. Either way the old segment must not be used afterwards.
     *
     * @param segment a live block of this pool, or a zero-size result of {@link #allocate(long, long)}
     * @param newSize the length wanted, {@code >= 0}; zero frees the block and returns a zero-size segment
     * @return the block with its new size (same address if resized in place)
     * @throws IllegalArgumentException if {@code newSize < 0}
     * @throws AllocException           NOT_ALLOCATED if {@code segment} is not a live block of this pool; NO_MEMORY
     *                                  if it must move and no free block fits (always for a size beyond the whole
     *                                  pool): then the old block is unchanged
     * @throws IllegalStateException    after {@link #close()}
     * @throws WrongThreadException     if confined and called from another thread
     * @throws NullPointerException     if {@code segment} is null
     */
    public MemorySegment reallocate(MemorySegment segment, long newSize) {
        Objects.requireNonNull(segment, "segment");
        if (owner == null) {
            synchronized (allocator) {
                return reallocateOpen(segment, newSize);
            }
        }
        return reallocateOpen(segment, newSize);
    }

    /**
     * Tells how many bytes of the pool the byte allocator manages.
     *
     * @return the pool's usable size
     * @throws IllegalStateException after {@link #close()}
     * @throws WrongThreadException  if confined and called from another thread
     */
    public long totalBytes() {
        checkOpen();
        return allocator.totalBytes();
    }

    /**
     * Tells how many bytes live blocks take, the byte allocator's rounding included.
     *
     * @return used bytes
     * @throws IllegalStateException after {@link #close()}
     * @throws WrongThreadException  if confined and called from another thread
     */
    public long usedBytes() {
        checkOpen();
        return allocator.usedBytes();
    }

    /**
     * Tells how many bytes are free, not necessarily in one block.
     *
     * @return {@code totalBytes() - usedBytes()}
     * @throws IllegalStateException after {@link #close()}
     * @throws WrongThreadException  if confined and called from another thread
     */
    public long availableBytes() {
        checkOpen();
        return allocator.availableBytes();
    }

    /**
     * Returns the byte allocator's statistics: total, used, available, live blocks, free ranges, largest free
     * range. May cost O(free ranges).
     *
     * @return a snapshot, in bytes
     * @throws IllegalStateException after {@link #close()}
     * @throws WrongThreadException  if confined and called from another thread
     */
    public AllocatorStats stats() {
        checkOpen();
        return allocator.stats();
    }

    /**
     * Returns the pool itself: the memory every segment this allocator hands out is a slice of.
     *
     * @return the pool segment
     * @throws IllegalStateException after {@link #close()}
     * @throws WrongThreadException  if confined and called from another thread
     */
    public MemorySegment pool() {
        checkOpen();
        return pool.segment();
    }

    /**
     * Closes the allocator. An owned pool is released (every segment from it becomes inaccessible); a lent pool
     * stays alive and is the caller's again. Afterwards every method, {@code close()} included, throws
     * {@link IllegalStateException}.
     *
     * @throws IllegalStateException if already closed
     * @throws WrongThreadException  if confined and called from another thread
     */
    @Override
    public void close() {
        if (owner == null) {
            synchronized (allocator) {
                closeOpen();
            }
            return;
        }
        closeOpen();
    }

    /** The byte allocator behind this one (for tests in this package). */
    ByteAllocator byteAllocator() {
        return allocator;
    }

    @Override
    public String toString() {
        return "PoolSegmentAllocator[" + pool + (owner == null ? ", shared" : ", confined")
                + (arena == null ? ", lent" : ", owned") + "]";
    }

    private MemorySegment allocateOpen(long size, long alignment) {
        checkOpen();
        checkRequest(size, alignment);
        if (size == 0) {
            return MemorySegment.ofAddress(alignment);
        }
        blocks.reserveOne();
        long address = allocateBlock(size, alignment);
        blocks.put(address, size, alignment);
        return pool.slice(address, size);
    }

    /**
     * The byte allocator's {@code alloc}, its errors restated for this class: a size beyond the pool or no fitting
     * block is NO_MEMORY saying what to do, INVALID_PARAM is an {@link IllegalArgumentException}.
     */
    private long allocateBlock(long size, long alignment) {
        if (size > pool.size()) {
            throw AllocException.noMemory("no memory for " + size + " bytes aligned to " + alignment + ": larger "
                    + "than the whole " + pool + " (" + pool.size() + " bytes); allocate less, or build the "
                    + "allocator over a larger pool");
        }
        try {
            return allocator.alloc(size, alignment);
        } catch (AllocException e) {
            throw restated(e, size, alignment);
        }
    }

    private AllocException restatedNoMemory(AllocException e, long size, long alignment) {
        AllocException restated = AllocException.noMemory("no memory for " + size + " bytes aligned to "
                + alignment + " in the " + pool + " (" + allocator.availableBytes() + " of " + pool.size()
                + " bytes free): " + e.getMessage() + "; free segments no longer needed, or build the allocator over "
                + "a larger pool");
        restated.initCause(e);
        return restated;
    }

    private RuntimeException restated(AllocException e, long size, long alignment) {
        if (e.error() == AllocError.NO_MEMORY) {
            return restatedNoMemory(e, size, alignment);
        }
        if (e.error() == AllocError.INVALID_PARAM) {
            return new IllegalArgumentException("the byte allocator rejects " + size + " bytes aligned to "
                    + alignment + ": " + e.getMessage(), e);
        }
        return e;
    }

    private void freeOpen(MemorySegment segment) {
        checkOpen();
        if (isZeroSize(segment)) {
            return;
        }
        int block = liveBlock(segment);
        allocator.dealloc(blocks.address(block), blocks.size(block), blocks.alignment(block));
        blocks.removeAt(block);
    }

    private MemorySegment reallocateOpen(MemorySegment segment, long newSize) {
        checkOpen();
        if (newSize < 0) {
            throw new IllegalArgumentException("negative size " + newSize);
        }
        if (isZeroSize(segment)) {
            return allocateOpen(newSize, segment.address());
        }
        int block = liveBlock(segment);
        long address = blocks.address(block);
        long oldSize = blocks.size(block);
        long alignment = blocks.alignment(block);
        if (newSize == 0) {
            allocator.dealloc(address, oldSize, alignment);
            blocks.removeAt(block);
            return MemorySegment.ofAddress(alignment);
        }
        if (newSize <= pool.size() && resizeInPlace(address, oldSize, newSize, alignment)) {
            blocks.setSize(block, newSize);
            return pool.slice(address, newSize);
        }
        long moved = allocateBlock(newSize, alignment);
        MemorySegment target = pool.slice(moved, newSize);
        MemorySegment.copy(pool.slice(address, oldSize), 0, target, 0, Math.min(oldSize, newSize));
        allocator.dealloc(address, oldSize, alignment);
        blocks.removeAt(block);
        blocks.put(moved, newSize, alignment);
        return target;
    }

    /** The byte allocator's {@code tryResize}; its INVALID_PARAM is an {@link IllegalArgumentException}. */
    private boolean resizeInPlace(long address, long oldSize, long newSize, long alignment) {
        try {
            return allocator.tryResize(address, oldSize, newSize, alignment);
        } catch (AllocException e) {
            throw restated(e, newSize, alignment);
        }
    }

    private void closeOpen() {
        checkOpen();
        if (arena != null) {
            arena.close();
        }
        closed = true;
    }

    /** Finds the live block a segment is, or throws NOT_ALLOCATED naming why not. */
    private int liveBlock(MemorySegment segment) {
        long address = pool.addressOf(segment);
        if (address < 0) {
            throw AllocException.notAllocated("segment of " + segment.byteSize() + " bytes at address "
                    + segment.address() + (segment.isNative() ? "" : " (heap)") + " is not from " + pool);
        }
        int block = blocks.find(address);
        if (block < 0) {
            throw AllocException.notAllocated("no live block at address " + address + " of " + pool
                    + ": freed already, or not the start of a block");
        }
        if (blocks.size(block) != segment.byteSize()) {
            throw AllocException.notAllocated("segment of " + segment.byteSize() + " bytes at address " + address
                    + " is not the live block there, which has " + blocks.size(block) + " bytes");
        }
        return block;
    }

    private void checkRequest(long size, long alignment) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
        if (alignment > pool.maxAlignment()) {
            throw new IllegalArgumentException("alignment " + alignment + " exceeds " + pool.maxAlignment()
                    + ", the most a " + pool + " can honour (array elements are aligned to their size only)");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed: its segments can no longer be allocated, freed or "
                    + "resized; create a new PoolSegmentAllocator");
        }
        if (owner != null && Thread.currentThread() != owner) {
            throw new WrongThreadException(this + " is confined to " + owner + ", called from "
                    + Thread.currentThread() + "; use it from its own thread, or build a shared one "
                    + "(PoolSegmentAllocator.builder(..).shared())");
        }
    }

    /** A zero-size result of {@code allocate}: zero-length, native, at an address that is an alignment. */
    private static boolean isZeroSize(MemorySegment segment) {
        long address = segment.address();
        return segment.byteSize() == 0 && segment.isNative() && address > 0 && (address & (address - 1)) == 0;
    }

    /**
     * Configures a {@link PoolSegmentAllocator}: a pool (its size, or the caller's segment) and whether it is
     * shared between threads.
     */
    public static final class Builder {
        private final ByteAllocator allocator;
        private long poolSize = -1;
        private MemorySegment pool;
        private boolean shared;
        /** The algorithm's name and options when built by name: a shared instance may pick its own allocator. */
        private String name;
        private AllocatorOptions options;

        private Builder(ByteAllocator allocator) {
            this.allocator = allocator;
        }

        /**
         * Makes the allocator own a native pool of this size, from an {@link Arena}, aligned to 4096.
         *
         * @param bytes pool length, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes < 0}
         */
        public Builder poolSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative pool size " + bytes);
            }
            this.poolSize = bytes;
            this.pool = null;
            return this;
        }

        /**
         * Makes the allocator work in the caller's memory, which it does not release.
         *
         * @param segment writable native or heap memory
         * @return this builder
         * @throws NullPointerException if {@code segment} is null (message "pool segment")
         */
        public Builder pool(MemorySegment segment) {
            this.pool = Objects.requireNonNull(segment, "pool segment");
            this.poolSize = -1;
            return this;
        }

        /**
         * Makes the allocator usable from any thread, with an owned pool from {@link Arena#ofShared()}: built by name,
         * over a {@code ConcurrentByteAllocator} when the {@code dev.allocator.concurrent} module is present, else
         * over the synchronized view of the byte allocator. The default is confinement to the building thread.
         *
         * @return this builder
         */
        public Builder shared() {
            this.shared = true;
            return this;
        }

        /**
         * Creates the allocator, initialising the byte allocator with the pool's address range. Call once.
         *
         * @return the allocator; a confined one belongs to the calling thread
         * @throws IllegalStateException    if neither a pool size nor a pool was given
         * @throws IllegalArgumentException if the pool is read-only
         * @throws AllocException           MEMORY_OVERLAP if the byte allocator was initialised already; NO_MEMORY
         *                                  if the system cannot provide an owned pool of the size asked
         */
        public PoolSegmentAllocator build() {
            ByteAllocator allocator = shared && name != null ? ThreadSafeByteAllocators.byName(name, options)
                    : this.allocator;
            if (pool != null) {
                return new PoolSegmentAllocator(allocator, pool, null, shared);
            }
            if (poolSize < 0) {
                throw new IllegalStateException("the builder has no pool: call poolSize(bytes) or pool(segment) "
                        + "before build()");
            }
            Arena arena = shared ? Arena.ofShared() : Arena.ofConfined();
            try {
                return new PoolSegmentAllocator(allocator, ownedPool(arena), arena, shared);
            } catch (RuntimeException | Error e) {
                arena.close();
                throw e;
            }
        }

        /** Native memory for an owned pool; the system's refusal is NO_MEMORY, not an OutOfMemoryError. */
        private MemorySegment ownedPool(Arena arena) {
            try {
                return arena.allocate(poolSize, OWNED_POOL_ALIGNMENT);
            } catch (OutOfMemoryError e) {
                AllocException refused = AllocException.noMemory("the system cannot provide a native pool of "
                        + poolSize + " bytes (" + e.getMessage() + "); ask for a smaller pool");
                refused.initCause(e);
                throw refused;
            }
        }
    }
}
