package dev.allocator.api.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;
import org.mockito.Mockito;

/** A broken provider: claims ID but creates a page allocator. */
public final class WrongTypeProvider implements AllocatorProvider {
    @Override
    public String name() {
        return "wrong-type";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.ID;
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
