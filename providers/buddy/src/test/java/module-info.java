/** The buddy module with its unit tests patched in. */
@SuppressWarnings("module") // the slab module, the qualified export's target, is built after this one
open module dev.allocator.buddy {
    requires transitive dev.allocator.api;

    exports dev.allocator.buddy;
    exports dev.allocator.buddy.internal to dev.allocator.slab;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.buddy.BuddyProvider;

    requires dev.allocator.tck;
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
}
