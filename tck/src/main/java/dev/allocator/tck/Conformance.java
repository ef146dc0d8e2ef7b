package dev.allocator.tck;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * The contracts as dynamic tests, for allocators found by name through {@link Allocators}: how the integration
 * tests run the kit on every provider on the module path.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> everyProviderPassesTheContract() {
 *     return Conformance.forEveryProvider();
 * }
 * }</pre>
 */
public final class Conformance {
    private Conformance() {
    }

    /**
     * How the contract is run on one provider: the options to create it with and the hooks that differ from the
     * defaults.
     *
     * @param options        options passed to {@link Allocators#create}
     * @param coalescesFully see {@link AllocatorContract#coalescesFully()}
     * @param deterministic  see {@link AllocatorContract#deterministic()}
     * @param wholeRegionAllocatable see {@link AllocatorContract#wholeRegionAllocatable()}
     */
    public record Settings(AllocatorOptions options, boolean coalescesFully, boolean deterministic,
                           boolean wholeRegionAllocatable) {
        /** The defaults: no options, full coalescing, deterministic, whole regions allocatable. */
        public static final Settings DEFAULT = new Settings(AllocatorOptions.empty(), true, true, true);

        /**
         * Returns these settings with another coalescing answer.
         *
         * @param coalesces see {@link AllocatorContract#coalescesFully()}
         * @return new settings
         */
        public Settings withCoalescesFully(boolean coalesces) {
            return new Settings(options, coalesces, deterministic, wholeRegionAllocatable);
        }

        /**
         * Returns these settings with another determinism answer.
         *
         * @param isDeterministic see {@link AllocatorContract#deterministic()}
         * @return new settings
         */
        public Settings withDeterministic(boolean isDeterministic) {
            return new Settings(options, coalescesFully, isDeterministic, wholeRegionAllocatable);
        }

        /**
         * Returns these settings with another answer to whether a whole region is one allocatable block.
         *
         * @param whole see {@link AllocatorContract#wholeRegionAllocatable()}
         * @return new settings
         */
        public Settings withWholeRegionAllocatable(boolean whole) {
            return new Settings(options, coalescesFully, deterministic, whole);
        }

        /**
         * Returns these settings with other options.
         *
         * @param newOptions options for the provider
         * @return new settings
         */
        public Settings withOptions(AllocatorOptions newOptions) {
            return new Settings(newOptions, coalescesFully, deterministic, wholeRegionAllocatable);
        }
    }

    /**
     * The contract for every provider {@link Allocators#providers()} finds, with default settings: one container
     * per provider, named {@code "<kind> <name>"}.
     *
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> forEveryProvider() {
        return forEveryProvider(provider -> Settings.DEFAULT);
    }

    /**
     * The contract for every provider found, with settings chosen per provider.
     *
     * @param settings the settings for a provider (for example no full coalescing for a slab)
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> forEveryProvider(Function<AllocatorProvider, Settings> settings) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            nodes.add(forProvider(provider.kind(), provider.name(), settings.apply(provider)));
        }
        return nodes.stream();
    }

    /**
     * The contract for one provider, found by kind and name.
     *
     * @param kind     its kind
     * @param name     its name
     * @param settings options and hooks
     * @return a container of one dynamic test per contract test
     * @throws IllegalArgumentException if no such provider exists
     */
    public static DynamicContainer forProvider(AllocatorKind kind, String name, Settings settings) {
        Allocators.provider(kind, name);
        AllocatorContract contract = contract(kind, name, settings);
        return DynamicContainer.dynamicContainer(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name,
                tests(contract));
    }

    private static AllocatorContract contract(AllocatorKind kind, String name, Settings settings) {
        AllocatorContract contract;
        switch (kind) {
            case BYTE:
                contract = new ByteAllocatorContract() {
                    @Override
                    protected ByteAllocator newAllocator() {
                        return Allocators.byteAllocator(name, settings.options());
                    }
                };
                break;
            case PAGE:
                contract = new PageAllocatorContract() {
                    @Override
                    protected PageAllocator newAllocator() {
                        return Allocators.pageAllocator(name, settings.options());
                    }
                };
                break;
            default:
                contract = new IdAllocatorContract() {
                    @Override
                    protected IdAllocator newAllocator() {
                        return Allocators.idAllocator(name, settings.options());
                    }
                };
                break;
        }
        return contract.withSettings(settings);
    }

    /** One dynamic test per public {@code @Test} method of the contract's classes. */
    static Stream<DynamicTest> tests(AllocatorContract contract) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type = contract.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (type.getPackage() != Conformance.class.getPackage()) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class) && Modifier.isPublic(method.getModifiers())) {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods.stream().map(method -> DynamicTest.dynamicTest(method.getName(), () -> invoke(contract, method)));
    }

    private static void invoke(AllocatorContract contract, Method method) throws Throwable {
        try {
            method.invoke(contract);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
