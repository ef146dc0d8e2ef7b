/**
 * The slab byte allocator: {@link dev.allocator.slab.SlabByteAllocator} and its provider
 * {@link dev.allocator.slab.SlabProvider} ({@code slab}).
 */
package dev.allocator.slab;
