package dev.allocator.tck.broken;

import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.tck.ByteAllocatorContract;
import dev.allocator.tck.IdAllocatorContract;
import dev.allocator.tck.PageAllocatorContract;

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
        protected boolean coalescesFully() {
            return false;
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
}
