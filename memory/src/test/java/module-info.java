/** The memory module with its tests patched in; the byte allocators come from the providers on the test path. */
open module dev.allocator.memory {
    exports dev.allocator.memory;

    requires transitive dev.allocator.api;
    requires dev.allocator.records;

    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
}
