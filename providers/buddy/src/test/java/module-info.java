/** The buddy module with its unit tests patched in. */
open module dev.allocator.buddy {
    requires transitive dev.allocator.api;
    requires dev.allocator.records;

    exports dev.allocator.buddy;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.buddy.BuddyProvider;

    requires dev.allocator.tck;
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
}
