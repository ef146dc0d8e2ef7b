package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import java.util.BitSet;
import java.util.List;

/**
 * The subjects of the single-unit benchmarks, by name:
 * <ul>
 *   <li>{@code bitmap-id}: our bitmap ID allocator, {@code allocId(1, 1)} and {@code deallocId(id, 1)};</li>
 *   <li>{@code bitmap-page}: our bitmap page allocator (4 KiB pages from address 0), {@code allocPages(1, 4096)}
 *       and {@code deallocPages(address, 1)};</li>
 *   <li>{@code bitset-scan}: the five lines a user might write, a {@link BitSet} of used units searched from 0 for
 *       the lowest clear bit on every allocation;</li>
 *   <li>{@code bitset-hint}: the same with a hint below which no unit is free (raised past each allocation,
 *       lowered by each free), so a search starts at the hint instead of 0.</li>
 * </ul>
 */
final class UnitSubjects {
    /** Every subject name, in the order the benchmarks list them. */
    static final List<String> NAMES = List.of("bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint");

    private UnitSubjects() {
    }

    /**
     * Creates a subject over units {@code [0, units)}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static UnitSubject create(String name, int units) {
        switch (name) {
            case "bitmap-id":
                return new Ids(units);
            case "bitmap-page":
                return new Pages(units);
            case "bitset-scan":
                return new BitSetUnits(units, false);
            case "bitset-hint":
                return new BitSetUnits(units, true);
            default:
                throw new IllegalArgumentException("unknown unit subject '" + name + "'; known: " + NAMES);
        }
    }

    /** Our bitmap ID allocator. */
    private static final class Ids implements UnitSubject {
        private final IdAllocator ids = Allocators.idAllocator("bitmap");

        Ids(int units) {
            ids.init(0, units);
        }

        @Override
        public int allocate() {
            return (int) ids.allocId(1, 1);
        }

        @Override
        public void free(int unit) {
            ids.deallocId(unit, 1);
        }

        @Override
        public void clear() {
            ids.reset();
        }
    }

    /** Our bitmap page allocator, 4 KiB pages from address 0; unit = address / 4096. */
    private static final class Pages implements UnitSubject {
        private static final long PAGE_SIZE = 4096;
        private static final int PAGE_SHIFT = 12;
        private final PageAllocator pages = Allocators.pageAllocator("bitmap");

        Pages(int units) {
            if (pages.pageSize() != PAGE_SIZE) {
                throw new IllegalStateException("bitmap pages are " + pages.pageSize() + " bytes, not " + PAGE_SIZE);
            }
            pages.init(0, (long) units << PAGE_SHIFT);
        }

        @Override
        public int allocate() {
            return (int) (pages.allocPages(1, PAGE_SIZE) >>> PAGE_SHIFT);
        }

        @Override
        public void free(int unit) {
            pages.deallocPages((long) unit << PAGE_SHIFT, 1);
        }

        @Override
        public void clear() {
            pages.reset();
        }
    }

    /** A {@link BitSet} of used units searched for its lowest clear bit, from 0 or from a hint. */
    static final class BitSetUnits implements UnitSubject {
        private final BitSet used;
        private final int units;
        private final boolean hinted;
        /** No unit below this is free (always 0 when not hinted). */
        private int lowestMaybeFree;

        BitSetUnits(int units, boolean hinted) {
            this.used = new BitSet(units);
            this.units = units;
            this.hinted = hinted;
        }

        @Override
        public int allocate() {
            int unit = used.nextClearBit(lowestMaybeFree);
            if (unit >= units) {
                throw new IllegalStateException("all " + units + " units are taken");
            }
            used.set(unit);
            if (hinted) {
                lowestMaybeFree = unit + 1;
            }
            return unit;
        }

        @Override
        public void free(int unit) {
            used.clear(unit);
            if (hinted) {
                lowestMaybeFree = Math.min(lowestMaybeFree, unit);
            }
        }

        @Override
        public void clear() {
            used.clear();
            lowestMaybeFree = 0;
        }

        /** Sets the lowest units at once: a search from 0 per unit would make a large fill quadratic. */
        @Override
        public void fillLowest(int[] into) {
            if (!used.isEmpty()) {
                throw new IllegalStateException("fillLowest needs an empty subject");
            }
            used.set(0, into.length);
            for (int i = 0; i < into.length; i++) {
                into[i] = i;
            }
            lowestMaybeFree = hinted ? into.length : 0;
        }
    }
}
