package dev.allocator.tck;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * The contracts as dynamic tests, for allocators found by name through {@link Allocators}: how the integration
 * tests run the kit on every provider on the module path. Besides the contract of its kind, each provider gets the
 * checks of its options ({@link #BAD_OPTION_VALUES_TEST}, {@link #EXTREME_OPTION_VALUES_TEST}).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> everyProviderPassesTheContract() {
 *     return Conformance.forEveryProvider();
 * }
 * }</pre>
 */
public final class Conformance {
    /** The name of the dynamic test that gives every option values outside the grammar. */
    public static final String BAD_OPTION_VALUES_TEST = OptionChecks.BAD_VALUES;
    /** The name of the dynamic test that gives every option the extreme values of its grammar. */
    public static final String EXTREME_OPTION_VALUES_TEST = OptionChecks.EXTREME_VALUES;

    private Conformance() {
    }

    /**
     * The contract for every provider {@link Allocators#providers()} finds, with default settings: one container
     * per provider, named {@code "<kind> <name>"}.
     *
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> forEveryProvider() {
        return forEveryProvider(provider -> ContractSettings.defaults());
    }

    /**
     * The contract for every provider found, with settings chosen per provider.
     *
     * @param settings the settings for a provider (for example no full coalescing for a slab)
     * @return the dynamic tests
     * @throws NullPointerException if {@code settings} is null or returns null
     */
    public static Stream<DynamicNode> forEveryProvider(Function<AllocatorProvider, ContractSettings> settings) {
        Objects.requireNonNull(settings, "settings");
        List<DynamicNode> nodes = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            nodes.add(forProvider(provider.kind(), provider.name(), settings.apply(provider)));
        }
        return nodes.stream();
    }

    /**
     * The contract for one provider, found by kind and name. The allocators are created with
     * {@link ContractSettings#options()}; the settings' {@link ContractSettings#providerName()} is set to
     * {@code name}.
     *
     * @param kind     its kind
     * @param name     its name
     * @param settings options, what the allocator documents, known failures
     * @return a container of one dynamic test per contract test and option check
     * @throws IllegalArgumentException if no such provider exists
     * @throws NullPointerException     if an argument is null
     */
    public static DynamicContainer forProvider(AllocatorKind kind, String name, ContractSettings settings) {
        Objects.requireNonNull(settings, "settings");
        AllocatorProvider provider = Allocators.provider(kind, name);
        ContractSettings effective = settings.withProviderName(name);
        String displayName = kind.name().toLowerCase(Locale.ROOT) + " " + name;
        AllocatorContract contract = contract(kind, name, effective).withSettings(effective, displayName);
        List<DynamicNode> tests = new ArrayList<>(tests(contract));
        for (DynamicTest check : OptionChecks.tests(provider)) {
            tests.add(DynamicTest.dynamicTest(check.getDisplayName(), () -> {
                contract.skipIfKnownFailure(check.getDisplayName());
                check.getExecutable().execute();
            }));
        }
        return DynamicContainer.dynamicContainer(displayName, tests);
    }

    private static AllocatorContract contract(AllocatorKind kind, String name, ContractSettings settings) {
        switch (kind) {
            case BYTE:
                return new ByteAllocatorContract() {
                    @Override
                    protected ByteAllocator newAllocator() {
                        return Allocators.byteAllocator(name, settings.options());
                    }
                };
            case PAGE:
                return new PageAllocatorContract() {
                    @Override
                    protected PageAllocator newAllocator() {
                        return Allocators.pageAllocator(name, settings.options());
                    }
                };
            default:
                return new IdAllocatorContract() {
                    @Override
                    protected IdAllocator newAllocator() {
                        return Allocators.idAllocator(name, settings.options());
                    }
                };
        }
    }

    /**
     * One dynamic test per public {@code @Test} method of the contract's classes; a known failure
     * ({@link ContractSettings#knownFailures()}) is reported as skipped with its reason.
     */
    static List<DynamicTest> tests(AllocatorContract contract) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type = contract.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (type.getPackage() != Conformance.class.getPackage()) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class) && Modifier.isPublic(method.getModifiers())
                        && !method.isSynthetic()) {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        List<DynamicTest> tests = new ArrayList<>();
        for (Method method : methods) {
            tests.add(DynamicTest.dynamicTest(method.getName(), () -> {
                contract.skipIfKnownFailure(method.getName());
                invoke(contract, method);
            }));
        }
        return tests;
    }

    private static void invoke(AllocatorContract contract, Method method) throws Throwable {
        try {
            method.invoke(contract);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
