/**
 * The slab byte allocator, {@link dev.allocator.slab.SlabByteAllocator}, registered as provider {@code slab}. Its
 * chunks come from the buddy allocator of {@code dev.allocator.buddy}.
 */
module dev.allocator.slab {
    requires transitive dev.allocator.api;
    requires dev.allocator.buddy;

    exports dev.allocator.slab;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.slab.SlabProvider;
}
