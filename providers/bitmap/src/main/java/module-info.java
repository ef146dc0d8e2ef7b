/**
 * The bitmap page allocator and the bitmap ID allocator, found by the name {@code bitmap} (kinds PAGE and ID).
 */
module dev.allocator.bitmap {
    requires transitive dev.allocator.api;

    exports dev.allocator.bitmap;

    provides dev.allocator.api.spi.AllocatorProvider with
            dev.allocator.bitmap.BitmapPageProvider,
            dev.allocator.bitmap.BitmapIdProvider;
}
