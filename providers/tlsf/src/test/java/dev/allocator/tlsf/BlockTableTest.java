package dev.allocator.tlsf;

import static dev.allocator.tlsf.BlockTable.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The record table: lookup by start, deletion by backward shift with link patching, growth, clearing. */
class BlockTableTest {
    /** Records where the table reports moved list heads. */
    private final Map<Long, Integer> movedHeads = new HashMap<>();
    private final BlockTable table = new BlockTable(0, (size, index) -> movedHeads.put(size, index));

    @Test
    void insertedRecordsAreFoundByStartAndUnknownStartsAreNot() {
        int a = table.insert(0, 16);
        int b = table.insert(1L << 50, 32);
        assertEquals(a, table.find(0));
        assertEquals(b, table.find(1L << 50));
        assertEquals(NIL, table.find(16));
        assertEquals(32, table.size(b));
        assertFalse(table.isFree(a), "new records are used");
        assertEquals(NIL, table.physPrev(a));
        assertEquals(NIL, table.physNext(a));
    }

    /** Starts that all hash to the same slot of a 16-slot table, so they form one probe run. */
    private static List<Long> collidingStarts(BlockTable probe, int count) {
        List<Long> starts = new ArrayList<>();
        Map<Integer, List<Long>> byHome = new HashMap<>();
        for (long start = 0; ; start += 16) {
            int index = probe.insert(start, 16);
            List<Long> same = byHome.computeIfAbsent(index, key -> new ArrayList<>());
            same.add(start);
            probe.remove(index, NIL);
            if (same.size() == count) {
                starts.addAll(same);
                return starts;
            }
        }
    }

    @Test
    void removingARecordShiftsItsProbeRunBackAndPatchesEveryLink() {
        List<Long> starts = collidingStarts(new BlockTable(0, (size, index) -> { }), 3);
        int first = table.insert(starts.get(0), 16);
        int second = table.insert(starts.get(1), 16);
        int third = table.insert(starts.get(2), 16);
        int neighbour = table.insert(1L << 40, 16);
        table.linkPhysical(neighbour, second);
        table.linkPhysical(second, third);
        table.setFreeLinks(second, NIL, neighbour);
        table.setFreeLinks(neighbour, second, NIL);
        table.setFreeLinks(third, neighbour, NIL);

        int tracked = table.remove(first, third);

        int secondNow = table.find(starts.get(1));
        assertEquals(first, secondNow, "second moved into the hole");
        assertEquals(second, tracked, "third moved into second's old slot");
        assertEquals(tracked, table.find(starts.get(2)));
        assertEquals(NIL, table.find(starts.get(0)));
        assertEquals(secondNow, table.physNext(neighbour));
        assertEquals(secondNow, table.physPrev(tracked));
        assertEquals(tracked, table.physNext(secondNow));
        assertEquals(secondNow, table.freePrev(neighbour));
        assertEquals(secondNow, movedHeads.get(16L), "second heads its list: its owner is told");
        assertEquals(3, table.count());
    }

    @Test
    void growthRenumbersLinksAndHeadsAndKeepsEveryRecordFindable() {
        SplittableRandom random = new SplittableRandom(11);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long start = i * 4096L + random.nextInt(256) * 16L;
            assertTrue(table.ensureRoom(1));
            int previous = starts.isEmpty() ? NIL : table.find(starts.get(starts.size() - 1));
            table.linkPhysical(previous, table.insert(start, 16));
            starts.add(start);
        }
        int head = table.find(starts.get(0));
        table.setFreeLinks(head, NIL, NIL);
        assertTrue(table.ensureRoom(5000));
        assertTrue(3L * table.capacity() >= 4 * 6000, "room for 6000 records at most three quarters full");
        int at = table.find(starts.get(0));
        assertEquals(at, movedHeads.get(16L));
        for (int i = 0; i < starts.size(); i++) {
            assertEquals(i == 0 ? NIL : table.find(starts.get(i - 1)), table.physPrev(at));
            at = table.physNext(at);
        }
        assertEquals(NIL, at);
    }

    @Test
    void randomInsertsAndRemovalsKeepLookupsExact() {
        SplittableRandom random = new SplittableRandom(3);
        List<Long> live = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (live.isEmpty() || random.nextInt(3) != 0) {
                long start = random.nextLong(1L << 30) << 4;
                if (table.find(start) == NIL) {
                    assertTrue(table.ensureRoom(1));
                    table.insert(start, start + 16);
                    live.add(start);
                }
            } else {
                long start = live.remove(random.nextInt(live.size()));
                table.remove(table.find(start), NIL);
            }
        }
        assertEquals(live.size(), table.count());
        for (long start : live) {
            assertEquals(start + 16, table.size(table.find(start)));
        }
        assertTrue(4L * table.count() <= 3L * table.capacity(), "at most three quarters full");
    }

    @Test
    void clearingChainsEmptiesTheTableWithoutProbing() {
        int a = table.insert(0, 16);
        int b = table.insert(16, 16);
        int c = table.insert(1 << 20, 16);
        table.linkPhysical(a, b);
        table.clearChains(new int[] {a, c}, 2);
        assertEquals(0, table.count());
        assertEquals(NIL, table.find(0));
        assertEquals(NIL, table.find(16));
        assertEquals(NIL, table.find(1 << 20));
    }

    @Test
    void growthPastTheLargestCapacityIsRefused() {
        assertFalse(table.ensureRoom(BlockTable.MAX_CAPACITY));
        assertEquals(0, table.count());
    }
}
