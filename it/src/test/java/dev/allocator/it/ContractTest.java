package dev.allocator.it;

import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.tck.Conformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The tck's contracts for every provider found by name, the project's and the third-party one alike: a provider
 * is discovered, not listed here. Runs on the module path only: the class-path run repeats the discovery and a
 * round trip per provider ({@link ProviderDiscoveryTest}), not the whole kit, to keep this module fast.
 */
class ContractTest {
    @TestFactory
    Stream<DynamicNode> everyProviderFoundPassesTheTck() {
        return Conformance.forEveryProvider(ContractTest::settings);
    }

    /** Default settings, except where an algorithm documents that it does not coalesce fully. */
    static Conformance.Settings settings(AllocatorProvider provider) {
        return Conformance.Settings.DEFAULT;
    }
}
