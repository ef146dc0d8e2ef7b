package dev.allocator.tck;

import dev.allocator.api.spi.AllocatorKind;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses the next call of a random sequence from the state of a {@link SequenceRun}: mostly good calls
 * (allocate, free, resize, add a region), and a steady share of bad ones (double free, wrong size, inner address,
 * bad alignment, overlapping region, init twice, requests too large) whose rejection the run checks.
 */
final class Generator {
    private static final long[] BAD_ALIGNS = {0, 3, -8, 6, 12, Long.MIN_VALUE};
    /**
     * Regions a sequence grows to at most: past this, new regions are only proposed where they overlap one, so that
     * a sequence of millions of calls keeps its cost per step (a walk covers every region) bounded.
     */
    static final int MAX_REGIONS = 48;

    private final SplittableRandom random;
    private final SequenceRun run;
    private final Subject subject;
    private final long unit;
    private final long maxRegion;
    private int nextId;
    private long largestFresh = -1;
    private int largestFreshRegions = -1;

    Generator(SplittableRandom random, SequenceRun run) {
        this.random = random;
        this.run = run;
        this.subject = run.subject();
        this.unit = subject.unit();
        this.maxRegion = Math.max(8, run.maxRegionUnits());
    }

    /** The first call: {@code init} of a random region. */
    Op first() {
        long size = regionSize();
        return Op.init(regionStart(size), size);
    }

    Op next() {
        List<Integer> live = run.liveIds();
        int roll = random.nextInt(100);
        if (live.isEmpty() && run.model().liveCount() == 0 && run.settings().coalescesFully() && roll < 15) {
            return largestBlock();
        }
        boolean needsLive = roll >= 40 && roll < 70 || roll >= 74 && roll < 81;
        if (roll < 36 || live.isEmpty() && needsLive) {
            return alloc();
        }
        if (roll < 40) {
            return subject.kind() == AllocatorKind.BYTE ? Op.tryAlloc(nextId++, size(), align()) : allocAt();
        }
        if (roll < 62) {
            return Op.free(pick(live));
        }
        if (roll < 70) {
            return Op.resize(pick(live), resizedSize(run.binding(pick(live)).size));
        }
        if (roll < 74) {
            List<Integer> freed = run.freedIds();
            return freed.isEmpty() ? alloc() : Op.free(freed.get(random.nextInt(freed.size())));
        }
        if (roll < 78) {
            int id = pick(live);
            long size = run.binding(id).size;
            return Op.freeSize(id, size == subject.minSize() ? size + 1 + random.nextInt(64)
                    : random.nextBoolean() ? size * 2 + 64 : subject.minSize() + random.nextLong(size));
        }
        if (roll < 81) {
            return Op.freeOffset(pick(live), unit * (1 + random.nextInt(4)));
        }
        if (roll < 84) {
            return freeAt();
        }
        if (roll < 88) {
            return badAlloc();
        }
        if (roll < 94) {
            return addMemory();
        }
        if (roll < 96) {
            return Op.init(regionStart(64 * unit), 64 * unit);
        }
        if (roll < 98) {
            return subject.kind() == AllocatorKind.BYTE ? Op.alloc(nextId++, maxRegion * 4, 1) : allocAt();
        }
        return Op.reset();
    }

