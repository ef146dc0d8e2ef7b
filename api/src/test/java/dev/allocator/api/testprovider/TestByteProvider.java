package dev.allocator.api.testprovider;

import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Map;
import org.mockito.Mockito;

/** A BYTE provider named "Test-Bytes" (mixed case on purpose); remembers the options it was given. */
public class TestByteProvider implements AllocatorProvider {
    /** The options of the last {@link #create(AllocatorOptions)}. */
    public static volatile AllocatorOptions lastOptions;

    @Override
    public String name() {
        return "Test-Bytes";
    }

    @Override
    public AllocatorKind kind() {
        return AllocatorKind.BYTE;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("granularity", "16", "pool", "1MiB");
    }

    @Override
    public BaseAllocator create(AllocatorOptions options) {
        lastOptions = options;
        return Mockito.mock(ByteAllocator.class);
    }
}
