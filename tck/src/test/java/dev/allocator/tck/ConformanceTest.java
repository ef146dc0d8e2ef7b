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

/** {@link Conformance} finds providers by name and runs every contract test on each. */
class ConformanceTest {
    /** The directed tests of the contract on every discovered provider (the random ones run in the *ContractTests). */
    @TestFactory
    Stream<DynamicNode> everyDiscoveredProviderPassesTheDirectedTests() {
        return Conformance.forEveryProvider().map(node -> {
            DynamicContainer container = (DynamicContainer) node;
            return DynamicContainer.dynamicContainer(container.getDisplayName(), container.getChildren()
                    .filter(test -> !test.getDisplayName().startsWith("random")));
        });
    }

    @Test
    void findsTheSimpleProviderOfEachKind() {
        List<String> names = Conformance.forEveryProvider().map(DynamicNode::getDisplayName)
                .collect(Collectors.toList());
        assertEquals(List.of("byte simple", "page simple", "id simple"), names);
    }

    @Test
    void runsEveryPublicTestMethodOfTheContract() {
        Set<String> expected = new TreeSet<>();
        for (Class<?> type : List.of(AllocatorContract.class, PageAllocatorContract.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    expected.add(method.getName());
                }
            }
        }
        Set<String> dynamic = Conformance.forProvider(AllocatorKind.PAGE, "simple", Conformance.Settings.DEFAULT)
                .getChildren().map(DynamicNode::getDisplayName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, dynamic);
        assertTrue(dynamic.contains("randomSequencesAgreeWithTheModel"));
    }

    @Test
    void anUnknownProviderIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> Conformance.forProvider(AllocatorKind.BYTE, "no-such-allocator", Conformance.Settings.DEFAULT));
    }

    @Test
    void settingsChangeOneThingAtATime() {
        Conformance.Settings settings = Conformance.Settings.DEFAULT.withCoalescesFully(false);
        assertEquals(false, settings.coalescesFully());
        assertEquals(true, settings.deterministic());
    }
}
