/** The tlsf module with its tests patched in. */
open module dev.allocator.tlsf {
    requires transitive dev.allocator.api;
    requires dev.allocator.records;

    exports dev.allocator.tlsf;

    provides dev.allocator.api.spi.AllocatorProvider with dev.allocator.tlsf.TlsfProvider;

    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires dev.allocator.tck;
}
