package dev.allocator.cli.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.tck.ReferencePageAllocator;
import java.util.Map;

/** Provides the tck's reference page allocator (first fit) as "firstfit-pages", with option {@code page-size}. */
public final class FirstFitPageProvider implements AllocatorProvider {
    @Override
    public String name() {
        return "firstfit-pages";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.PAGE;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("page-size", "4KiB");
    }

    @Override
    public BaseAllocator create(AllocatorOptions options) {
        return new ReferencePageAllocator(options.getSize("page-size"));
    }
}
