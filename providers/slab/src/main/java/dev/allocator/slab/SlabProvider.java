package dev.allocator.slab;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/**
 * Provides {@link SlabByteAllocator} under the name {@code slab}. Options: {@code classes} (comma-separated block
 * sizes, powers of two in increasing order, size suffixes allowed; default {@code 64,128,256,512,1024,2048,4096}),
 * {@code blocks-per-grow} (a power of two from 1 to 64, default 64) and {@code return-empty} (give empty chunks back
 * to the buddy, default {@code true}).
 */
public final class SlabProvider implements AllocatorProvider {
    private static final Map<String, String> DEFAULTS = Map.of(
            "classes", "64,128,256,512,1024,2048,4096",
            "blocks-per-grow", String.valueOf(SlabByteAllocator.DEFAULT_BLOCKS_PER_GROW),
            "return-empty", "true");

    /** Creates the provider; cheap, allocators are made only by {@link #create(AllocatorOptions)}. */
    public SlabProvider() {
    }

    @Override
    public String name() {
        return "slab";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.BYTE;
    }

    @Override
    public Map<String, String> defaults() {
        return DEFAULTS;
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.allocator.api.AllocException INVALID_PARAM if a class is not a power of two or out of order,
     *         {@code blocks-per-grow} is not a power of two from 1 to 64, or {@code return-empty} is not a boolean
     */
    @Override
    public BaseAllocator create(AllocatorOptions options) {
        AllocatorOptions all = options.withDefaults(DEFAULTS, name());
        return new SlabByteAllocator(all.getSizeList("classes"), all.getInt("blocks-per-grow"),
                all.getBoolean("return-empty"));
    }

    @Override
    public String description() {
        return "slab byte allocator: size classes over a buddy backend, O(1) for class sizes";
    }
}
