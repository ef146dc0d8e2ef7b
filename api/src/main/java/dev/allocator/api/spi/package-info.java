/**
 * For provider authors: {@link dev.allocator.api.spi.AllocatorProvider} (the service), its options, and
 * {@link dev.allocator.api.spi.Regions}, the region bookkeeping every allocator needs.
 */
package dev.allocator.api.spi;
