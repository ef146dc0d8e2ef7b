package dev.allocator.tck.simple;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;

/** The simple allocators as providers named "simple", so that {@code Conformance} finds them by name. */
public final class SimpleProviders {
    private SimpleProviders() {
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
            return new SimpleByteAllocator();
        }
    }

    /** PAGE "simple". */
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
            return Map.of();
        }

        @Override
        public BaseAllocator create(AllocatorOptions options) {
            return new SimplePageAllocator();
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
            return new SimpleIdAllocator();
        }
    }
}
