/** The memory module with its tests patched in, and a simple test byte allocator registered the module-path way. */
open module dev.allocator.memory {
    exports dev.allocator.memory;

    requires transitive dev.allocator.api;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.memory.testprovider.FirstFitProvider;

    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
}
