package dev.allocator.buddy;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/**
 * Provides {@link BuddyByteAllocator} under the name {@code buddy}. Options: {@code min-block} (the smallest block,
 * a power of two, default 16 bytes; size suffixes allowed) and {@code max-order} (number of orders, 1 to 62,
 * default 32: blocks up to 2 GiB).
 */
public final class BuddyProvider implements AllocatorProvider {
    private static final Map<String, String> DEFAULTS = Map.of(
            "min-block", String.valueOf(BuddyByteAllocator.DEFAULT_MIN_BLOCK),
            "max-order", String.valueOf(BuddyByteAllocator.DEFAULT_MAX_ORDER));

    /** Creates the provider; cheap, allocators are made only by {@link #create(AllocatorOptions)}. */
    public BuddyProvider() {
    }

    @Override
    public String name() {
        return "buddy";
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
     * @throws dev.allocator.api.AllocException INVALID_PARAM if {@code min-block} is not a power of two below the
     *         largest block, or {@code max-order} is not in [1, 62]
     */
    @Override
    public BaseAllocator create(AllocatorOptions options) {
        AllocatorOptions all = options.withDefaults(DEFAULTS, name());
        return new BuddyByteAllocator(all.getSize("min-block"), all.getInt("max-order"));
    }

    @Override
    public String description() {
        return "buddy byte allocator: power-of-two blocks, O(max-order) alloc and free";
    }
}
