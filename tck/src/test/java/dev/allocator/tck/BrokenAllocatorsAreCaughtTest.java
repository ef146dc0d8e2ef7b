package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The kit is only trusted because it fails these: each broken allocator is caught by the property it breaks. */
class BrokenAllocatorsAreCaughtTest {
    /** Runs a contract case (all its tests, or the ones named) and returns its events. */
    static Events run(Class<?> contractCase, String... tests) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        if (tests.length == 0) {
            selectors.add(selectClass(contractCase));
        }
        for (String test : tests) {
            selectors.add(selectMethod(contractCase, test));
        }
        return EngineTestKit.engine("junit-jupiter").selectors(selectors.toArray(new DiscoverySelector[0]))
                .execute().testEvents();
    }

    /** Test name to failure message. */
    static Map<String, String> failures(Class<?> contractCase, String... tests) {
        return messages(run(contractCase, tests).failed());
    }

    static Map<String, String> messages(Events events) {
        Map<String, String> found = new TreeMap<>();
        for (Event event : events.list()) {
            Throwable thrown = event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .orElse(null);
            found.put(nameOf(event.getTestDescriptor()), thrown == null ? "" : String.valueOf(thrown.getMessage()));
        }
        return found;
    }

    private static String nameOf(TestDescriptor test) {
        if (test.getUniqueId().getLastSegment().getType().startsWith("dynamic")) {
            return test.getDisplayName();
        }
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getMethodName).orElse(test.getDisplayName());
    }

    static void assertCaught(Map<String, String> failed, String test, String property) {
        assertTrue(failed.containsKey(test), () -> test + " did not fail; failed: " + failed.keySet());
        assertTrue(failed.get(test).contains("[" + property + "]"),
                () -> test + " failed for another reason than [" + property + "]: " + failed.get(test));
    }

    static void assertFailedSaying(Map<String, String> failed, String test, String fragment) {
        assertTrue(failed.containsKey(test), () -> test + " did not fail; failed: " + failed.keySet());
        assertTrue(failed.get(test).contains(fragment), () -> test + " failed without '" + fragment + "': "
                + failed.get(test));
    }

    @Test
    void overlappingBlocksAreCaughtAsOverlap() {
        Map<String, String> failed = failures(BrokenCases.OverlappingCase.class, "randomSequencesAgreeWithTheModel");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "overlap");
    }

    @Test
    void anAllocatorThatAnswersOtherwiseWhenObservedIsCaught() {
        Map<String, String> failed = failures(BrokenCases.ChangedByObservationCase.class,
                "observingTheAllocatorChangesNoAnswer");
        assertFailedSaying(failed, "observingTheAllocatorChangesNoAnswer", "seed 1, step");
    }

    @Test
    void wrongAccountingIsCaughtAsAccounting() {
        Map<String, String> failed = failures(BrokenCases.WrongAccountingCase.class,
                "randomSequencesAgreeWithTheModel", "usedGrowsByExactlyTheUsableSize");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "accounting");
        assertCaught(failed, "usedGrowsByExactlyTheUsableSize", "accounting");
    }

    @Test
    void silentDoubleFreeIsCaughtAsNotAllocated() {
        Map<String, String> failed = failures(BrokenCases.SilentDoubleFreeCase.class,
                "doubleFreeIsRejectedAndChangesNothing", "freeWithTheWrongSizeIsNotAllocated",
                "randomSequencesAgreeWithTheModel");
        assertCaught(failed, "doubleFreeIsRejectedAndChangesNothing", "not-allocated");
        assertCaught(failed, "freeWithTheWrongSizeIsNotAllocated", "not-allocated");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "not-allocated");
    }

    @Test
    void mutatingBeforeRejectingIsCaughtAsAChangedState() {
        Map<String, String> failed = failures(BrokenCases.MutatesBeforeRejectingCase.class,
                "freeWithTheWrongSizeIsNotAllocated", "randomSequencesAgreeWithTheModel");
        assertCaught(failed, "freeWithTheWrongSizeIsNotAllocated", "rejected-call-changed-state");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "rejected-call-changed-state");
    }

    @Test
    void hiddenStateChangedByARejectedCallIsCaughtByTheTwin() {
        Map<String, String> failed = failures(BrokenCases.HiddenStateOnRejectCase.class,
                "randomSequencesAgreeWithTheModel");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "rejected-call-changed-state");
        assertTrue(failed.get("randomSequencesAgreeWithTheModel").contains("changed hidden state"),
                failed.get("randomSequencesAgreeWithTheModel"));
    }

    @Test
    void freeSpaceThatNeverMergesIsCaughtAsCoalescing() {
        Map<String, String> failed = failures(BrokenCases.NonCoalescingCase.class,
                "freeingEverythingRestoresTheLargestBlock", "randomSequencesAgreeWithTheModel");
        assertCaught(failed, "freeingEverythingRestoresTheLargestBlock", "coalescing");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "coalescing");
    }

    @Test
    void anAllocatorThatSaysItDoesNotCoalescePassesWithThatSetting() {
        assertEquals(Map.of(), failures(BrokenCases.NonCoalescingDeclaredCase.class));
    }

    @Test
    void ignoredAlignmentIsCaughtAsAlignment() {
        Map<String, String> failed = failures(BrokenCases.IgnoresLargeAlignmentCase.class,
                "alignmentsUpToOneGibAreHonoured", "randomSequencesAgreeWithTheModel");
        assertCaught(failed, "alignmentsUpToOneGibAreHonoured", "alignment");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "alignment");
    }

    @Test
    void notLowestFitIsCaughtAsLowestFit() {
        Map<String, String> failed = failures(BrokenCases.NotLowestFitCase.class, "randomSequencesAgreeWithTheModel",
                "allocIdReturnsTheLowestFreeRange");
        assertCaught(failed, "randomSequencesAgreeWithTheModel", "lowest-fit");
        assertCaught(failed, "allocIdReturnsTheLowestFreeRange", "lowest-fit");
    }

    // ---- the hostile battery -------------------------------------------------------------------------------

    @Test
    void aWalkThatIgnoresItsVisitorsChangesIsCaughtAsAWalkModification() {
        String test = "aVisitorThatChangesTheAllocatorIsAConcurrentModification";
        Map<String, String> failed = failures(BrokenCases.WalkIgnoresChangesCase.class, test);
        assertCaught(failed, test, "walk-modification");
    }

    @Test
    void aWalkMarkLeftSetByAThrowingVisitorIsCaughtByTheNextCall() {
        String test = "aVisitorThatThrowsEndsTheWalkAndChangesNothing";
        Map<String, String> failed = failures(BrokenCases.WalkMarkStuckAfterAThrowCase.class, test);
        assertCaught(failed, test, "unexpected-exception");
        assertFailedSaying(failed, test, "ConcurrentModificationException");
    }

    @Test
    void aSwallowedVisitorExceptionIsCaughtAsAWalkException() {
        String test = "aVisitorThatThrowsEndsTheWalkAndChangesNothing";
        assertCaught(failures(BrokenCases.SwallowsVisitorExceptionsCase.class, test), test, "walk-exception");
    }

    @Test
    void readsRefusedDuringAWalkAreCaught() {
        String test = "aVisitorMayReadTheAllocatorItWalks";
        assertFailedSaying(failures(BrokenCases.RefusesReadsDuringAWalkCase.class, test), test,
                "stats() during a walk");
    }

    @Test
    void aNullVisitorAcceptedByAnEmptyAllocatorIsCaught() {
        String test = "aNullVisitorIsANullPointerException";
        assertFailedSaying(failures(BrokenCases.NullVisitorWhenEmptyCase.class, test), test, "before any region");
    }

    @Test
    void metadataThatGrowsWithTheRangeIsCaughtByAHugeRegion() {
        String test = "hugeRegionsCostNoMoreThanSmallOnes";
        Map<String, String> failed = failures(BrokenCases.MetadataPerUnitCase.class, test);
        assertCaught(failed, test, "unexpected-exception");
        assertFailedSaying(failed, test, "OutOfMemoryError");
    }

    @Test
    void initAfterAddMemoryAcceptedIsCaughtAsAnAcceptedBadCall() {
        String test = "initAfterAddMemoryIsRejectedAndChangesNothing";
        assertCaught(failures(BrokenCases.InitAfterAddMemoryCase.class, test), test, "accepted-bad-call");
    }

    @Test
    void regionsDroppedPastAThousandAreCaughtWhenOneOfThemIsOverlapped() {
        String test = "tenThousandPieceRegionsAreAllUsable";
        assertCaught(failures(BrokenCases.ForgetsRegionsPastAThousandCase.class, test), test, "accepted-bad-call");
    }

    @Test
    void aUsableSizeThatWrapsIsCaughtAtTheSizeEdges() {
        String test = "everySizeAndAlignmentEdgeIsAcceptedOrRejectedAsTheTableSays";
        Map<String, String> failed = failures(BrokenCases.WrappingUsableSizeCase.class, test);
        assertTrue(failed.containsKey(test), () -> test + " did not fail");
        assertTrue(failed.get(test).matches("(?s)\\[(usable-size|accepted-bad-call|error-kind)\\].*"),
                failed.get(test));
    }

    @Test
    void aFreeOfAnInteriorAddressIsCaughtAsNotAllocated() {
        String test = "wrongSizesAndInteriorAddressesAreRejectedAndChangeNothing";
        assertCaught(failures(BrokenCases.FreesInteriorAddressesCase.class, test), test, "not-allocated");
    }

    @Test
    void aRegionEndingAtLongMaxValueRejectedIsCaughtAsAnErrorKind() {
        String test = "oneUnitRegionsAtAddressZeroAndAtTheTopOfTheAddressSpaceWork";
        assertCaught(failures(BrokenCases.RejectsTheTopOfTheAddressSpaceCase.class, test), test, "error-kind");
    }

    @Test
    void randomPlacementIsCaughtByTheTwinAsNondeterministic() {
        String test = "usedGrowsByExactlyTheUsableSize";
        Map<String, String> failed = failures(BrokenCases.RandomPlacementCase.class, test,
                "randomSequencesAgreeWithTheModel");
        assertCaught(failed, test, "nondeterministic");
        assertTrue(failed.containsKey("randomSequencesAgreeWithTheModel"), failed::toString);
    }

    @Test
    void anAllocatorThatSaysItIsNotDeterministicPassesWithThatSetting() {
        assertEquals(Map.of(), failures(BrokenCases.RandomPlacementDeclaredCase.class));
    }

    @Test
    void aCallThatFailsForWantOfHeapAfterTakingItsBlockIsCaughtInAForkedJvm() {
        String test = "metadataThatCannotGrowLeavesTheAllocatorUnchanged";
        Map<String, String> failed = failures(BrokenCases.TakesBeforeGrowingCase.class, test);
        assertCaught(failed, test, "failed-call-changed-state");
        assertFailedSaying(failed, test, "OutOfMemoryError");
    }

    @Test
    void growingBeforeTakingPassesTheForkedCheckWithoutBeingSkipped() {
        String test = "metadataThatCannotGrowLeavesTheAllocatorUnchanged";
        Events events = run(BrokenCases.GrowsBeforeTakingCase.class, test);
        assertEquals(Map.of(test, ""), messages(events.succeeded()), () -> "failed " + messages(events.failed())
                + ", skipped " + messages(events.aborted()));
    }

    @Test
    void aKnownFailureIsReportedAsSkippedWithItsReason() {
        Events events = run(BrokenCases.KnownFailureCase.class, "doubleFreeIsRejectedAndChangesNothing",
                "freeWithTheWrongSizeIsNotAllocated");
        Map<String, String> skipped = messages(events.aborted());
        assertEquals(List.of("doubleFreeIsRejectedAndChangesNothing"), List.copyOf(skipped.keySet()));
        assertTrue(skipped.get("doubleFreeIsRejectedAndChangesNothing").contains("issue 0: a deliberate known failure"),
                skipped::toString);
        assertCaught(messages(events.failed()), "freeWithTheWrongSizeIsNotAllocated", "not-allocated");
    }

    @Test
    void optionsReadOutsideTheGrammarAreCaughtByTheOptionChecks() {
        Map<String, String> failed = failures(BrokenCases.LenientOptionsCase.class);
        assertFailedSaying(failed, Conformance.BAD_OPTION_VALUES_TEST, "granularity");
        assertFailedSaying(failed, Conformance.EXTREME_OPTION_VALUES_TEST, "NumberFormatException");
        assertEquals(List.of(Conformance.BAD_OPTION_VALUES_TEST, Conformance.EXTREME_OPTION_VALUES_TEST),
                List.copyOf(failed.keySet()));
    }

    @Test
    void anAllocatorAForkedJvmCannotCreateSkipsTheForkCheckSayingWhatToSet() {
        String test = "metadataThatCannotGrowLeavesTheAllocatorUnchanged";
        Map<String, String> skipped = messages(run(BrokenCases.UnreachableClassCase.class, test).aborted());
        assertTrue(skipped.getOrDefault(test, "").contains("ContractSettings.withProviderName"), skipped::toString);
    }
}
