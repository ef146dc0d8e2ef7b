package dev.allocator.memory.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/** Registers {@link FirstFitByteAllocator} as the byte allocator {@code "first-fit"} (tests only). */
public final class FirstFitProvider implements AllocatorProvider {
    /** The name this provider registers. */
    public static final String NAME = "first-fit";

    @Override
    public String name() {
        return NAME;
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

    @Override
    public String description() {
        return "first-fit byte allocator for the memory module's tests";
    }
}
