/**
 * The slab byte allocator, {@link dev.allocator.slab.SlabByteAllocator}, registered as provider {@code slab}. Its
 * chunks come from the buddy allocator of {@code dev.allocator.buddy}; its chunk records live in
 * {@code dev.allocator.records}.
 */
module dev.allocator.slab {
    requires transitive dev.allocator.api;
    requires dev.allocator.buddy;
    requires dev.allocator.records;

    exports dev.allocator.slab;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.slab.SlabProvider;
}
