package dev.allocator.api;

/**
 * Why an allocator rejected an operation. The four kinds of the original crate's {@code AllocError}.
 *
 * <p>Whatever the kind, a rejected operation leaves the allocator exactly as it was.
 */
public enum AllocError {
    /**
     * Bad argument: alignment not a power of two, negative size or count, arithmetic overflow,
     * a range past {@link Long#MAX_VALUE}, an address not aligned as the allocator requires, a bad option.
     */
    INVALID_PARAM,
    /** A region given to {@code init} or {@code addMemory} overlaps one already managed (or {@code init} twice). */
    MEMORY_OVERLAP,
    /** No free block can satisfy the request, or the allocator has no memory yet. */
    NO_MEMORY,
    /** A free (or resize) names something that is not a live allocation: never allocated, freed already, or a different size. */
    NOT_ALLOCATED
}
