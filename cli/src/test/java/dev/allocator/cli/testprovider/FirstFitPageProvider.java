package dev.allocator.cli.testprovider;

import dev.allocator.api.AllocException;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/** Provides the test page allocator as "firstfit-pages", with option {@code page-size}. */
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
        long pageSize = options.getSize("page-size");
        if (pageSize <= 0 || (pageSize & (pageSize - 1)) != 0) {
            throw AllocException.invalidParam("page-size " + pageSize + " is not a power of two");
        }
        return new FirstFitPageAllocator(pageSize);
    }
}
