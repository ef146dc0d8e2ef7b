package dev.allocator.api;

/**
 * Hands out runs of fixed-size pages. The original's {@code PageAllocator}.
 *
 * <p>Addresses are in bytes; counts are in pages. Alignments are in bytes, powers of two, and at least
 * {@link #pageSize()} (a smaller one is treated as {@link #pageSize()}). {@link #stats()} counts pages and
 * {@link #forEachBlock(BlockVisitor)} reports (address, pages).
 */
public interface PageAllocator extends BaseAllocator {
    /**
     * Returns the page size.
     *
     * @return bytes per page, a power of two
     */
    long pageSize();

    /**
     * Allocates a run of contiguous pages.
     *
     * @param numPages  pages wanted, {@code >= 1}
     * @param alignPow2 alignment of the run's address in bytes, a power of two
     * @return the address of the first page
     * @throws AllocException INVALID_PARAM for a bad count or alignment; NO_MEMORY if no free run fits
     */
    long allocPages(long numPages, long alignPow2);

    /**
     * Allocates the run of pages starting exactly at {@code base}.
     *
     * @param base      the address wanted, a multiple of {@link #pageSize()} and of {@code alignPow2}
     * @param numPages  pages wanted, {@code >= 1}
     * @param alignPow2 alignment in bytes, a power of two
     * @return {@code base}
     * @throws AllocException INVALID_PARAM for a bad count, alignment or an unaligned base, or a run outside the
     *                        managed regions; NO_MEMORY if any of those pages is taken
     */
    long allocPagesAt(long base, long numPages, long alignPow2);

    /**
     * Frees a run of pages.
     *
     * @param pos      the address of the run's first page
     * @param numPages the run's length in pages
     * @throws AllocException INVALID_PARAM for an unaligned address or bad count; NOT_ALLOCATED if any page of the
     *                        run is not allocated (then nothing is freed)
     */
    void deallocPages(long pos, long numPages);

    /**
     * Returns the pages under management.
     *
     * @return total pages
     */
    long totalPages();

    /**
     * Returns the pages allocated.
     *
     * @return used pages, O(1)
     */
    long usedPages();

    /**
     * Returns {@code totalPages() - usedPages()}.
     *
     * @return free pages, O(1)
     */
    long availablePages();

    /**
     * Tells how many pages a request really takes ({@link #usedPages()} grows by exactly this).
     *
     * @param numPages  pages wanted, {@code >= 1}
     * @param alignPow2 alignment in bytes
     * @return pages taken, {@code >= numPages}
     * @throws AllocException INVALID_PARAM for a bad count or alignment
     */
    long usableSize(long numPages, long alignPow2);

    /**
     * Grows or shrinks a live run in place, keeping its address.
     *
     * @param pos      the run's address
     * @param oldPages its length in pages
     * @param newPages the length wanted, {@code >= 1}
     * @return true if the run now has {@code newPages}; false (and nothing changed) if the pages after it are taken
     * @throws AllocException NOT_ALLOCATED if the run is not allocated; INVALID_PARAM for bad arguments
     */
    boolean tryResize(long pos, long oldPages, long newPages);
}
