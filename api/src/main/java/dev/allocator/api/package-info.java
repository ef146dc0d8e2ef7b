/**
 * The allocator interfaces ({@link dev.allocator.api.ByteAllocator}, {@link dev.allocator.api.PageAllocator},
 * {@link dev.allocator.api.IdAllocator}), their errors ({@link dev.allocator.api.AllocException}), alignment
 * helpers, and {@link dev.allocator.api.Allocators}, which finds allocators by name.
 */
package dev.allocator.api;
