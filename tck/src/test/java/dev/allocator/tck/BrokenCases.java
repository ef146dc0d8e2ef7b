package dev.allocator.tck;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The contracts run on each broken allocator. Named "Case", not "Test", so that Surefire does not run them:
 * {@link BrokenAllocatorsAreCaughtTest} runs them through the JUnit test kit and checks which tests fail.
 */
final class BrokenCases {
    private BrokenCases() {
    }

    static class OverlappingCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.Overlapping();
        }
    }

    static class WrongAccountingCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.WrongAccounting();
        }
    }

    static class SilentDoubleFreeCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.SilentDoubleFree();
        }
    }

    static class MutatesBeforeRejectingCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.MutatesBeforeRejecting();
        }
    }

    static class HiddenStateOnRejectCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.HiddenStateOnReject();
        }
    }

    static class ChangedByObservationCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.ChangedByObservation();
        }
    }

    static class NonCoalescingCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.NonCoalescing();
        }
    }

    /** The same allocator, honest about not coalescing: passes. */
    static class NonCoalescingDeclaredCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.NonCoalescing();
        }

        @Override
        protected ContractSettings settings() {
            return ContractSettings.defaults().withCoalescesFully(false);
        }
    }

    static class IgnoresLargeAlignmentCase extends PageAllocatorContract {
        @Override
        protected PageAllocator newAllocator() {
            return new BrokenAllocators.IgnoresLargeAlignment();
        }
    }

    static class NotLowestFitCase extends IdAllocatorContract {
        @Override
        protected IdAllocator newAllocator() {
            return new BrokenAllocators.NotLowestFit();
        }
    }

    static class WalkIgnoresChangesCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.WalkIgnoresChanges();
        }
    }

    static class WalkMarkStuckAfterAThrowCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.WalkMarkStuckAfterAThrow();
        }
    }

    static class RefusesReadsDuringAWalkCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.RefusesReadsDuringAWalk();
        }
    }

    static class SwallowsVisitorExceptionsCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.SwallowsVisitorExceptions();
        }
    }

    static class NullVisitorWhenEmptyCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.NullVisitorWhenEmpty();
        }
    }

    static class MetadataPerUnitCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.MetadataPerUnit();
        }
    }

    static class InitAfterAddMemoryCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.InitAfterAddMemory();
        }
    }

    static class ForgetsRegionsPastAThousandCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.ForgetsRegionsPastAThousand();
        }
    }

    static class WrappingUsableSizeCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.WrappingUsableSize();
        }
    }

    static class FreesInteriorAddressesCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.FreesInteriorAddresses();
        }
    }

    static class RejectsTheTopOfTheAddressSpaceCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.RejectsTheTopOfTheAddressSpace();
        }
    }

    static class RandomPlacementCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.RandomPlacement();
        }
    }

    /** The same allocator, honest about its randomness: passes. */
    static class RandomPlacementDeclaredCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.RandomPlacement();
        }

        @Override
        protected ContractSettings settings() {
            return ContractSettings.defaults().withDeterministic(false);
        }
    }

    static class TakesBeforeGrowingCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.TakesBeforeGrowing();
        }
    }

    /** The same table grown first: the metadata-failure check passes (and is not skipped). */
    static class GrowsBeforeTakingCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.GrowsBeforeTaking();
        }
    }

    /** A known failure is reported as skipped with its reason, not run. */
    static class KnownFailureCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new BrokenAllocators.SilentDoubleFree();
        }

        @Override
        protected ContractSettings settings() {
            return ContractSettings.defaults().withKnownFailures("issue 0: a deliberate known failure",
                    "doubleFreeIsRejectedAndChangesNothing");
        }
    }

    /** The provider "lenient", found by name: its option checks (its allocator is the reference one). */
    static class LenientOptionsCase {
        @TestFactory
        Stream<DynamicNode> lenient() {
            return Conformance.forProvider(AllocatorKind.BYTE, "lenient", ContractSettings.defaults()).getChildren()
                    .filter(test -> test.getDisplayName().contains("Option")).map(DynamicNode.class::cast);
        }
    }

    /** An allocator of a class a forked JVM cannot instantiate, with no provider name: the fork check is skipped. */
    static class UnreachableClassCase extends ByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return new ReferenceByteAllocator() {
            };
        }
    }
}
