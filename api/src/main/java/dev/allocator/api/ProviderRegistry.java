package dev.allocator.api;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.StringJoiner;

/**
 * The providers one class loader sees, indexed by (kind, lower-case name). Built once from a
 * {@link java.util.ServiceLoader} iterator and never changed.
 *
 * <p>A provider that fails to load does not hide the others: each {@link ServiceConfigurationError} is caught on
 * its own and kept, to be shown when a name is not found. Two providers of one (kind, name) fail the build,
 * naming both classes. The registry holds its providers strongly, and so their class loaders: whoever holds a
 * registry decides how long those loaders live ({@link AllocatorLookup}, {@link ContextLookups}).
 */
final class ProviderRegistry {
    /** Guards against an iterator that keeps failing without advancing. */
    private static final int MAX_FAILURES = 64;

    /** Which module adds each of the project's own names, for the unknown-name message. */
    private static final Map<String, String> KNOWN_MODULES = Map.of(
            "BYTE tlsf", "dev.allocator.tlsf (artifact dev.allocator:allocator-tlsf)",
            "BYTE buddy", "dev.allocator.buddy (artifact dev.allocator:allocator-buddy)",
            "BYTE slab", "dev.allocator.slab (artifact dev.allocator:allocator-slab)",
            "PAGE bitmap", "dev.allocator.bitmap (artifact dev.allocator:allocator-bitmap)",
            "ID bitmap", "dev.allocator.bitmap (artifact dev.allocator:allocator-bitmap)");

    /** The method that creates an allocator of each kind, for the message that points to another kind. */
    private static final Map<AllocatorKind, String> FACTORY_METHODS = Map.of(
            AllocatorKind.BYTE, "byteAllocator", AllocatorKind.PAGE, "pageAllocator", AllocatorKind.ID, "idAllocator");

    private final Map<String, AllocatorProvider> byKey;
    private final List<AllocatorProvider> providers;
    private final List<ServiceConfigurationError> failures;

    private ProviderRegistry(Map<String, AllocatorProvider> byKey, List<ServiceConfigurationError> failures) {
        this.byKey = byKey;
        List<AllocatorProvider> sorted = new ArrayList<>(byKey.values());
        sorted.sort(Comparator.comparing(AllocatorProvider::kind).thenComparing(AllocatorProvider::name));
        this.providers = Collections.unmodifiableList(sorted);
        this.failures = Collections.unmodifiableList(failures);
    }

    /**
     * Builds a registry from a service iterator whose {@code hasNext}/{@code next} may throw
     * {@link ServiceConfigurationError}.
     *
     * @throws IllegalStateException if two providers share a (kind, name), naming both classes
     */
    static ProviderRegistry build(Iterator<AllocatorProvider> source) {
        Map<String, AllocatorProvider> byKey = new LinkedHashMap<>();
        List<ServiceConfigurationError> failures = new ArrayList<>();
        while (true) {
            AllocatorProvider provider;
            try {
                if (!source.hasNext()) {
                    break;
                }
                provider = source.next();
            } catch (ServiceConfigurationError e) {
                failures.add(e);
                if (failures.size() >= MAX_FAILURES) {
                    break;
                }
                continue;
            }
            String key = key(provider.kind(), provider.name());
            AllocatorProvider previous = byKey.putIfAbsent(key, provider);
            if (previous != null) {
                throw new IllegalStateException("two providers of " + provider.kind() + " allocator '"
                        + provider.name() + "': " + previous.getClass().getName() + " and "
                        + provider.getClass().getName() + "; remove one of them from the path");
            }
        }
        return new ProviderRegistry(byKey, failures);
    }

    List<AllocatorProvider> providers() {
        return providers;
    }

    List<ServiceConfigurationError> failures() {
        return failures;
    }

    /**
     * Finds a provider.
     *
     * @param scope    where the providers were looked for, for the message (e.g. {@code "module layer [a, b]
     *                 and its parents"}), or null for {@link Allocators}' own lookup, whose message names none
     * @param skipped  plugins left out before the providers were loaded, shown in the message
     * @throws IllegalArgumentException listing the names of that kind, the kinds that do have the name, the module
     *                                  that would add it, the plugins skipped and every provider that failed to load
     */
    AllocatorProvider find(AllocatorKind kind, String name, String scope, List<PluginProblem> skipped) {
        AllocatorProvider provider = byKey.get(key(kind, name));
        if (provider != null) {
            return provider;
        }
        StringJoiner names = new StringJoiner(", ");
        for (AllocatorProvider candidate : providers) {
            if (candidate.kind() == kind) {
                names.add(candidate.name());
            }
        }
        StringBuilder message = new StringBuilder()
                .append("no ").append(kind).append(" allocator named '").append(name).append("'")
                .append(scope == null ? "" : " in " + scope).append("; ")
                .append(names.length() == 0 ? "none of that kind is on the path" : "available: " + names);
        appendOtherKinds(message, kind, name);
        String module = KNOWN_MODULES.get(key(kind, name));
        if (module != null) {
            message.append("; '").append(name.toLowerCase(Locale.ROOT)).append("' comes with module ")
                    .append(module).append(": put it on the module path or class path");
        }
        for (PluginProblem problem : skipped) {
            message.append("; plugin skipped: ").append(problem);
        }
        for (ServiceConfigurationError failure : failures) {
            message.append("; a provider failed to load: ").append(failure.getMessage());
            if (failure.getCause() != null) {
                message.append(" (").append(failure.getCause()).append(')');
            }
        }
        IllegalArgumentException exception = new IllegalArgumentException(message.toString());
        failures.forEach(exception::addSuppressed);
        throw exception;
    }

    /**
     * Adds "'bitmap' exists as a PAGE allocator and as an ID allocator: ask for it with pageAllocator("bitmap") or
     * idAllocator("bitmap")" when the name is there under kinds other than the one asked for.
     */
    private void appendOtherKinds(StringBuilder message, AllocatorKind asked, String name) {
        List<AllocatorProvider> others = new ArrayList<>();
        for (AllocatorKind kind : AllocatorKind.values()) {
            AllocatorProvider other = kind == asked ? null : byKey.get(key(kind, name));
            if (other != null) {
                others.add(other);
            }
        }
        if (others.isEmpty()) {
            return;
        }
        StringJoiner kinds = new StringJoiner(" and as ", "; '" + name + "' exists as ", "");
        StringJoiner calls = new StringJoiner(" or ", ": ask for it with ", "");
        for (AllocatorProvider other : others) {
            kinds.add(article(other.kind()) + " " + other.kind() + " allocator");
            calls.add(FACTORY_METHODS.get(other.kind()) + "(\"" + other.name() + "\")");
        }
        message.append(kinds).append(calls);
    }

    private static String article(AllocatorKind kind) {
        return kind == AllocatorKind.ID ? "an" : "a";
    }

    private static String key(AllocatorKind kind, String name) {
        return kind + " " + name.toLowerCase(Locale.ROOT);
    }
}
