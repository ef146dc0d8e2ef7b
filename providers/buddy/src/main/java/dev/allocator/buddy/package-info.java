/**
 * The buddy byte allocator: {@link dev.allocator.buddy.BuddyByteAllocator} and its provider
 * {@link dev.allocator.buddy.BuddyProvider} ({@code buddy}).
 */
package dev.allocator.buddy;
