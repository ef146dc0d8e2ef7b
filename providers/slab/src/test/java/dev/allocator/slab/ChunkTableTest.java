package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkTableTest {
    @Test
    void findsChunksByStartWithClassAndOccupancy() {
        ChunkTable table = new ChunkTable(7);
        int chunk = table.add(8192, 2, 3); // 8 slots
        assertTrue(table.isEmpty(chunk));
        assertEquals(chunk, table.find(8192));
        assertEquals(ChunkTable.NONE, table.find(8193));
        assertEquals(8192, table.start(chunk));
        assertEquals(2, table.sizeClass(chunk));
        assertEquals(3, table.slotShift(chunk));
        assertEquals(0xFFL, table.freeSlots(chunk));
        assertEquals(0, table.takeSlot(chunk));
        assertEquals(0xFEL, table.freeSlots(chunk));
        assertFalse(table.isEmpty(chunk));
        assertEquals(1, table.size());
    }

    @Test
    void aChunkWithAFreeSlotIsListedUnderItsClassAndLeavesWhenFull() {
        ChunkTable table = new ChunkTable(7);
        int twoSlots = table.add(0, 3, 1);
        int other = table.add(4096, 3, 0);
        assertEquals(other, table.firstWithFreeSlot(3), "the newest chunk first");
        assertEquals(twoSlots, table.nextWithFreeSlot(other));
        assertEquals(0, table.takeSlot(other));
        assertEquals(twoSlots, table.firstWithFreeSlot(3), "a full chunk leaves the list");
        assertEquals(0, table.takeSlot(twoSlots));
        assertEquals(1, table.takeSlot(twoSlots));
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(3));
        assertFalse(table.returnSlot(twoSlots, 1), "one of two slots free: not empty");
        assertEquals(twoSlots, table.firstWithFreeSlot(3), "a chunk with a slot back rejoins the list");
        assertEquals(0b10L, table.freeSlots(twoSlots));
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(2), "other classes stay empty");
        assertTrue(table.returnSlot(twoSlots, 0), "both slots free: empty");
    }

    @Test
    void anEmptyChunkHasOneFreeBitPerSlot() {
        assertEquals(1L, ChunkTable.allFree(0));
        assertEquals(0xFFFF_FFFFL, ChunkTable.allFree(5));
        assertEquals(-1L, ChunkTable.allFree(6));
    }

    @Test
    void aRemovedChunkIsNotFoundAndItsStartCanBeAddedAgain() {
        ChunkTable table = new ChunkTable(7);
        int first = table.add(0, 0, 6);
        table.remove(first);
        assertEquals(ChunkTable.NONE, table.find(0));
        assertEquals(0, table.size());
        int again = table.add(0, 1, 6);
        assertEquals(again, table.find(0));
        assertEquals(1, table.sizeClass(again));
    }

    @Test
    void findWithAShapeAnswersOnlyForTheChunksClassAndSlotCount() {
        ChunkTable table = new ChunkTable(7);
        int chunk = table.add(1 << 20, 4, 5);
        assertEquals(chunk, table.find(1 << 20, 4, 5));
        assertEquals(ChunkTable.NONE, table.find(1 << 20, 3, 5), "another class");
        assertEquals(ChunkTable.NONE, table.find(1 << 20, 4, 6), "another slot count");
        assertEquals(ChunkTable.NONE, table.find((1 << 20) + 64, 4, 5), "no chunk starts there");
    }

    @Test
    void eachClassKnowsTheSlotCountsOfItsChunks() {
        ChunkTable table = new ChunkTable(7);
        int full = table.add(0, 2, 6);
        int shortOne = table.add(1 << 20, 2, 3);
        int twin = table.add(2 << 20, 2, 3);
        table.add(3 << 20, 5, 0);
        assertEquals(1 << 6 | 1 << 3, table.slotShiftsOf(2));
        assertEquals(1, table.slotShiftsOf(5));
        assertEquals(0, table.slotShiftsOf(0));
        assertEquals(List.of(full, shortOne, twin), List.of(table.find(0), table.find(1 << 20), table.find(2 << 20)));
        table.remove(table.find(1 << 20));
        assertEquals(1 << 6 | 1 << 3, table.slotShiftsOf(2), "another chunk of 8 slots is left");
        table.remove(table.find(2 << 20));
        assertEquals(1 << 6, table.slotShiftsOf(2));
        table.remove(table.find(0));
        assertEquals(0, table.slotShiftsOf(2));
        table.clear();
        assertEquals(0, table.slotShiftsOf(5));
    }

    @Test
    void removingChunksAnywhereKeepsTheOthersFoundAndTheirSlotsAreUsedAgain() {
        ChunkTable table = new ChunkTable(3);
        int chunks = 3000;
        for (int i = 0; i < chunks; i++) {
            table.add(i * 4096L, i % 3, 6); // 3000 chunks in 8192 slots: many probe runs of two or more
        }
        assertEquals(8192, table.slotCount());
        for (int i = 0; i < chunks; i += 3) {
            table.remove(table.find(i * 4096L)); // records after it in its probe run may move back
        }
        for (int i = 1; i < chunks; i += 3) {
            table.remove(table.find(i * 4096L));
        }
        assertEquals(1000, table.size());
        for (int i = 0; i < chunks; i++) {
            int chunk = table.find(i * 4096L);
            assertEquals(i % 3 == 2, chunk != ChunkTable.NONE, "chunk at " + i * 4096L);
            if (chunk != ChunkTable.NONE) {
                assertEquals(i * 4096L, table.start(chunk));
                assertEquals(2, table.sizeClass(chunk));
            }
        }
        for (int i = 0; i < chunks; i += 3) {
            table.add(i * 4096L, 0, 6);
        }
        for (int i = 0; i < chunks; i++) {
            assertEquals(i % 3 != 1, table.find(i * 4096L) != ChunkTable.NONE, "chunk at " + i * 4096L);
        }
        assertEquals(8192, table.slotCount(), "no re-file: removing leaves no tombstone");
    }

    @Test
    void refilingKeepsTheListsInOrderAndTheSpares() {
        ChunkTable table = new ChunkTable(2);
        long[] starts = new long[40];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = i * 8192L;
            int chunk = table.add(starts[i], i % 2, 1);
            if (i % 5 == 1) {
                table.takeSlot(chunk);
                table.takeSlot(chunk); // full: out of its list
            }
        }
        table.setSpare(1, table.find(starts[7]));
        long last = lastSlotStartAfterGrowth(256);
        table.add(last, 0, 1); // listed, and in the last slot once the table has 256 slots
        List<Long> before = listedStarts(table);
        int slots = table.slotCount();
        for (int i = 40; table.slotCount() == slots; i++) {
            table.add(i * 8192L, 0, 0); // until the table grows and re-files
        }
        assertEquals(starts[7], table.start(table.spare(1)), "the spare follows its chunk");
        assertEquals(255, table.find(last), "a listed chunk in the last slot");
        assertEquals(ChunkTable.NONE, table.spare(0));
        List<Long> after = listedStarts(table);
        assertEquals(before, after.subList(after.size() - before.size(), after.size()),
                "the older chunks keep their order behind the new ones");
        for (int i = 0; i < starts.length; i++) {
            int chunk = table.find(starts[i]);
            assertEquals(i % 2, table.sizeClass(chunk));
            assertEquals(i % 5 == 1 ? 0 : 0b11L, table.freeSlots(chunk));
        }
        int atZero = table.find(0);
        table.takeSlot(atZero);
        table.takeSlot(atZero); // full: leaves its list through its (re-filed) links
        after.remove(0L);
        assertEquals(after, listedStarts(table), "the chunk at address 0 had its links re-filed too");
    }

    @Test
    void chunksComingAndGoingDoNotGrowTheTable() {
        ChunkTable table = new ChunkTable(1);
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < 30; i++) {
                table.add((round * 30L + i) * 64, 0, 0);
            }
            for (int i = 0; i < 30; i++) {
                table.remove(table.find((round * 30L + i) * 64));
            }
        }
        assertEquals(128, table.slotCount(), "removing leaves no tombstone that would fill the table");
        assertEquals(0, table.size());
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(0));
        int last = table.add(7, 0, 0);
        assertEquals(last, table.find(7));
    }

    @Test
    void randomAddsAndRemovesKeepEveryChunkFoundListedAndSpared() {
        SplittableRandom random = new SplittableRandom(0x51AB_C4A7L);
        ChunkTable table = new ChunkTable(2);
        Map<Long, Integer> classOf = new HashMap<>(); // start -> class, of every chunk held
        Set<Long> full = new HashSet<>(); // the chunks of one slot that was taken: in no list
        List<Long> held = new ArrayList<>();
        long[] spareStarts = {-1, -1};
        for (int step = 0; step < 20_000; step++) {
            if (held.size() < 40 || random.nextInt(2) == 0) {
                long start = random.nextLong(2048) * 64; // few distinct starts: long probe runs
                if (classOf.containsKey(start)) {
                    continue;
                }
                int sizeClass = random.nextInt(2);
                int chunk = table.add(start, sizeClass, random.nextInt(2)); // 1 or 2 slots
                if (table.slotShift(chunk) == 0 && random.nextBoolean()) {
                    table.takeSlot(chunk);
                    full.add(start);
                } else if (random.nextInt(8) == 0) {
                    table.setSpare(sizeClass, chunk);
                    spareStarts[sizeClass] = start;
                }
                classOf.put(start, sizeClass);
                held.add(start);
            } else {
                int index = random.nextInt(held.size());
                long start = held.get(index);
                if (full.remove(start)) {
                    table.returnSlot(table.find(start), 0); // back in its list: only a listed chunk is removed
                }
                int sizeClass = classOf.remove(start);
                if (spareStarts[sizeClass] == start) {
                    table.setSpare(sizeClass, ChunkTable.NONE);
                    spareStarts[sizeClass] = -1;
                }
                held.set(index, held.get(held.size() - 1));
                held.remove(held.size() - 1);
                long watchedStart = held.get(random.nextInt(held.size()));
                int watched = table.remove(table.find(start), table.find(watchedStart));
                assertEquals(watchedStart, table.start(watched), "the watched chunk's number follows it");
            }
            if (step % 97 == 0) {
                assertTableHolds(table, classOf, full, spareStarts);
            }
        }
        assertTableHolds(table, classOf, full, spareStarts);
    }

    private static void assertTableHolds(ChunkTable table, Map<Long, Integer> classOf, Set<Long> full,
                                         long[] spareStarts) {
        assertEquals(classOf.size(), table.size());
        Map<Long, Integer> listed = new HashMap<>();
        for (int sizeClass = 0; sizeClass < 2; sizeClass++) {
            int previous = ChunkTable.NONE;
            for (int chunk = table.firstWithFreeSlot(sizeClass); chunk != ChunkTable.NONE;
                    chunk = table.nextWithFreeSlot(chunk)) {
                assertEquals(null, listed.put(table.start(chunk), sizeClass), "listed once");
                assertEquals(sizeClass, table.sizeClass(chunk));
                previous = chunk;
            }
            int spare = table.spare(sizeClass);
            assertEquals(spareStarts[sizeClass], spare == ChunkTable.NONE ? -1 : table.start(spare), "the spare");
            assertTrue(previous == ChunkTable.NONE || table.nextWithFreeSlot(previous) == ChunkTable.NONE);
        }
        for (Map.Entry<Long, Integer> chunk : classOf.entrySet()) {
            int found = table.find(chunk.getKey());
            assertEquals((long) chunk.getKey(), table.start(found));
            assertEquals((int) chunk.getValue(), table.sizeClass(found));
            assertEquals(full.contains(chunk.getKey()), !listed.containsKey(chunk.getKey()), "listed iff not full");
        }
        assertEquals(classOf.size() - full.size(), listed.size());
    }

    /** A start (a multiple of 64 above 1 GiB) whose probe begins at the last slot of a table of {@code slots}. */
    private static long lastSlotStartAfterGrowth(int slots) {
        long start = 1L << 30;
        while ((int) ((start * 0x9E37_79B9_7F4A_7C15L) >>> (64 - Integer.numberOfTrailingZeros(slots))) != slots - 1) {
            start += 64;
        }
        return start;
    }

    @Test
    void startsSpreadOverTheSlots() {
        ChunkTable table = new ChunkTable(1);
        int highest = 0;
        for (int i = 0; i < 8; i++) {
            highest = Math.max(highest, table.add(i * 4096L, 0, 6));
        }
        assertTrue(highest >= 16, "the starts hash to slots all over the table, not to its first ones: " + highest);
    }

    private static List<Long> listedStarts(ChunkTable table) {
        List<Long> starts = new ArrayList<>();
        for (int sizeClass = 0; sizeClass < 2; sizeClass++) {
            for (int chunk = table.firstWithFreeSlot(sizeClass); chunk != ChunkTable.NONE;
                    chunk = table.nextWithFreeSlot(chunk)) {
                starts.add(table.start(chunk));
            }
        }
        return starts;
    }

    @Test
    void listsOfChunksWithAFreeSlotUnlinkFromAnywhere() {
        ChunkTable table = new ChunkTable(2);
        int oldest = table.add(0, 1, 0);
        int middle = table.add(4096, 1, 0);
        int newest = table.add(8192, 1, 0);
        assertEquals(0, table.takeSlot(middle)); // one slot: full, leaves the list from its middle
        assertEquals(newest, table.firstWithFreeSlot(1));
        assertEquals(oldest, table.nextWithFreeSlot(newest));
        assertEquals(ChunkTable.NONE, table.nextWithFreeSlot(oldest));
        assertEquals(0, table.takeSlot(oldest)); // the tail leaves
        assertEquals(ChunkTable.NONE, table.nextWithFreeSlot(newest));
        assertTrue(table.returnSlot(middle, 0));
        assertEquals(middle, table.firstWithFreeSlot(1), "back at the head");
        assertEquals(newest, table.nextWithFreeSlot(middle));
        table.remove(newest); // the tail again, by remove (numbers may change: look them up again)
        assertEquals(ChunkTable.NONE, table.nextWithFreeSlot(table.find(4096)));
        table.remove(table.find(4096)); // the only one
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(1));
        assertEquals(ChunkTable.NONE, table.firstWithFreeSlot(0));
    }

    @Test
    void aFullTableSaysSoAndAddsNothing() {
        ChunkTable table = new ChunkTable(1, 32);
        int[] chunks = new int[32];
        for (int i = 0; i < 32; i++) {
            assertTrue(table.ensureRoom());
            chunks[i] = table.add(i * 64L, 0, 0);
        }
        assertEquals(64, table.slotCount(), "twice as many slots as chunks");
        assertFalse(table.ensureRoom());
        assertThrows(IllegalStateException.class, () -> table.add(1L << 20, 0, 0));
        assertEquals(32, table.size());
        assertEquals(ChunkTable.NONE, table.find(1L << 20));
        for (int i = 0; i < 32; i++) {
            assertEquals(chunks[i], table.find(i * 64L));
        }
        table.remove(chunks[7]);
        assertTrue(table.ensureRoom(), "room again");
        int added = table.add(1L << 20, 0, 0);
        assertEquals(added, table.find(1L << 20));
        assertEquals(ChunkTable.NONE, table.find(7 * 64L));
        assertEquals(32, table.size());
    }

    @Test
    void theSlotsDoubleWhenMoreThanHalfAreInUse() {
        ChunkTable table = new ChunkTable(1);
        assertEquals(128, table.slotCount());
        for (int i = 0; i < 64; i++) {
            table.add(i * 64L, 0, 0);
        }
        assertEquals(128, table.slotCount());
        table.add(1L << 20, 0, 0);
        assertEquals(256, table.slotCount());
        assertEquals(1L << 20, table.start(table.find(1L << 20)));
        assertEquals(3 * 64L, table.start(table.find(3 * 64L)), "re-filed when the table grew");
    }

    @Test
    void holdsManyChunksAndClears() {
        ChunkTable table = new ChunkTable(7);
        for (int i = 0; i < 1000; i++) {
            table.add(i * 4096L, i % 7, 6);
        }
        assertEquals(999 % 7, table.sizeClass(table.find(999 * 4096L)));
        table.clear();
        assertEquals(0, table.size());
        assertEquals(ChunkTable.NONE, table.find(0));
    }
}
