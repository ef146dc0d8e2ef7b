package dev.allocator.it;

import dev.allocator.tck.Conformance;
import dev.allocator.tck.ContractSettings;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The tck's contracts for every provider found by name, the project's and the third-party one alike: a provider
 * is discovered, not listed here. Runs on the module path only: the class-path run repeats the discovery and a
 * round trip per provider ({@link ProviderDiscoveryTest}), not the whole kit, to keep this module fast. Every
 * provider runs with its defaults, as an application would create it by name; the slab allocator keeps a spare
 * empty chunk per class, so freeing everything does not give a fresh allocator back, and it is told so.
 */
class ContractTest {
    @TestFactory
    Stream<DynamicNode> everyProviderFoundPassesTheTck() {
        return Conformance.forEveryProvider(provider -> provider.name().equals("slab")
                ? ContractSettings.defaults().withCoalescesFully(false) : ContractSettings.defaults());
    }
}
