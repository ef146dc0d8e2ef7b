/**
 * The buddy byte allocator, {@link dev.allocator.buddy.BuddyByteAllocator}, registered as provider {@code buddy}.
 * Its block records live in {@code dev.allocator.records}.
 */
module dev.allocator.buddy {
    requires transitive dev.allocator.api;
    requires dev.allocator.records;

    exports dev.allocator.buddy;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.buddy.BuddyProvider;
}
