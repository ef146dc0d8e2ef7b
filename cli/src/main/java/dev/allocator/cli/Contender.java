package dev.allocator.cli;

import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorLookup;
import dev.allocator.api.Allocators;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * One allocator the user picked, by kind and name, with its options: makes fresh, initialised allocators of it
 * through a lookup ({@link Allocators}' own, or a plugin folder's).
 */
final class Contender {
    private final AllocatorLookup lookup;
    private final String name;
    private final AllocatorKind kind;
    private final AllocatorOptions options;

    /** A contender found through {@link Allocators}' own lookup. */
    Contender(String name, AllocatorKind kind, AllocatorOptions options) {
        this(Allocators.lookup(), name, kind, options);
    }

    Contender(AllocatorLookup lookup, String name, AllocatorKind kind, AllocatorOptions options) {
        this.lookup = lookup;
        this.name = name;
        this.kind = kind;
        this.options = options;
    }

    String name() {
        return name;
    }

    AllocatorKind kind() {
        return kind;
    }

    /**
     * Resolves {@code -a} names (any case; empty means every allocator {@code lookup} finds: byte, page and ID)
     * and hands each the {@code -o} options it takes.
     *
     * @throws UserException for an unknown name (listing the names that exist) or an option no selected allocator
     *                       takes
     */
    static List<Contender> select(AllocatorLookup lookup, List<String> names, Map<String, String> options) {
        List<AllocatorProvider> providers = replayable(lookup.providers());
        List<AllocatorProvider> chosen = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            chosen.addAll(providers);
        } else {
            for (String requested : names) {
                String wanted = requested.strip().toLowerCase(Locale.ROOT);
                boolean found = false;
                for (AllocatorProvider provider : providers) {
                    if (provider.name().toLowerCase(Locale.ROOT).equals(wanted) && !chosen.contains(provider)) {
                        chosen.add(provider);
                        found = true;
                    } else if (provider.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                        found = true;
                    }
                }
                if (!found) {
                    throw new UserException("unknown allocator '" + requested + "'; known: " + describe(providers));
                }
            }
        }
        Map<String, String> unused = new LinkedHashMap<>(options == null ? Map.of() : options);
        List<Contender> contenders = new ArrayList<>();
        for (AllocatorProvider provider : chosen) {
            Map<String, String> own = new LinkedHashMap<>();
            if (options != null) {
                options.forEach((key, value) -> {
                    if (provider.defaults().containsKey(key)) {
                        own.put(key, value);
                        unused.remove(key);
                    }
                });
            }
            contenders.add(new Contender(lookup, provider.name(), provider.kind(), AllocatorOptions.of(own)));
        }
        if (!unused.isEmpty()) {
            throw new UserException("no selected allocator takes option '" + unused.keySet().iterator().next()
                    + "'; see 'allocator list' for the options of each");
        }
        return contenders;
    }

    /**
     * The providers whose allocators replay traces: byte, page and ID (ID traces come from the built-in
     * workloads), in {@link AllocatorLookup#providers()} order.
     */
    static List<AllocatorProvider> replayable(List<AllocatorProvider> providers) {
        List<AllocatorProvider> result = new ArrayList<>();
        for (AllocatorProvider provider : providers) {
            if (provider.kind() == AllocatorKind.BYTE || provider.kind() == AllocatorKind.PAGE
                    || provider.kind() == AllocatorKind.ID) {
                result.add(provider);
            }
        }
        return result;
    }

    private static String describe(List<AllocatorProvider> providers) {
        if (providers.isEmpty()) {
            return "none (no allocator module on the module path)";
        }
        TreeSet<String> names = new TreeSet<>();
        for (AllocatorProvider provider : providers) {
            names.add(provider.name() + " (" + provider.kind().name().toLowerCase(Locale.ROOT) + ")");
        }
        StringJoiner joiner = new StringJoiner(", ");
        names.forEach(joiner::add);
        return joiner.toString();
    }

    /**
     * Creates a new allocator and gives it the region {@code [0, pool)}: bytes for a byte allocator, for a page
     * allocator the whole pages of it, for an ID allocator the IDs {@code 0..pool-1}.
     *
     * @throws UserException if the options are rejected or the pool is too small for this allocator
     */
    BaseAllocator create(long pool) {
        BaseAllocator allocator;
        try {
            switch (kind) {
                case PAGE:
                    allocator = lookup.pageAllocator(name, options);
                    break;
                case ID:
                    allocator = lookup.idAllocator(name, options);
                    break;
                default:
                    allocator = lookup.byteAllocator(name, options);
            }
        } catch (AllocException e) {
            throw new UserException(name + ": " + e.getMessage(), e);
        }
        long usable = pool;
        if (allocator instanceof PageAllocator) {
            long pageSize = ((PageAllocator) allocator).pageSize();
            usable = pool - pool % pageSize;
            if (usable == 0) {
                throw new UserException("pool too small: " + Sizes.exact(pool) + " holds no " + Sizes.exact(pageSize)
                        + " page of " + name);
            }
        } else if (pool <= 0) {
            throw new UserException("pool too small: " + Sizes.exact(pool) + " for " + name);
        }
        try {
            allocator.init(0, usable);
        } catch (AllocException e) {
            throw new UserException("pool too small or invalid for " + name + " (" + Sizes.exact(pool) + "): "
                    + e.getMessage(), e);
        }
        return allocator;
    }

    /**
     * Bytes of one unit of {@link dev.allocator.api.BaseAllocator#stats()}: 1, or the page size; 1 for an ID
     * allocator, whose "bytes" are then IDs.
     */
    static long unitBytes(BaseAllocator allocator) {
        return allocator instanceof PageAllocator ? ((PageAllocator) allocator).pageSize() : 1;
    }

    /** Tells whether this contender can run {@code trace}. */
    boolean runs(Trace trace) {
        return trace.kind() == kind;
    }
}
