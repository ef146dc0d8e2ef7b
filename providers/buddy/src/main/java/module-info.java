/**
 * The buddy byte allocator, {@link dev.allocator.buddy.BuddyByteAllocator}, registered as provider {@code buddy}.
 *
 * <p>{@code dev.allocator.buddy.internal} (the primitive address map and linked lists) is shared with the slab
 * allocator only.
 */
@SuppressWarnings("module") // the slab module, the qualified export's target, is built after this one
module dev.allocator.buddy {
    requires transitive dev.allocator.api;

    exports dev.allocator.buddy;
    exports dev.allocator.buddy.internal to dev.allocator.slab;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.buddy.BuddyProvider;
}
