/**
 * The allocator interfaces ({@link dev.allocator.api.ByteAllocator}, {@link dev.allocator.api.PageAllocator},
 * {@link dev.allocator.api.IdAllocator}), their errors ({@link dev.allocator.api.AllocException}), alignment
 * helpers, and lookup by name: {@link dev.allocator.api.Allocators} through the context class loader,
 * {@link dev.allocator.api.AllocatorLookup} in a module layer or class loader of your choosing, and
 * {@link dev.allocator.api.PluginFolder} for plugin jars loaded at run time.
 *
 * <h2>Words used throughout</h2>
 * <dl>
 *   <dt>region</dt>
 *   <dd>a range {@code [start, start + size)} given to {@code init} or {@code addMemory}; regions never overlap
 *       and never merge, even when adjacent. An allocator may use only an aligned part of a region (its
 *       {@code totalBytes()} says how much).</dd>
 *   <dt>block</dt>
 *   <dd>a piece of a region the allocator keeps account of, used (handed out by {@code alloc}, live until its
 *       {@code dealloc}) or free. {@code forEachBlock} reports blocks in address order; {@code liveBlocks} counts
 *       the used ones.</dd>
 *   <dt>free range</dt>
 *   <dd>free space an allocator can hand out as one piece: a free block, or a run of free units for the bitmap
 *       allocators. {@code stats().freeRanges()} counts them and {@code largestFree()} is the largest, which is
 *       the largest request that can succeed.</dd>
 *   <dt>record</dt>
 *   <dd>the out-of-band bookkeeping of one block (its start, neighbours, list links) in the allocator's own
 *       primitive arrays, never in the managed memory. Metadata costs a few tens of bytes per record.</dd>
 * </dl>
 */
package dev.allocator.api;
