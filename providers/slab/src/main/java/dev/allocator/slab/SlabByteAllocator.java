package dev.allocator.slab;

/*
 * How it works
 * ============
 * A BuddyByteAllocator owns every byte. Small requests (size and align both covered by a class) are served from
 * chunks: a chunk is ONE buddy block of blocks-per-grow x classSize bytes (a power of two, so it is aligned to
 * its own size), cut into equal slots; when the buddy has no block that large, the chunk is the largest block it
 * has (down to a single slot), so small pools still work. Larger requests go to the buddy directly.
 *
 *   buddy:  |chunk 64B x 64 = 4 KiB|   free 4 KiB   |chunk 512B x 64 = 32 KiB       | direct 8 KiB |  ...
 *            ^ start                                 ^ start
 *   ChunkTable: a record of four longs per chunk (start, occupancy: bit i = slot i free, shape: class and
 *   log2(slots), list links), all in one array that is itself the hash table finding a chunk by its start (open
 *   addressing); partial[class]: the chunks of that class with at least one free slot; spare[class]
 *
 *     chunk 3 (class 64):  free = ...0001_0110   slots 1, 2, 4 free, slot 0 and 3 used
 *
 * alloc(size, align): class c = first class covering max(size, align) (a table lookup); chunk = head of
 *   partial[c], or a new chunk taken from the buddy (aligned to its size); slot = numberOfTrailingZeros(free);
 *   clear its bit; a chunk with no free bit leaves partial[c]. O(1).
 * dealloc(pos, size, align): class c as above; chunk start = pos rounded down to c's full chunk size, one hash
 *   probe that lands on the chunk's own record, which holds the start, shape and occupancy the free checks (chunks
 *   of fewer slots, taken when memory was short, are probed only for the slot counts class c has: a mask per
 *   class); the chunk must be of class c, pos on a slot boundary and the slot's bit clear (else NOT_ALLOCATED,
 *   unchanged: the occupancy word detects double frees in O(1)). Set the bit; a chunk that was full rejoins
 *   partial[c].
 * Empty chunks (return-empty): the first chunk of a class to become empty stays as the class's SPARE, so a steady
 *   alloc/free pair never takes and returns a chunk; a second empty chunk of the class goes back to the buddy at
 *   once. Spares go back when the buddy runs short (only when that is sure to make the request succeed: a spare at
 *   least as large as the request), and all of them on trim() and reset().
 *
 * Undoing the last allocation: a dealloc of the slot the previous call took (nothing in between) is the exact
 *   inverse of that allocation: the slot was the lowest free one of the head of partial[c], and freeing it puts
 *   the chunk back at that head (and back as the spare if it was the spare). A slot of a new chunk is no exception:
 *   the class had no chunk with a free slot, so no spare either, and freeing the slot leaves the new chunk alone in
 *   partial[c] as the class's spare, where the next allocation of the class takes the same slot. Such a free is
 *   recorded (undoFreed) instead of done; if the next call allocates from the same class, it would take that
 *   very slot again, so it just takes it back: the steady pair touches no chunk record. Any other call first does
 *   the recorded free (settle), so every answer, placement included, is what eager freeing gives. Adding memory
 *   changes no chunk, so it leaves a recorded free pending.
 *
 * Invariants (with no recorded free pending; settle restores them):
 *   - a chunk is in partial[its class] iff its occupancy word is not 0;
 *   - with return-empty, every empty chunk is its class's spare (at most one per class);
 *   - used == buddy.used - bytes of chunks held + sum of class sizes of live slots.
 */

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.Layout;
import dev.allocator.buddy.BuddyByteAllocator;
import java.util.ConcurrentModificationException;
import java.util.Objects;

