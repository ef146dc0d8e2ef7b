/** The slab module with its unit tests patched in. */
open module dev.allocator.slab {
    requires transitive dev.allocator.api;
    requires dev.allocator.buddy;

    exports dev.allocator.slab;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.slab.SlabProvider;

    requires dev.allocator.tck;
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
}
