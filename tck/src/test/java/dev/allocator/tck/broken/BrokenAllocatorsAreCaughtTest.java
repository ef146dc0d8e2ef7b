package dev.allocator.tck.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The kit is only trusted because it fails these: each broken allocator is caught by the property it breaks. */
class BrokenAllocatorsAreCaughtTest {
    /** Runs a contract case and returns its failed tests: method name to failure message. */
    static Map<String, String> failures(Class<?> contractCase) {
        Map<String, String> failed = new TreeMap<>();
        for (Event event : EngineTestKit.engine("junit-jupiter").selectors(selectClass(contractCase)).execute()
                .testEvents().failed().list()) {
            String method = ((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getMethodName();
            Throwable thrown = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            failed.put(method, String.valueOf(thrown.getMessage()));
        }
        return failed;
    }

    static void assertCaught(Map<String, String> failed, String test, String property) {
        assertTrue(failed.containsKey(test), () -> test + " did not fail; failed: " + failed.keySet());
        assertTrue(failed.get(test).contains("[" + property + "]"),
                () -> test + " failed for another reason than [" + property + "]: " + failed.get(test));
    }

    @Test
    void overlappingBlocksAreCaughtAsOverlap() {
        Map<String, String> failed = failures(BrokenCases.OverlappingCase.class);
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "overlap");
    }

    @Test
    void wrongAccountingIsCaughtAsAccounting() {
        Map<String, String> failed = failures(BrokenCases.WrongAccountingCase.class);
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "accounting");
        assertCaught(failed, "usedGrowsByExactlyTheUsableSize", "accounting");
    }

    @Test
    void silentDoubleFreeIsCaughtAsNotAllocated() {
        Map<String, String> failed = failures(BrokenCases.SilentDoubleFreeCase.class);
        assertCaught(failed, "doubleFreeIsRejectedAndChangesNothing", "not-allocated");
        assertCaught(failed, "freeWithTheWrongSizeIsNotAllocated", "not-allocated");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "not-allocated");
    }

    @Test
    void mutatingBeforeRejectingIsCaughtAsAChangedState() {
        Map<String, String> failed = failures(BrokenCases.MutatesBeforeRejectingCase.class);
        assertCaught(failed, "freeWithTheWrongSizeIsNotAllocated", "rejected-call-changed-state");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "rejected-call-changed-state");
    }

    @Test
    void hiddenStateChangedByARejectedCallIsCaughtByTheProbe() {
        Map<String, String> failed = failures(BrokenCases.HiddenStateOnRejectCase.class);
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "rejected-call-changed-state");
        assertTrue(failed.get("randomSequencesAgreeWithTheModel").contains("changed hidden state"),
                failed.get("randomSequencesAgreeWithTheModel"));
    }

    @Test
    void freeSpaceThatNeverMergesIsCaughtAsCoalescing() {
        Map<String, String> failed = failures(BrokenCases.NonCoalescingCase.class);
        assertCaught(failed, "freeingEverythingRestoresTheLargestBlock", "coalescing");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "coalescing");
    }

    @Test
    void anAllocatorThatSaysItDoesNotCoalescePassesWithThatHook() {
        assertEquals(Map.of(), failures(BrokenCases.NonCoalescingDeclaredCase.class));
    }

    @Test
    void ignoredAlignmentIsCaughtAsAlignment() {
        Map<String, String> failed = failures(BrokenCases.IgnoresLargeAlignmentCase.class);
        assertCaught(failed, "alignmentsUpToOneGibAreHonoured", "alignment");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "alignment");
    }

    @Test
    void notLowestFitIsCaughtAsLowestFit() {
        Map<String, String> failed = failures(BrokenCases.NotLowestFitCase.class);
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "lowest-fit");
        assertCaught(failed, "allocIdReturnsTheLowestFreeRange", "lowest-fit");
    }
}
