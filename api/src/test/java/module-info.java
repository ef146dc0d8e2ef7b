/** The api module with its tests patched in, and test providers registered the module-path way. */
open module dev.allocator.api {
    exports dev.allocator.api;
    exports dev.allocator.api.spi;

    uses dev.allocator.api.spi.AllocatorProvider;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.api.testprovider.TestByteProvider,
            dev.allocator.api.testprovider.TestPageProvider,
            dev.allocator.api.testprovider.TestIdProvider,
            dev.allocator.api.testprovider.WrongTypeProvider;

    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.mockito;
    requires java.compiler;
}
