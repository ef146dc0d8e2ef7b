package dev.allocator.api;

import dev.allocator.api.spi.AllocatorProvider;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The lookups behind {@link Allocators}' static methods, one per context class loader, kept so that nothing static
 * holds a class loader that could otherwise be collected.
 *
 * <pre>
 *   permanent loader (bootstrap, platform, system, the api's own loader and its parents)
 *     PERMANENT: volatile immutable map  loader -> lookup        strong: these loaders outlive the api
 *
 *   any other loader L (a plugin layer's, a container's)
 *     INDEX: WeakHashMap  L -> WeakReference(lookup)             finds the lookup, never keeps it alive
 *     PINS:  ClassValue on a provider class C that L defined     keeps the lookup alive exactly as long as L:
 *
 *       L --defines--> C --class value--> lookup --> providers --> L      (a cycle: no static root reaches it)
 * </pre>
 *
 * <p>The old cache, a {@code WeakHashMap<ClassLoader, registry>}, never let go of a plugin loader: its value held
 * the providers, which hold their class, which holds the loader, which is the weak key. Here a static field
 * reaches a non-permanent loader's lookup only through weak references, and the strong path to it starts at the
 * loader itself. A loader that defines none of the providers it sees has no class to pin the lookup on; its
 * lookup is built afresh on every call (slower, never a leak; hosts in that position should hold an
 * {@link AllocatorLookup} of their own).
 *
 * <p>Invariant: a lookup in {@code PERMANENT} or {@code PINS} was fully loaded before it was published. Reads of
 * {@code PERMANENT} take no lock; every other access holds the class's monitor.
 */
final class ContextLookups {
    private static final ClassValue<Pin> PINS = new ClassValue<>() {
        @Override
        protected Pin computeValue(Class<?> type) {
            return new Pin();
        }
    };

    private static final Map<ClassLoader, WeakReference<AllocatorLookup>> INDEX = new WeakHashMap<>();

    private static volatile Map<ClassLoader, AllocatorLookup> permanent = Collections.emptyMap();

    /** The slot a class value gives each pinning class: the lookup of the class's loader. */
    private static final class Pin {
        private AllocatorLookup lookup;
    }

    private ContextLookups() {
    }

    /**
     * Returns the lookup of the current thread's context class loader, or of the api's loader where there is none.
     *
     * @throws IllegalStateException if two providers share a kind and name (nothing is kept)
     */
    static AllocatorLookup current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Allocators.class.getClassLoader();
        }
        AllocatorLookup lookup = permanent.get(loader);
        return lookup != null ? lookup : slow(loader);
    }

    /** Forgets every lookup: the next call loads the providers again. */
    static synchronized void clear() {
        permanent = Collections.emptyMap();
        INDEX.clear();
    }

    private static synchronized AllocatorLookup slow(ClassLoader loader) {
        AllocatorLookup cached = permanent.get(loader);
        WeakReference<AllocatorLookup> indexed = INDEX.get(loader);
        if (cached == null && indexed != null) {
            cached = indexed.get();
        }
        if (cached != null) {
            return cached;
        }
        AllocatorLookup lookup = AllocatorLookup.forContext(loader);
        lookup.providers();
        if (isPermanent(loader)) {
            Map<ClassLoader, AllocatorLookup> grown = new HashMap<>(permanent);
            grown.put(loader, lookup);
            permanent = Collections.unmodifiableMap(grown);
            return lookup;
        }
        Class<?> pinned = classDefinedBy(loader, lookup);
        if (pinned != null) {
            PINS.get(pinned).lookup = lookup;
            INDEX.put(loader, new WeakReference<>(lookup));
        }
        return lookup;
    }

    /** Tells whether {@code loader} lives at least as long as this class: the bootstrap, platform or system loader,
     * or the api's own loader or one of its parents. */
    static boolean isPermanent(ClassLoader loader) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()
                || loader == ClassLoader.getSystemClassLoader()) {
            return true;
        }
        for (ClassLoader own = Allocators.class.getClassLoader(); own != null; own = own.getParent()) {
            if (own == loader) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> classDefinedBy(ClassLoader loader, AllocatorLookup lookup) {
        for (AllocatorProvider provider : lookup.providers()) {
            if (provider.getClass().getClassLoader() == loader) {
                return provider.getClass();
            }
        }
        return null;
    }
}
