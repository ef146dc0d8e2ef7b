/**
 * The tck with its own tests patched in: the reference allocators registered as providers named "simple", and a
 * deliberately broken provider ("lenient") the option checks must catch.
 */
open module dev.allocator.tck {
    exports dev.allocator.tck;

    requires transitive dev.allocator.api;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.engine;
    requires org.junit.platform.testkit;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.tck.ReferenceProviders.Bytes,
            dev.allocator.tck.ReferenceProviders.Pages,
            dev.allocator.tck.ReferenceProviders.Ids,
            dev.allocator.tck.BrokenAllocators.LenientOptionsProvider;
}
