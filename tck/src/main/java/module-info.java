/**
 * The conformance kit: contract tests every allocator must pass, for providers of this project and third parties.
 *
 * <p>A provider's test extends {@link dev.allocator.tck.ByteAllocatorContract},
 * {@link dev.allocator.tck.PageAllocatorContract} or {@link dev.allocator.tck.IdAllocatorContract} and returns a
 * fresh allocator from {@code newAllocator()}; {@link dev.allocator.tck.Conformance} builds the same tests for
 * every provider found through {@link dev.allocator.api.Allocators}. The assertions, snapshots, heap walks and
 * reference allocators the contracts use are exported as fixtures for a provider's own unit tests. The module is
 * open so that JUnit can run the test methods that live in it.
 */
open module dev.allocator.tck {
    exports dev.allocator.tck;

    requires transitive dev.allocator.api;
    requires transitive org.junit.jupiter.api;
}
