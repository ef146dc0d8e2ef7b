package dev.allocator.api.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;
import org.mockito.Mockito;

/** An ID provider that creates what it says, beside the broken "wrong-type". */
public final class TestIdProvider implements AllocatorProvider {
    @Override
    public String name() {
        return "test-ids";
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
        return Mockito.mock(IdAllocator.class);
    }
}