/**
 * A slab byte allocator: fixed-size blocks of a few size classes, carved from chunks that a buddy allocator hands
 * out; requests larger than the largest class go to the buddy directly. The port of arceos' {@code slab_allocator}
 * (classes 64 to 4096 bytes, 64 blocks per grow), with O(1) double-free detection, empty chunks given back to the
 * buddy (option {@code return-empty}; one spare empty chunk per class is kept, see {@link #trim()}), and any range
 * accepted.
 *
 * <p>Complexity: {@code alloc}, {@code tryAlloc}, {@code dealloc} of class sizes are O(1) (plus the buddy's
 * O(max-order) when a chunk is taken or returned); larger requests cost what the buddy costs. {@code stats()} is
 * O(classes); {@code forEachBlock} O(blocks); {@code reset} O(chunks + buddy blocks).
 *
 * <p>A request goes to the first class whose size covers both its size and its alignment and takes that class's
 * size ({@link #usableSize(long, long)}). A class grows by {@code blocks-per-grow} blocks at once, or by as many as
 * the largest free buddy block holds when memory is short. Only the part of a region made of whole blocks of the
 * smallest class, aligned, is used (64 bytes with the defaults); the rest is not counted in {@code totalBytes()}.
 * Memory in spare chunks counts as available; a request that only a spare can serve gets it. {@code init} twice, or
 * after {@code addMemory}, is {@code MEMORY_OVERLAP}. A call that changes the allocator from inside
 * {@link #forEachBlock} throws {@link ConcurrentModificationException} and changes nothing. Not thread safe.
 */
public final class SlabByteAllocator implements ByteAllocator {
    private static final long[] DEFAULT_CLASSES = {64, 128, 256, 512, 1024, 2048, 4096};
    /** The default number of blocks a class takes from the buddy at once. */
    public static final int DEFAULT_BLOCKS_PER_GROW = 64;
    /** The most blocks per grow: a chunk's occupancy is one 64-bit word. */
    public static final int MAX_BLOCKS_PER_GROW = 64;

    private static final int BUDDY_MAX_ORDER = 62;
    private static final int NONE = ChunkTable.NONE;

    private final SizeClasses classes;
    private final int growShift;
    private final boolean returnEmpty;
    private final BuddyByteAllocator buddy;
    private final ChunkTable chunks;

    private long chunkBytes;
    private long slotBytesUsed;
    private long liveSlots;
    /** Slots of all chunks held, live or free: the free ones are {@code chunkSlots - liveSlots}. */
    private long chunkSlots;
    /** Number of {@link #forEachBlock} calls running: changes are refused while it is not 0. */
    private int walks;
    /** The slot the last call took from an existing chunk (undoable, see above), or NO_BLOCK. */
    private long undoPos = NO_BLOCK;
    private int undoClass = SizeClasses.NONE;
    private int undoChunk = NONE;
    private int undoSlot;
    /** Whether the undoable slot was freed and its free not done yet. */
    private boolean undoFreed;

    /**
     * Returns the default classes, as the original: 64, 128, ..., 4096 bytes.
     *
     * @return a new array
     */
    public static long[] defaultClasses() {
        return DEFAULT_CLASSES.clone();
    }

    /** Creates an allocator with the default classes, 64 blocks per grow, returning empty chunks. */
    public SlabByteAllocator() {
        this(DEFAULT_CLASSES, DEFAULT_BLOCKS_PER_GROW, true);
    }

    /**
     * Creates an allocator.
     *
     * @param classSizes    block sizes: powers of two, strictly increasing
     * @param blocksPerGrow blocks a class takes from the buddy at once: a power of two from 1 to 64
     * @param returnEmpty   whether chunks whose blocks are all free go back to the buddy (all but one spare per
     *                      class); false keeps every chunk once taken
     * @throws AllocException INVALID_PARAM naming the value if a class or {@code blocksPerGrow} is not acceptable
     * @throws NullPointerException if {@code classSizes} is null
     */
    public SlabByteAllocator(long[] classSizes, int blocksPerGrow, boolean returnEmpty) {
        Objects.requireNonNull(classSizes, "classSizes");
        if (blocksPerGrow < 1 || blocksPerGrow > MAX_BLOCKS_PER_GROW || Integer.bitCount(blocksPerGrow) != 1) {
            throw AllocException.invalidParam("blocks-per-grow " + blocksPerGrow
                    + " is not a power of two from 1 to " + MAX_BLOCKS_PER_GROW);
        }
        this.growShift = Integer.numberOfTrailingZeros(blocksPerGrow);
        this.classes = new SizeClasses(classSizes, (1L << (BUDDY_MAX_ORDER - 1)) >> growShift);
        this.returnEmpty = returnEmpty;
        this.buddy = new BuddyByteAllocator(classes.size(0), BUDDY_MAX_ORDER);
        this.chunks = new ChunkTable(classes.count());
    }

    @Override
    public void init(long start, long size) {
        buddy.init(start, size); // inside a heap walk the buddy refuses it: the walk goes through the buddy
    }

    @Override
    public void addMemory(long start, long size) {
        buddy.addMemory(start, size); // as init; a recorded free stays pending, a new region changes no chunk
    }

