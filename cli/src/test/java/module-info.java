/** The cli module with its tests patched in, and the tck's reference allocators registered the module-path way. */
open module dev.allocator.cli {
    requires dev.allocator.api;
    requires info.picocli;
    requires java.desktop;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.cli.testprovider.FirstFitByteProvider,
            dev.allocator.cli.testprovider.FirstFitPageProvider;

    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires dev.allocator.tck;
}
