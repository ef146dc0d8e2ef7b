/**
 * The TLSF (Two-Level Segregated Fit) byte allocator: {@link dev.allocator.tlsf.TlsfByteAllocator}, and its
 * provider {@link dev.allocator.tlsf.TlsfProvider}, found by the name {@code tlsf}.
 *
 * <p>Package-private helpers, one job each: {@code SizeClasses} maps a size to its free list,
 * {@code FreeLists} holds the lists and their two-level bitmaps, {@code BlockTable} holds the block records in a
 * table hashed by start address.
 */
package dev.allocator.tlsf;