    @Override
    public long alloc(long size, long align) {
        long start = tryAlloc(size, align);
        if (start == NO_BLOCK) {
            throw noMemory(size, align);
        }
        return start;
    }

    /** Like {@link #alloc(long, long)}, but returns {@link #NO_BLOCK} on exhaustion, without an exception. */
    @Override
    public long tryAlloc(long size, long align) {
        Layout.check(size, align);
        checkNotWalking();
        int sizeClass = classes.classFor(size, align);
        if (undoFreed && sizeClass == undoClass) {
            undoFreed = false; // the slot a settled free and this allocation would give: take it back
            countSlotTaken(sizeClass);
            return undoPos;
        }
        settle();
        if (sizeClass == SizeClasses.NONE) {
            return allocDirect(size, align);
        }
        int chunk = chunks.firstWithFreeSlot(sizeClass);
        if (chunk == NONE) {
            chunk = grow(sizeClass);
            if (chunk == NONE) {
                return NO_BLOCK;
            }
        } else if (chunk == chunks.spare(sizeClass)) {
            chunks.setSpare(sizeClass, NONE);
        }
        int slot = chunks.takeSlot(chunk);
        countSlotTaken(sizeClass);
        long pos = chunks.start(chunk) + ((long) slot << classes.shift(sizeClass));
        undoPos = pos;
        undoClass = sizeClass;
        undoChunk = chunk;
        undoSlot = slot;
        return pos;
    }

    private void countSlotTaken(int sizeClass) {
        slotBytesUsed += classes.size(sizeClass);
        liveSlots++;
    }

    private void countSlotReturned(int sizeClass) {
        slotBytesUsed -= classes.size(sizeClass);
        liveSlots--;
    }

    /** Does the recorded free (if any) and forgets the undoable allocation. */
    private void settle() {
        if (undoFreed) {
            undoFreed = false;
            returnSlot(undoChunk, undoSlot, undoClass);
        }
        undoPos = NO_BLOCK;
        undoClass = SizeClasses.NONE;
    }

    /** Marks a slot free (counters already updated); an emptied chunk becomes the spare or goes back. */
    private void returnSlot(int chunk, int slot, int sizeClass) {
        boolean empty = chunks.returnSlot(chunk, slot);
        if (returnEmpty && empty) {
            if (chunks.spare(sizeClass) == NONE) {
                chunks.setSpare(sizeClass, chunk);
            } else {
                release(chunk);
            }
        }
    }

    /** A request larger than every class, from the buddy; a spare chunk goes back first if only that serves it. */
    private long allocDirect(long size, long align) {
        long start = buddy.tryAlloc(size, align);
        if (start == NO_BLOCK && releaseSpareOfAtLeast(Math.max(size, align))) {
            start = buddy.tryAlloc(size, align);
        }
        return start;
    }

    @Override
    public void dealloc(long pos, long size, long align) {
        Layout.check(size, align);
        checkNotWalking();
        if (pos < 0) { // no block starts there; the chunk table's keys are addresses >= 0
            throw notAllocated(pos, size, align);
        }
        int sizeClass = classes.classFor(size, align);
        if (pos == undoPos && sizeClass == undoClass && !undoFreed) {
            undoFreed = true; // the inverse of the allocation just made: done lazily, see settle()
            countSlotReturned(sizeClass);
            return;
        }
        settle();
        if (sizeClass == SizeClasses.NONE) {
            if (chunks.find(pos) != NONE) {
                throw notAllocated(pos, size, align);
            }
            buddy.dealloc(pos, size, align);
            return;
        }
        int chunk = chunkOf(pos, sizeClass);
        if (chunk == NONE) {
            throw notAllocated(pos, size, align);
        }
        countSlotReturned(sizeClass);
        returnSlot(chunk, (int) ((pos - chunks.start(chunk)) >>> classes.shift(sizeClass)), sizeClass);
    }

    @Override
    public long usableSize(long size, long align) {
        Layout.check(size, align);
        int sizeClass = classes.classFor(size, align);
        return sizeClass == SizeClasses.NONE ? buddy.usableSize(size, align) : classes.size(sizeClass);
    }

