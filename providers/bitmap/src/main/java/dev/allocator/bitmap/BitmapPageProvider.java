package dev.allocator.bitmap;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;
import java.util.Objects;

/**
 * Provides {@link BitmapPageAllocator} as the PAGE allocator named {@code bitmap}.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code page-size}: bytes per page, a power of two, default {@code 4096} (suffixes such as {@code 4KiB}
 *       work);</li>
 *   <li>{@code capacity}: the most bytes of pages all regions together may hold, default {@code 0} meaning no
 *       limit (metadata grows with the regions added, not with this value). It replaces the original's Cargo
 *       features {@code page-alloc-256m} ... {@code page-alloc-1t}, as an upper bound only.</li>
 * </ul>
 */
public final class BitmapPageProvider implements AllocatorProvider {
    /** Creates the provider; cheap, creates no allocator. */
    public BitmapPageProvider() {
    }

    @Override
    public String name() {
        return "bitmap";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.PAGE;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("page-size", Long.toString(BitmapPageAllocator.DEFAULT_PAGE_SIZE), "capacity", "0");
    }

    /**
     * {@inheritDoc}
     *
     * @throws AllocException       INVALID_PARAM naming the option if {@code page-size} is not a power of two or
     *                              an option is not a size
     * @throws NullPointerException if {@code options} is null
     */
    @Override
    public BaseAllocator create(AllocatorOptions options) {
        Objects.requireNonNull(options, "options");
        long pageSize = options.getSize("page-size");
        if (!Alignment.isPowerOfTwo(pageSize)) {
            throw AllocException.invalidParam("option page-size=" + options.get("page-size")
                    + " is not a power of two");
        }
        return new BitmapPageAllocator(pageSize, options.getSize("capacity"));
    }

    @Override
    public String description() {
        return "bitmap page allocator: one bit per page, runs found by a summary tree, any alignment";
    }
}
