package dev.allocator.tck;

/**
 * The answers a contract's hooks gave, read once per test.
 *
 * @param coalescesFully        freeing every block restores the state right after the regions were added
 * @param deterministic         the same calls give the same results (replayed copies can be compared)
 * @param rejectsMismatchedFree page/ID frees whose count does not match the allocation are NOT_ALLOCATED
 * @param lowestFit             allocations return the lowest free address that fits (ID allocators)
 * @param maxRegionUnits        the largest region the random sequences add, in units
 */
record Hooks(boolean coalescesFully, boolean deterministic, boolean rejectsMismatchedFree, boolean lowestFit,
             long maxRegionUnits) {
}
