package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link Conformance} finds providers by name and runs every contract test and option check on each. */
class ConformanceTest {
    /** Tests the Reference*ContractTests already run on the same allocators, and that take the most time. */
    private static final Set<String> RUN_ELSEWHERE = Set.of("randomSequencesAgreeWithTheModel",
            "randomSequencesNearExhaustionAgreeWithTheModel", "tenThousandPieceRegionsAreAllUsable",
            "metadataThatCannotGrowLeavesTheAllocatorUnchanged");

    /**
     * The contract tests and option checks on every discovered "simple" provider, but those the
     * Reference*ContractTests run on the very same allocators (the broken "lenient" provider is
     * BrokenAllocatorsAreCaughtTest's).
     */
    @TestFactory
    Stream<DynamicNode> everySimpleProviderPassesTheContractAndTheOptionChecks() {
        return Conformance.forEveryProvider().filter(node -> node.getDisplayName().endsWith(" simple"))
                .map(node -> {
                    DynamicContainer container = (DynamicContainer) node;
                    return DynamicContainer.dynamicContainer(container.getDisplayName(), container.getChildren()
                            .filter(test -> !RUN_ELSEWHERE.contains(test.getDisplayName())));
                });
    }

    @Test
    void findsEveryRegisteredProvider() {
        Set<String> names = Conformance.forEveryProvider().map(DynamicNode::getDisplayName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("byte lenient", "byte simple", "page simple", "id simple"), names);
    }

    @Test
    void runsEveryPublicTestMethodOfTheContractAndTheOptionChecks() {
        Set<String> expected = new TreeSet<>(Set.of(Conformance.BAD_OPTION_VALUES_TEST,
                Conformance.EXTREME_OPTION_VALUES_TEST));
        for (Class<?> type : List.of(AllocatorContract.class, HostileInputContract.class,
                PageAllocatorContract.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    expected.add(method.getName());
                }
            }
        }
        Set<String> dynamic = Conformance.forProvider(AllocatorKind.PAGE, "simple", ContractSettings.defaults())
                .getChildren().map(DynamicNode::getDisplayName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, dynamic);
        assertTrue(dynamic.contains("randomSequencesAgreeWithTheModel"));
        assertTrue(dynamic.contains("metadataThatCannotGrowLeavesTheAllocatorUnchanged"));
    }

    @Test
    void anUnknownProviderIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> Conformance.forProvider(AllocatorKind.BYTE, "no-such-allocator", ContractSettings.defaults()));
    }

    @Test
    void aNullSettingsFunctionIsANullPointerException() {
        assertThrows(NullPointerException.class, () -> Conformance.forEveryProvider(null));
    }
}
