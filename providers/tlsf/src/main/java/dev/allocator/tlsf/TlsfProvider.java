package dev.allocator.tlsf;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/**
 * Makes {@link TlsfByteAllocator}s for {@code Allocators.byteAllocator("tlsf", options)}.
 *
 * <p>Options: {@code sl-bits} (log2 of the second-level lists per power of two, 0 to 6, default 5),
 * {@code granularity} (minimum block and rounding unit, a power of two, default 16 bytes; size suffixes such as
 * {@code 4KiB} accepted), {@code initial-blocks} (blocks the metadata is sized for before it first grows, default
 * 256; set it to the most blocks you expect for allocation without any array growth).
 */
public final class TlsfProvider implements AllocatorProvider {
    /** The name this provider is found by. */
    public static final String NAME = "tlsf";
    /** Option: log2 of the number of second-level lists per first-level class. */
    public static final String SECOND_LEVEL_BITS = "sl-bits";
    /** Option: minimum block size and rounding unit in bytes. */
    public static final String GRANULARITY = "granularity";
    /** Option: number of blocks the metadata is presized for. */
    public static final String INITIAL_BLOCKS = "initial-blocks";

    static final Map<String, String> DEFAULTS = Map.of(
            SECOND_LEVEL_BITS, Integer.toString(TlsfByteAllocator.DEFAULT_SECOND_LEVEL_BITS),
            GRANULARITY, Integer.toString(TlsfByteAllocator.DEFAULT_GRANULARITY),
            INITIAL_BLOCKS, Integer.toString(TlsfByteAllocator.DEFAULT_INITIAL_BLOCKS));

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public TlsfProvider() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public AllocatorKind kind() {
        return AllocatorKind.BYTE;
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, String> defaults() {
        return DEFAULTS;
    }

    /**
     * {@inheritDoc}
     *
     * @return a new, uninitialised {@link TlsfByteAllocator}
     */
    @Override
    public BaseAllocator create(AllocatorOptions options) {
        return TlsfByteAllocator.create(options);
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "TLSF byte allocator: two-level segregated fit, O(1) alloc and free";
    }
}
