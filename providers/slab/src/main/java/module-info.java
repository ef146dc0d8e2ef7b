/**
 * The slab byte allocator, {@link dev.allocator.slab.SlabByteAllocator}, registered as provider {@code slab}. Its
 * chunks come from the buddy allocator of {@code dev.allocator.buddy}; its chunk records are its own (one array of
 * four {@code long}s a chunk, the fields a free reads in one record).
 */
module dev.allocator.slab {
    requires transitive dev.allocator.api;
    requires dev.allocator.buddy;

    exports dev.allocator.slab;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.slab.SlabProvider;
}
