/**
 * The tck with its own tests patched in: a simple allocator per kind (also registered as providers named
 * "simple"), and broken ones the kit must catch.
 */
open module dev.allocator.tck {
    exports dev.allocator.tck;
    exports dev.allocator.tck.simple;

    requires transitive dev.allocator.api;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.engine;
    requires org.junit.platform.testkit;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.tck.simple.SimpleProviders.Bytes,
            dev.allocator.tck.simple.SimpleProviders.Pages,
            dev.allocator.tck.simple.SimpleProviders.Ids;
}
