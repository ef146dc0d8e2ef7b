package dev.allocator.api;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds allocators by name, and wraps them for use from several threads.
 *
 * <pre>{@code
 * ByteAllocator heap = Allocators.byteAllocator("tlsf");
 * heap.init(0, 128L << 20);
 * long block = heap.alloc(4096, 64);
 * heap.dealloc(block, 4096, 64);
 * }</pre>
 *
 * <p>Providers come from {@link ServiceLoader}: {@code provides} clauses of modules on the module path and
 * {@code META-INF/services} files of jars on the class path, as seen by the thread's context class loader (or
 * this class's loader where there is none). They are loaded once per class loader and kept; {@link #reload()}
 * forgets them. Names are matched ignoring case. Lookup is thread safe.
 *
 * <p>Keeping them never keeps a class loader alive: a context class loader that could be unloaded (a plugin
 * layer's, a web application's) is held only weakly, and its providers live as long as it does. Such a loader
 * must define one of the providers it sees for them to be kept; otherwise they are loaded again on each call.
 * To look in a module layer or a plugin folder of your choosing, use {@link AllocatorLookup} and
 * {@link PluginFolder}, which have the same methods.
 */
public final class Allocators {
    private Allocators() {
    }

    /**
     * Creates a byte allocator with default options.
     *
     * @param name provider name, e.g. {@code "tlsf"}, any case
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no byte allocator has that name (the message lists those that exist,
     *                                  and the other kinds that have the name)
     */
    public static ByteAllocator byteAllocator(String name) {
        return byteAllocator(name, AllocatorOptions.empty());
    }

    /**
     * Creates a byte allocator.
     *
     * @param name    provider name, any case
     * @param options options, each a key of the provider's defaults
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} or {@code options} is null
     * @throws IllegalArgumentException if no byte allocator has that name
     * @throws AllocException           INVALID_PARAM for an unknown option key (the message lists the keys) or a
     *                                  bad value
     */
    public static ByteAllocator byteAllocator(String name, AllocatorOptions options) {
        return (ByteAllocator) create(AllocatorKind.BYTE, name, options);
    }

    /**
     * Creates a page allocator with default options.
     *
     * @param name provider name, e.g. {@code "bitmap"}
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no page allocator has that name
     */
    public static PageAllocator pageAllocator(String name) {
        return pageAllocator(name, AllocatorOptions.empty());
    }

    /**
     * Creates a page allocator.
     *
     * @param name    provider name
     * @param options options, e.g. {@code page-size}
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} or {@code options} is null
     * @throws IllegalArgumentException if no page allocator has that name
     * @throws AllocException           INVALID_PARAM for an unknown option key or a bad value
     */
    public static PageAllocator pageAllocator(String name, AllocatorOptions options) {
        return (PageAllocator) create(AllocatorKind.PAGE, name, options);
    }

    /**
     * Creates an ID allocator with default options.
     *
     * @param name provider name, e.g. {@code "bitmap"}
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no ID allocator has that name
     */
    public static IdAllocator idAllocator(String name) {
        return idAllocator(name, AllocatorOptions.empty());
    }

    /**
     * Creates an ID allocator.
     *
     * @param name    provider name
     * @param options options
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} or {@code options} is null
     * @throws IllegalArgumentException if no ID allocator has that name
     * @throws AllocException           INVALID_PARAM for an unknown option key or a bad value
     */
    public static IdAllocator idAllocator(String name, AllocatorOptions options) {
        return (IdAllocator) create(AllocatorKind.ID, name, options);
    }

    /**
     * Creates an allocator of any kind.
     *
     * @param kind    the kind
     * @param name    provider name, any case
     * @param options options, each a key of the provider's defaults
     * @return a new, uninitialised allocator implementing {@code kind.type()}
     * @throws NullPointerException     if {@code kind}, {@code name} or {@code options} is null
     * @throws IllegalArgumentException if no provider of that kind has that name
     * @throws AllocException           INVALID_PARAM for an unknown option key or a bad value
     * @throws IllegalStateException    if the provider returns an object of the wrong type
     */
    public static BaseAllocator create(AllocatorKind kind, String name, AllocatorOptions options) {
        return ContextLookups.current().create(kind, name, options);
    }

    /**
     * Finds a provider.
     *
     * @param kind the kind
     * @param name its name, any case
     * @return the provider
     * @throws NullPointerException     if {@code kind} or {@code name} is null
     * @throws IllegalArgumentException if none has that name; the message lists the names of that kind and the
     *                                  kinds that have the name, which module adds the name asked for, and
     *                                  providers that failed to load
     */
    public static AllocatorProvider provider(AllocatorKind kind, String name) {
        return ContextLookups.current().provider(kind, name);
    }

    /**
     * Lists every provider found, sorted by kind then name. The module of each is
     * {@code provider.getClass().getModule()} (unnamed on the class path).
     *
     * @return an immutable list
     * @throws IllegalStateException if two providers share a kind and name
     */
    public static List<AllocatorProvider> providers() {
        return ContextLookups.current().providers();
    }

    /**
     * Returns the lookup these static methods use on this thread: the one of its context class loader. Handy to
     * pass to code that takes an {@link AllocatorLookup}, so that it works with or without plugins.
     *
     * @return the lookup; the same object for as long as the providers are kept
     * @throws IllegalStateException if two providers share a kind and name
     */
    public static AllocatorLookup lookup() {
        return ContextLookups.current();
    }

    /**
     * Forgets the providers loaded so far, so the next lookup asks {@link ServiceLoader} again (after a plugin
     * directory changed, say).
     */
    public static void reload() {
        ContextLookups.clear();
    }

    /**
     * Returns a thread-safe view of a byte allocator: every method, introspection included, runs while holding the
     * returned object's monitor. Use only the returned object afterwards. Like
     * {@link java.util.Collections#synchronizedMap(Map)}, a heap walk under {@code forEachBlock} holds the lock for
     * the whole walk.
     *
     * @param allocator the allocator to guard
     * @return the synchronized view
     * @throws NullPointerException if {@code allocator} is null
     */
    public static ByteAllocator synchronizedByteAllocator(ByteAllocator allocator) {
        return new SynchronizedByteAllocator(Objects.requireNonNull(allocator, "allocator"));
    }

    /**
     * Returns a thread-safe view of a page allocator, as {@link #synchronizedByteAllocator(ByteAllocator)}.
     *
     * @param allocator the allocator to guard
     * @return the synchronized view
     * @throws NullPointerException if {@code allocator} is null
     */
    public static PageAllocator synchronizedPageAllocator(PageAllocator allocator) {
        return new SynchronizedPageAllocator(Objects.requireNonNull(allocator, "allocator"));
    }

    /**
     * Returns a thread-safe view of an ID allocator, as {@link #synchronizedByteAllocator(ByteAllocator)}.
     *
     * @param allocator the allocator to guard
     * @return the synchronized view
     * @throws NullPointerException if {@code allocator} is null
     */
    public static IdAllocator synchronizedIdAllocator(IdAllocator allocator) {
        return new SynchronizedIdAllocator(Objects.requireNonNull(allocator, "allocator"));
    }
}
