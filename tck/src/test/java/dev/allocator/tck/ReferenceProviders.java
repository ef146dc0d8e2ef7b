package dev.allocator.tck;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/**
 * The reference allocators as providers named "simple", so that {@link Conformance} finds them by name; the page
 * allocator takes the option {@code page-size}, so that the option checks have a real option to check.
 */
public final class ReferenceProviders {
    private ReferenceProviders() {
    }

    /** BYTE "simple". */
    public static final class Bytes implements AllocatorProvider {
        @Override
        public String name() {
            return "simple";
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

    /** PAGE "simple", option {@code page-size} (a power of two, default 4 KiB). */
    public static final class Pages implements AllocatorProvider {
        @Override
        public String name() {
            return "simple";
        }

        @Override
        public AllocatorKind kind() {
            return AllocatorKind.PAGE;
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("page-size", "4KiB");
        }

        @Override
        public BaseAllocator create(AllocatorOptions options) {
            return new ReferencePageAllocator(options.getSize("page-size"));
        }
    }

    /** ID "simple". */
    public static final class Ids implements AllocatorProvider {
        @Override
        public String name() {
            return "simple";
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
            return new ReferenceIdAllocator();
        }
    }
}
