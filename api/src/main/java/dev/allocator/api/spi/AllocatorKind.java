package dev.allocator.api.spi;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;

/** Which interface a provider's allocators implement. Names are unique per kind, not across kinds. */
public enum AllocatorKind {
    /** {@link ByteAllocator}. */
    BYTE(ByteAllocator.class),
    /** {@link PageAllocator}. */
    PAGE(PageAllocator.class),
    /** {@link IdAllocator}. */
    ID(IdAllocator.class);

    private final Class<? extends BaseAllocator> type;

    AllocatorKind(Class<? extends BaseAllocator> type) {
        this.type = type;
    }

    /**
     * Returns the interface allocators of this kind implement.
     *
     * @return {@code ByteAllocator.class}, {@code PageAllocator.class} or {@code IdAllocator.class}
     */
    public Class<? extends BaseAllocator> type() {
        return type;
    }
}
