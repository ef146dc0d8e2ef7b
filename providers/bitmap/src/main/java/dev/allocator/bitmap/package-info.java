/**
 * Bitmap allocators: {@link dev.allocator.bitmap.BitmapPageAllocator} (pages) and
 * {@link dev.allocator.bitmap.BitmapIdAllocator} (IDs), both one bit per unit with a summary tree that finds runs
 * of free units in O(log n), and their providers, both named {@code bitmap}.
 */
package dev.allocator.bitmap;