    private int pick(List<Integer> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private Op alloc() {
        return Op.alloc(nextId++, size(), align());
    }

    /** The largest block a fresh allocator with these regions gives (found once per set of regions). */
    private Op largestBlock() {
        if (largestFreshRegions != run.model().regions().size()) {
            largestFreshRegions = run.model().regions().size();
            largestFresh = run.largestFreshBlock();
        }
        return Op.alloc(nextId++, largestFresh, subject.kind() == AllocatorKind.PAGE ? unit : 1);
    }

    private long size() {
        int roll = random.nextInt(100);
        long min = subject.minSize();
        if (subject.kind() == AllocatorKind.BYTE) {
            if (roll < 8) {
                return 0;
            }
            if (roll < 60) {
                return 1 + random.nextInt(128);
            }
            if (roll < 85) {
                return 129 + random.nextInt(4000);
            }
            if (roll < 96) {
                return 1 + random.nextLong(Math.max(1, maxRegion / 4));
            }
            return 1 + random.nextLong(maxRegion * 2);
        }
        if (roll < 60) {
            return min + random.nextInt(8);
        }
        if (roll < 90) {
            return min + random.nextInt(64);
        }
        return min + random.nextLong(maxRegion);
    }

    private long align() {
        int roll = random.nextInt(100);
        int shift;
        if (roll < 60) {
            shift = random.nextInt(5);
        } else if (roll < 92) {
            shift = random.nextInt(13);
        } else {
            shift = random.nextInt(21);
        }
        if (subject.kind() == AllocatorKind.PAGE) {
            if (roll < 5) {
                return 1L << random.nextInt(Long.numberOfTrailingZeros(unit) + 1);
            }
            return unit << Math.min(shift, 12);
        }
        return 1L << shift;
    }

    private long resizedSize(long size) {
        int roll = random.nextInt(3);
        if (roll == 0) {
            return Math.max(subject.minSize(), size / 2);
        }
        if (roll == 1) {
            return size + 1 + random.nextInt(subject.kind() == AllocatorKind.BYTE ? 256 : 4);
        }
        return size * 2 + subject.minSize();
    }

    private Op allocAt() {
        Map.Entry<Long, Long> region = randomRegion();
        if (region == null) {
            return alloc();
        }
        long pages = (region.getValue() - region.getKey()) / unit;
        long base = region.getKey() + random.nextLong(pages) * unit;
        if (subject.kind() == AllocatorKind.ID) {
            return Op.allocAt(nextId++, base, 1, 1);
        }
        long count = 1 + random.nextInt(random.nextBoolean() ? 4 : 32);
        long align = unit << Long.numberOfTrailingZeros(Math.max(1, (base - 0) / unit) | (1L << 10));
        return Op.allocAt(nextId++, base, count, random.nextInt(4) == 0 ? unit : Math.min(align, unit << 4));
    }

    private Op freeAt() {
        Map.Entry<Long, Long> region = randomRegion();
        long size = subject.kind() == AllocatorKind.BYTE ? random.nextInt(64) : 1 + random.nextInt(4);
        if (region == null || random.nextInt(5) == 0) {
            return Op.freeAt(random.nextBoolean() ? 0 : (1L << 50) * unit / unit, size, 1);
        }
        long units = (region.getValue() - region.getKey()) / unit;
        return Op.freeAt(region.getKey() + random.nextLong(Math.max(1, units)) * unit, size, 1);
    }

    private Op badAlloc() {
        switch (random.nextInt(4)) {
            case 0:
                return Op.alloc(nextId++, size(), BAD_ALIGNS[random.nextInt(BAD_ALIGNS.length)]);
            case 1:
                return Op.alloc(nextId++, random.nextBoolean() ? -1 : Long.MIN_VALUE, unit);
            case 2:
                return Op.alloc(nextId++, Long.MAX_VALUE - random.nextInt(4), 64);
            default:
                return Op.alloc(nextId++, Long.MAX_VALUE / 2 / unit, unit);
        }
    }

    private Op addMemory() {
        int roll = random.nextInt(10);
        Map.Entry<Long, Long> region = randomRegion();
        if (roll == 0 || region == null) {
            return Op.addMemory(random.nextBoolean() ? -unit : Long.MAX_VALUE - 10 * unit, 64 * unit);
        }
        if (roll < 3) {
            long inside = region.getKey() + random.nextLong(Math.max(1, (region.getValue() - region.getKey()) / unit))
                    * unit;
            return Op.addMemory(inside, regionSize());
        }
        long size = regionSize();
        if (run.model().regions().size() >= MAX_REGIONS) {
            return Op.addMemory(region.getKey(), size);
        }
        if (roll < 6 && region.getValue() <= Long.MAX_VALUE - size) {
            return Op.addMemory(region.getValue(), size);
        }
        return Op.addMemory(regionStart(size), size);
    }

    private Map.Entry<Long, Long> randomRegion() {
        Map<Long, Long> regions = run.model().regions();
        if (regions.isEmpty()) {
            return null;
        }
        int index = random.nextInt(regions.size());
        for (Map.Entry<Long, Long> region : regions.entrySet()) {
            if (index-- == 0) {
                return region;
            }
        }
        return null;
    }

    /** A region size in addresses (a whole number of units). */
    private long regionSize() {
        int roll = random.nextInt(4);
        long units;
        if (roll == 0) {
            units = Math.max(1, maxRegion / 64 + random.nextLong(Math.max(1, maxRegion / 8)));
        } else if (roll == 1) {
            units = maxRegion;
        } else {
            units = 1 + random.nextLong(maxRegion);
        }
        return units * unit;
    }

    /** A region start: 0, near Long.MAX_VALUE, or an address with a random alignment. */
    private long regionStart(long size) {
        int roll = random.nextInt(10);
        if (roll < 2) {
            return 0;
        }
        if (roll < 4) {
            long start = Long.MAX_VALUE - size - random.nextLong(4) * unit;
            return start - start % unit;
        }
        int shift = subject.kind() == AllocatorKind.BYTE ? random.nextInt(13) : 0;
        long start = (random.nextLong(1L << 40) << shift) >>> 1;
        start = Math.min(start, Long.MAX_VALUE - size);
        return start - start % (unit == 1 ? 1L << shift : unit);
    }
}
