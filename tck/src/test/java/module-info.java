/** The tck with its own tests patched in: a simple allocator per kind, and broken ones the kit must catch. */
open module dev.allocator.tck {
    exports dev.allocator.tck;
    exports dev.allocator.tck.simple;

    requires transitive dev.allocator.api;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.testkit;
}
