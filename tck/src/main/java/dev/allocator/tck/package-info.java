/**
 * Contract tests for allocators, and the fixtures they are built on.
 *
 * <p>Public: the three contract classes ({@link dev.allocator.tck.ByteAllocatorContract},
 * {@link dev.allocator.tck.PageAllocatorContract}, {@link dev.allocator.tck.IdAllocatorContract}) and the classes
 * they extend ({@link dev.allocator.tck.AllocatorContract}: the error table, edge cases and random sequences;
 * {@link dev.allocator.tck.HostileInputContract}: the hostile battery); {@link dev.allocator.tck.ContractSettings}
 * (what an allocator documents where the api leaves room, and known failures); {@link dev.allocator.tck.Conformance}
 * (the contracts for providers found by name); and the fixtures {@link dev.allocator.tck.AllocatorAssertions},
 * {@link dev.allocator.tck.Snapshot}, {@link dev.allocator.tck.HeapWalk} and the reference allocators. Everything
 * else is package-private machinery: {@code Subject} (one view over the three kinds), {@code Op} (a recorded call),
 * {@code ReferenceModel} and {@code Expectations} (what a call may do), {@code SequenceRun} (execute, compare with
 * the twin, check), {@code Shrinker}, {@code MetadataFailureCheck} and {@code MetadataFailureRun} (the forked JVM).
 */
package dev.allocator.tck;
