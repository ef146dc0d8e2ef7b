/**
 * The TLSF (Two-Level Segregated Fit) byte allocator: O(1) allocation and free, metadata out of band.
 *
 * <p>Use {@link dev.allocator.tlsf.TlsfByteAllocator} directly, or look it up by name:
 * {@code Allocators.byteAllocator("tlsf")}.
 */
module dev.allocator.tlsf {
    requires transitive dev.allocator.api;
    requires dev.allocator.records;

    exports dev.allocator.tlsf;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.tlsf.TlsfProvider;
}
