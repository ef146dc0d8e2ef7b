package dev.allocator.bench;

/**
 * Something that hands out single units (IDs or pages) of a range, lowest free first, for the single-unit
 * benchmarks: one of our bitmap allocators or a {@link java.util.BitSet} peer ({@link UnitSubjects}). Units are
 * numbered from 0; not thread safe.
 */
interface UnitSubject {
    /**
     * Allocates the lowest free unit.
     *
     * @return its number
     * @throws IllegalStateException if every unit is taken
     */
    int allocate();

    /**
     * Frees a unit {@link #allocate} returned.
     *
     * @param unit its number
     */
    void free(int unit);

    /** Frees every unit, keeping the range. */
    void clear();

    /**
     * Allocates {@code into.length} units, lowest free first, into an empty subject, as that many
     * {@link #allocate} calls would (a subject may do it faster: this sets up, it is not timed).
     *
     * @param into receives the units in allocation order
     */
    default void fillLowest(int[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = allocate();
        }
    }
}
