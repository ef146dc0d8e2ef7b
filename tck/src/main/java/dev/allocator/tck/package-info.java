/**
 * Contract tests for allocators: directed tests of the error table and edge cases, and model-based random
 * sequences checked against a reference model after every step.
 *
 * <p>Public: the three contract classes, their common base {@link dev.allocator.tck.AllocatorContract} (hooks and
 * run settings), and {@link dev.allocator.tck.Conformance} (the contracts for discovered providers). Everything
 * else is package-private machinery: {@code Subject} (one view over the three allocator kinds), {@code Op} (a
 * recorded call), {@code ReferenceModel}, {@code SequenceRun} (execute and check), {@code Shrinker}.
 */
package dev.allocator.tck;
