package dev.allocator.bitmap;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;
import java.util.Objects;

/** Provides {@link BitmapIdAllocator} as the ID allocator named {@code bitmap}. It takes no options. */
public final class BitmapIdProvider implements AllocatorProvider {
    /** Creates the provider; cheap, creates no allocator. */
    public BitmapIdProvider() {
    }

    @Override
    public String name() {
        return "bitmap";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.ID;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code options} is null
     */
    @Override
    public BaseAllocator create(AllocatorOptions options) {
        Objects.requireNonNull(options, "options");
        return new BitmapIdAllocator();
    }

    @Override
    public String description() {
        return "bitmap ID allocator: lowest free ID first, aligned ranges, one bit per ID";
    }
}
