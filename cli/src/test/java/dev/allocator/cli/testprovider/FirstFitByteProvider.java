package dev.allocator.cli.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.tck.ReferenceByteAllocator;
import java.util.Map;

/** Provides the tck's reference byte allocator (first fit, 8-byte rounding) as "firstfit", for the golden tests. */
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
        return new ReferenceByteAllocator();
    }
}
