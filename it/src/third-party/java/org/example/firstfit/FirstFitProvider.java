package org.example.firstfit;

import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/** The byte allocator {@code firstfit}: option {@code granularity}, a power of two from 8 to 4096 (default 8). */
public final class FirstFitProvider implements AllocatorProvider {
    /** Creates the provider; cheap, as {@link AllocatorProvider} asks. */
    public FirstFitProvider() {
    }

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
        return Map.of("granularity", "8");
    }

    @Override
    public BaseAllocator create(AllocatorOptions options) {
        long granularity = options.getSize("granularity");
        if (!Alignment.isPowerOfTwo(granularity) || granularity < 8 || granularity > 4096) {
            throw AllocException.invalidParam("granularity " + granularity
                    + " is not a power of two from 8 to 4096");
        }
        return new FirstFitByteAllocator(granularity);
    }

    @Override
    public String description() {
        return "first-fit byte allocator over a sorted block list (third-party example)";
    }
}
