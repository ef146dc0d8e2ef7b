package dev.allocator.memory;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.List;

/** The names of every byte allocator {@link Allocators} finds on the path: the parameters of the tests. */
final class ByteAllocatorNames {
    private ByteAllocatorNames() {
    }

    static List<String> all() {
        List<String> names = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == AllocatorKind.BYTE) {
                names.add(provider.name());
            }
        }
        return names;
    }
}
