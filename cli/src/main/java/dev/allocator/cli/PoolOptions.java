package dev.allocator.cli;

import dev.allocator.api.AllocatorLookup;
import dev.allocator.api.spi.AllocatorKind;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The pool sizes, allocator options and plugin folder every command that runs allocators takes. */
final class PoolOptions {
    /** The default pool of byte allocators: the size the shared traces are meant for. */
    static final long DEFAULT_BYTE_POOL = 128L << 20;
    /** The default pool of page allocators: 4 GiB, 1 Mi pages of 4 KiB, as the page trace assumes. */
    static final long DEFAULT_PAGE_POOL = 4L << 30;
    /** The default pool of ID allocators: 1 Mi IDs. */
    static final long DEFAULT_ID_POOL = 1L << 20;

    @Option(names = "--pool", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "128MiB",
            description = "Bytes a byte allocator manages, from address 0 (default: ${DEFAULT-VALUE}).")
    long bytePool = DEFAULT_BYTE_POOL;

    @Option(names = "--page-pool", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "4GiB",
            description = "Bytes a page allocator manages, from address 0 (default: ${DEFAULT-VALUE}).")
    long pagePool = DEFAULT_PAGE_POOL;

    @Option(names = "--id-pool", paramLabel = "COUNT", defaultValue = "1048576",
            description = "IDs an ID allocator manages, from 0 (default: ${DEFAULT-VALUE}).")
    long idPool = DEFAULT_ID_POOL;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "An allocator option, given to each selected allocator that takes KEY (see 'list').")
    Map<String, String> options = new LinkedHashMap<>();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    /** The pool for allocators of {@code kind}: bytes, or IDs for an ID allocator. */
    long poolFor(AllocatorKind kind) {
        switch (kind) {
            case PAGE:
                return pagePool;
            case ID:
                return idPool;
            default:
                return bytePool;
        }
    }

    /** Where the allocators are found: the module path, and the {@code --plugins} folder if given. */
    AllocatorLookup lookup() {
        return plugins.lookup();
    }
}
