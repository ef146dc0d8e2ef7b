/**
 * The out-of-band bookkeeping the allocators share: a <em>record</em> per block (a few {@code long} words in one
 * array, numbered, never moved while it lives), an index that finds a record by the block's start address, and
 * doubly linked lists threaded through the records. See the api's package documentation for the vocabulary
 * (region, block, free range, record).
 *
 * <p>Not thread safe. The classes check nothing on their hot paths: callers validate at their public boundary.
 */
package dev.allocator.records;
