package dev.allocator.api;

import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Finds allocators by name among the providers of one scope: a module layer and its parents, what a class loader
 * sees, or a folder of plugins ({@link PluginFolder#lookup()}). The scoped twin of {@link Allocators}' static
 * methods: the same methods, names matched ignoring case, the same errors and messages, and an unknown-name message
 * that also says where it looked.
 *
 * <pre>{@code
 * ModuleLayer plugins = ...;                        // a layer the host built
 * AllocatorLookup lookup = AllocatorLookup.of(plugins);
 * ByteAllocator heap = lookup.byteAllocator("firstfit");
 * }</pre>
 *
 * <p>A lookup loads its providers once, on first use, and keeps them for as long as it is referenced, and no
 * longer: nothing static refers to a lookup made here. Dropping the lookup, the layer, and the allocators made
 * from it lets the layer's class loaders be collected. Thread safe.
 */
public final class AllocatorLookup {
    private final Supplier<Iterator<AllocatorProvider>> source;
    private final String scope;
    private final boolean scopeInMessages;
    private final List<PluginProblem> skipped;
    private volatile ProviderRegistry registry;

    private AllocatorLookup(Supplier<Iterator<AllocatorProvider>> source, String scope, boolean scopeInMessages,
                            List<PluginProblem> skipped) {
        this.source = source;
        this.scope = scope;
        this.scopeInMessages = scopeInMessages;
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Returns a lookup of the providers in a module layer and its parent layers ({@code provides} clauses; the class
     * path is not searched).
     *
     * @param layer the layer, for example one a plugin host built, or {@link ModuleLayer#boot()}
     * @return a new lookup; nothing is loaded until it is used
     * @throws NullPointerException if {@code layer} is null
     */
    public static AllocatorLookup of(ModuleLayer layer) {
        Objects.requireNonNull(layer, "layer");
        return inLayer(layer, describe(layer), List.of());
    }

    /**
     * Returns a lookup of the providers a class loader sees, as {@link ServiceLoader#load(Class, ClassLoader)} finds
     * them: modules defined to it and its ancestors (and the other modules of their layers), then
     * {@code META-INF/services} files on its class path.
     *
     * @param loader the class loader, for example a plugin's {@code URLClassLoader}
     * @return a new lookup; nothing is loaded until it is used
     * @throws NullPointerException if {@code loader} is null (use {@link ClassLoader#getSystemClassLoader()})
     */
    public static AllocatorLookup of(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new AllocatorLookup(() -> ServiceLoader.load(AllocatorProvider.class, loader).iterator(),
                describe(loader), true, List.of());
    }

    /** A lookup of a layer whose unknown-name message names {@code scope} and lists {@code skipped}. */
    static AllocatorLookup inLayer(ModuleLayer layer, String scope, List<PluginProblem> skipped) {
        return new AllocatorLookup(() -> ServiceLoader.load(layer, AllocatorProvider.class).iterator(), scope, true,
                skipped);
    }

    /** A lookup through a plugin folder's class loader, naming {@code scope} and listing {@code skipped}. */
    static AllocatorLookup throughLoader(ClassLoader loader, String scope, List<PluginProblem> skipped) {
        return new AllocatorLookup(() -> ServiceLoader.load(AllocatorProvider.class, loader).iterator(), scope, true,
                skipped);
    }

    /**
     * The lookup behind {@link Allocators}' static methods for one context class loader (null: the system class
     * loader): its messages name no scope, as they always have.
     */
    static AllocatorLookup forContext(ClassLoader loader) {
        String scope = "the context class loader" + (loader == null ? "" : " (" + describe(loader) + ")");
        return new AllocatorLookup(() -> ServiceLoader.load(AllocatorProvider.class, loader).iterator(), scope, false,
                List.of());
    }

    /**
     * Creates a byte allocator with default options.
     *
     * @param name provider name, e.g. {@code "tlsf"}, any case
     * @return a new, uninitialised allocator
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no byte allocator has that name (the message lists those that exist)
     */
    public ByteAllocator byteAllocator(String name) {
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
    public ByteAllocator byteAllocator(String name, AllocatorOptions options) {
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
    public PageAllocator pageAllocator(String name) {
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
    public PageAllocator pageAllocator(String name, AllocatorOptions options) {
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
    public IdAllocator idAllocator(String name) {
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
    public IdAllocator idAllocator(String name, AllocatorOptions options) {
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
     * @throws IllegalStateException    if the provider returns an object of the wrong type, or a class it needs is
     *                                  missing (a jar its module requires is not on the class path), naming it
     */
    public BaseAllocator create(AllocatorKind kind, String name, AllocatorOptions options) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        return created(kind, provider(kind, name), options);
    }

    /** Has {@code provider} create an allocator and checks what it gave. */
    static BaseAllocator created(AllocatorKind kind, AllocatorProvider provider, AllocatorOptions options) {
        BaseAllocator allocator;
        try {
            allocator = provider.create(options.withDefaults(provider.defaults(), provider.name()));
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(kind + " allocator '" + provider.name() + "' (" + provider.getClass()
                    .getName() + ") cannot be created: class " + e.getMessage() + " is missing; put the jar that "
                    + "holds it on the class path beside the provider's (Maven and the module path bring it as a "
                    + "dependency)", e);
        }
        if (!kind.type().isInstance(allocator)) {
            throw new IllegalStateException(provider.getClass().getName() + " is a " + kind + " provider but created "
                    + (allocator == null ? "null" : allocator.getClass().getName()) + ", not a "
                    + kind.type().getSimpleName());
        }
        return allocator;
    }

    /**
     * Finds a provider.
     *
     * @param kind the kind
     * @param name its name, any case
     * @return the provider
     * @throws NullPointerException     if {@code kind} or {@code name} is null
     * @throws IllegalArgumentException if none has that name; the message says where it looked, lists the names of
     *                                  that kind and the kinds that have the name, which module adds the name
     *                                  asked for, and the plugins and providers that failed to load
     */
    public AllocatorProvider provider(AllocatorKind kind, String name) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        return registry().find(kind, name, scopeInMessages ? scope : null, skipped);
    }

    /**
     * Lists every provider found, sorted by kind then name. The module of each is
     * {@code provider.getClass().getModule()} (unnamed on the class path).
     *
     * @return an immutable list
     * @throws IllegalStateException if two providers share a kind and name
     */
    public List<AllocatorProvider> providers() {
        return registry().providers();
    }

    /**
     * Says where this lookup looks, as its unknown-name message does: for example
     * {@code "module layer [org.example.firstfit] and its parents"}.
     *
     * @return a short description
     */
    public String scope() {
        return scope;
    }

    @Override
    public String toString() {
        return "AllocatorLookup[" + scope + "]";
    }

    /** The providers, loaded on first use; a failed load (two providers of one name) is not kept. */
    private ProviderRegistry registry() {
        ProviderRegistry loaded = registry;
        if (loaded == null) {
            synchronized (this) {
                loaded = registry;
                if (loaded == null) {
                    loaded = ProviderRegistry.build(source.get());
                    registry = loaded;
                }
            }
        }
        return loaded;
    }

    /** Says which layer a lookup searches, as its unknown-name message does. */
    static String describe(ModuleLayer layer) {
        if (layer == ModuleLayer.boot()) {
            return "the boot layer";
        }
        StringJoiner modules = new StringJoiner(", ", "module layer [", "] and its parents");
        layer.modules().stream().map(Module::getName).sorted().forEach(modules::add);
        return modules.toString();
    }

    private static String describe(ClassLoader loader) {
        return "class loader " + (loader.getName() == null ? loader.toString() : "'" + loader.getName() + "'");
    }
}
