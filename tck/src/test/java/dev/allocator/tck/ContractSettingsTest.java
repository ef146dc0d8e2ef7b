package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractSettingsTest {
    @Test
    void theDefaultsHoldTheAllocatorToEverythingTheApiSays() {
        ContractSettings defaults = ContractSettings.defaults();
        assertTrue(defaults.coalescesFully() && defaults.deterministic() && defaults.wholeRegionAllocatable()
                && defaults.rejectsMismatchedFree() && defaults.lowestFit());
        assertEquals(0, defaults.maxRegionSize());
        assertEquals(1L << 30, defaults.maxAlignment());
        assertEquals(AllocatorOptions.empty(), defaults.options());
        assertNull(defaults.providerName());
        assertEquals(Map.of(), defaults.knownFailures());
    }

    @Test
    void eachWitherChangesOneSettingAndLeavesTheOriginal() {
        ContractSettings defaults = ContractSettings.defaults();
        ContractSettings changed = defaults.withCoalescesFully(false).withDeterministic(false)
                .withWholeRegionAllocatable(false).withRejectsMismatchedFree(false).withLowestFit(false)
                .withMaxRegionSize(64).withMaxAlignment(4096).withOptions(AllocatorOptions.of("a", "1"))
                .withProviderName("tlsf");
        assertFalse(changed.coalescesFully() || changed.deterministic() || changed.wholeRegionAllocatable()
                || changed.rejectsMismatchedFree() || changed.lowestFit());
        assertEquals(List.of(64L, 4096L), List.of(changed.maxRegionSize(), changed.maxAlignment()));
        assertEquals(AllocatorOptions.of("a", "1"), changed.options());
        assertEquals("tlsf", changed.providerName());
        assertTrue(defaults.coalescesFully());
        assertEquals(ContractSettings.defaults().toString(), defaults.toString());
    }

    @Test
    void knownFailuresMustNameContractTestsAndKeepTheirReasons() {
        ContractSettings settings = ContractSettings.defaults()
                .withKnownFailures("issue 1", "doubleFreeIsRejectedAndChangesNothing")
                .withKnownFailures("issue 2", "hugeRegionsCostNoMoreThanSmallOnes", Conformance.BAD_OPTION_VALUES_TEST);
        assertEquals(Map.of("doubleFreeIsRejectedAndChangesNothing", "issue 1", "hugeRegionsCostNoMoreThanSmallOnes",
                "issue 2", Conformance.BAD_OPTION_VALUES_TEST, "issue 2"), settings.knownFailures());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ContractSettings.defaults().withKnownFailures("typo", "doubleFreeIsRejected"));
        assertTrue(unknown.getMessage().contains("'doubleFreeIsRejected' is not a contract test"),
                unknown.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> settings.knownFailures().clear());
    }

    @Test
    void badSizesAndAlignmentsAreRejectedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContractSettings.defaults().withMaxRegionSize(5))
                .getMessage().contains("5"));
        assertThrows(IllegalArgumentException.class, () -> ContractSettings.defaults().withMaxRegionSize(-1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContractSettings.defaults().withMaxAlignment(48))
                .getMessage().contains("48"));
        assertThrows(NullPointerException.class, () -> ContractSettings.defaults().withOptions(null));
        assertThrows(NullPointerException.class, () -> ContractSettings.defaults().withProviderName(null));
    }
}
