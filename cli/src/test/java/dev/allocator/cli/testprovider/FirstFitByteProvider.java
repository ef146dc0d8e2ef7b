package dev.allocator.cli.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/** Provides the test byte allocator as "firstfit". */
public final class FirstFitByteProvider implements AllocatorProvider {
    @Override
    public String name() {
        return "firstfit";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.BYTE;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public BaseAllocator create(AllocatorOptions options) {
        return new FirstFitByteAllocator();
    }
}