    /**
     * {@inheritDoc} A class-size block resizes within its class; a block from the buddy as the buddy does
     * (shrinking, or growing into free buddies) as long as it stays above the largest class.
     */
    @Override
    public boolean tryResize(long pos, long oldSize, long newSize, long align) {
        Layout.check(oldSize, align);
        Layout.check(newSize, align);
        checkNotWalking();
        if (pos < 0) {
            throw notAllocated(pos, oldSize, align);
        }
        settle();
        int oldClass = classes.classFor(oldSize, align);
        int newClass = classes.classFor(newSize, align);
        if (oldClass != SizeClasses.NONE) {
            if (chunkOf(pos, oldClass) == NONE) {
                throw notAllocated(pos, oldSize, align);
            }
            return oldClass == newClass;
        }
        if (chunks.find(pos) != NONE) {
            throw notAllocated(pos, oldSize, align);
        }
        if (newClass != SizeClasses.NONE) {
            buddy.tryResize(pos, oldSize, oldSize, align); // only checks that the block is live
            return false;
        }
        return buddy.tryResize(pos, oldSize, newSize, align);
    }

    /**
     * Gives every empty chunk (the spares) back to the buddy, so that its memory can serve any request again.
     * O(chunks with a free slot).
     */
    public void trim() {
        checkNotWalking();
        settle();
        for (int sizeClass = 0; sizeClass < classes.count(); sizeClass++) {
            int chunk = chunks.firstWithFreeSlot(sizeClass);
            while (chunk != NONE) {
                int next = chunks.nextWithFreeSlot(chunk);
                if (chunks.isEmpty(chunk)) {
                    next = release(chunk, next); // removing a chunk may move others: next follows
                }
                chunk = next;
            }
            chunks.setSpare(sizeClass, NONE);
        }
    }

    @Override
    public long totalBytes() {
        return buddy.totalBytes();
    }

    @Override
    public long usedBytes() {
        return buddy.usedBytes() - chunkBytes + slotBytesUsed;
    }

    @Override
    public long availableBytes() {
        return totalBytes() - usedBytes();
    }

    /**
     * {@inheritDoc} Free ranges are the buddy's free blocks plus the free slots of chunks; the largest free range
     * is the largest request that succeeds: the larger of the buddy's largest free block, the largest spare chunk
     * and the largest class with a free slot.
     */
    @Override
    public AllocatorStats stats() {
        settle();
        AllocatorStats backend = buddy.stats();
        long largest = backend.largestFree();
        for (int sizeClass = classes.count() - 1; sizeClass >= 0; sizeClass--) {
            if (chunks.firstWithFreeSlot(sizeClass) != NONE) {
                largest = Math.max(largest, classes.size(sizeClass));
            }
            int spare = chunks.spare(sizeClass);
            if (spare != NONE) {
                largest = Math.max(largest, chunkSize(spare));
            }
        }
        long used = usedBytes();
        return new AllocatorStats(backend.total(), used, backend.total() - used,
                backend.liveBlocks() - chunks.size() + liveSlots, backend.freeRanges() + chunkSlots - liveSlots,
                largest);
    }

    /**
     * {@inheritDoc} Reports the buddy's blocks in address order, with each chunk expanded into its slots (each
     * used or free slot one run).
     *
     * @throws NullPointerException if {@code visitor} is null
     */
    @Override
    public void forEachBlock(BlockVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        settle();
        walks++;
        try {
            buddy.forEachBlock((start, size, used) -> {
                int chunk = used ? chunks.find(start) : NONE;
                if (chunk == NONE) {
                    visitor.visit(start, size, used);
                    return;
                }
                long slotSize = classes.size(chunks.sizeClass(chunk));
                long free = chunks.freeSlots(chunk);
                for (int slot = 0; slot < 1 << chunks.slotShift(chunk); slot++) {
                    visitor.visit(start + slot * slotSize, slotSize, (free & (1L << slot)) == 0);
                }
            });
        } finally {
            walks--;
        }
    }

    @Override
    public void reset() {
        checkNotWalking();
        undoFreed = false;
        undoPos = NO_BLOCK;
        undoClass = SizeClasses.NONE;
        chunks.clear();
        buddy.reset();
        chunkBytes = 0;
        slotBytesUsed = 0;
        liveSlots = 0;
        chunkSlots = 0;
    }

