/** The bitmap module with its tests patched in. */
open module dev.allocator.bitmap {
    requires transitive dev.allocator.api;

    exports dev.allocator.bitmap;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.bitmap.BitmapPageProvider,
            dev.allocator.bitmap.BitmapIdProvider;

    requires org.junit.jupiter.api;
    requires dev.allocator.tck;
}
