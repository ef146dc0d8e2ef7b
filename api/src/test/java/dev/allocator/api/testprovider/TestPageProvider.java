package dev.allocator.api.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;
import org.mockito.Mockito;

/** A PAGE provider named "test-bytes" too: names are unique per kind only. */
public final class TestPageProvider implements AllocatorProvider {
    @Override
    public String name() {
        return "test-bytes";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.PAGE;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public BaseAllocator create(AllocatorOptions options) {
        return Mockito.mock(PageAllocator.class);
    }
}