    /**
     * Takes a new chunk for a class from the buddy: blocks-per-grow slots, or as many as its largest free block
     * holds (a spare of another class goes back first if nothing else holds one slot). Returns the chunk, or NONE
     * when no block of even one slot can be had.
     */
    private int grow(int sizeClass) {
        if (!chunks.ensureRoom()) {
            return NONE;
        }
        long slotSize = classes.size(sizeClass);
        long largest = buddy.largestFreeBlock();
        if (largest < slotSize && releaseSpareOfAtLeast(slotSize)) {
            largest = buddy.largestFreeBlock();
        }
        long size = Math.min(slotSize << growShift, largest);
        if (size < slotSize) {
            return NONE;
        }
        long start = buddy.tryAlloc(size, size); // a free block at least this large exists: cannot fail
        int slotShift = Long.numberOfTrailingZeros(size) - classes.shift(sizeClass);
        chunkBytes += size;
        chunkSlots += 1L << slotShift;
        return chunks.add(start, sizeClass, slotShift);
    }

    /** Gives back the spare chunk of some class that is at least {@code bytes} large; false if there is none. */
    private boolean releaseSpareOfAtLeast(long bytes) {
        for (int sizeClass = classes.count() - 1; sizeClass >= 0; sizeClass--) {
            int spare = chunks.spare(sizeClass);
            if (spare != NONE && chunkSize(spare) >= bytes) {
                chunks.setSpare(sizeClass, NONE);
                release(spare);
                return true;
            }
        }
        return false;
    }

    private long chunkSize(int chunk) {
        return classes.size(chunks.sizeClass(chunk)) << chunks.slotShift(chunk);
    }

    /** Gives an all-free chunk back to the buddy. */
    private void release(int chunk) {
        release(chunk, NONE);
    }

    /**
     * Gives an all-free chunk back to the buddy; other chunks may change numbers (see {@link ChunkTable}).
     *
     * @return the number of the chunk {@code watched} afterwards
     */
    private int release(int chunk, int watched) {
        long size = chunkSize(chunk);
        long start = chunks.start(chunk);
        chunkSlots -= 1L << chunks.slotShift(chunk);
        watched = chunks.remove(chunk, watched);
        buddy.dealloc(start, size, size);
        chunkBytes -= size;
        return watched;
    }

    /**
     * The chunk holding a LIVE slot of {@code sizeClass} at {@code pos}, or NONE. Chunks are aligned to their size,
     * so a chunk of {@code 2^s} slots holding {@code pos} starts at {@code pos} rounded down to its size: one probe
     * per chunk size the class has, largest first (only the full size, unless memory was short when a chunk was
     * taken). At most one chunk holds {@code pos}, so the order changes only the cost.
     */
    private int chunkOf(long pos, int sizeClass) {
        int shift = classes.shift(sizeClass);
        int slotShifts = chunks.slotShiftsOf(sizeClass);
        while (slotShifts != 0) {
            int slotShift = 31 - Integer.numberOfLeadingZeros(slotShifts);
            long start = pos & -(1L << (shift + slotShift));
            int chunk = chunks.find(start, sizeClass, slotShift);
            if (chunk != NONE) {
                return liveSlotAt(chunk, pos - start, shift);
            }
            slotShifts ^= 1 << slotShift;
        }
        return NONE;
    }

    /** {@code chunk} if {@code offset} into it is the start of a used slot of {@code 2^shift} bytes, else NONE. */
    private int liveSlotAt(int chunk, long offset, int shift) {
        if ((offset & ((1L << shift) - 1)) != 0) {
            return NONE;
        }
        return (chunks.freeSlots(chunk) & (1L << (offset >>> shift))) == 0 ? chunk : NONE;
    }

    private void checkNotWalking() {
        if (walks != 0) {
            throw new ConcurrentModificationException("the allocator cannot change while forEachBlock walks it");
        }
    }

    private AllocException noMemory(long size, long align) {
        AllocatorStats stats = stats();
        if (stats.total() == 0) {
            return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align
                    + ": the allocator has no memory (call init)");
        }
        int sizeClass = classes.classFor(size, align);
        String taken = sizeClass == SizeClasses.NONE ? "a block from the buddy"
                : "a " + classes.size(sizeClass) + "-byte slot: none free in its class";
        return AllocException.noMemory("no memory for " + size + " bytes aligned to " + align + " (" + taken + "): "
                + stats.available() + " bytes available, largest free block " + stats.largestFree());
    }

    private static AllocException notAllocated(long pos, long size, long align) {
        return AllocException.notAllocated("no live block at " + pos + " of " + size + " bytes aligned to " + align
                + " (never allocated, already freed, or allocated with a size of another class)");
    }
}
