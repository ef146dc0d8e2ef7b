/**
 * The allocator interfaces ({@link dev.allocator.api.ByteAllocator}, {@link dev.allocator.api.PageAllocator},
 * {@link dev.allocator.api.IdAllocator}), their errors ({@link dev.allocator.api.AllocException}), alignment
 * helpers, and lookup by name: {@link dev.allocator.api.Allocators} through the context class loader,
 * {@link dev.allocator.api.AllocatorLookup} in a module layer or class loader of your choosing, and
 * {@link dev.allocator.api.PluginFolder} for plugin jars loaded at run time.
 */
package dev.allocator.api;
