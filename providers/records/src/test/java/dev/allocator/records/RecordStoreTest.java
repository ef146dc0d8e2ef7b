package dev.allocator.records;

import static dev.allocator.records.RecordStore.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordStoreTest {
    @Test
    void recordsAreNumberedFromZeroAndKeepTheirWords() {
        RecordStore store = new RecordStore(3, 0);
        int first = store.add();
        int second = store.add();
        assertEquals(0, first);
        assertEquals(1, second);
        store.set(first, 0, 4096);
        store.set(first, 2, -7);
        store.set(second, 0, Long.MAX_VALUE);
        assertEquals(4096, store.get(first, 0));
        assertEquals(-7, store.get(first, 2));
        assertEquals(Long.MAX_VALUE, store.get(second, 0));
        assertEquals(2, store.count());
    }

    @Test
    void halvesOfAWordAreReadAndWrittenApart() {
        RecordStore store = new RecordStore(2, 4);
        int record = store.add();
        store.setHalves(record, 1, NIL, 12);
        assertEquals(NIL, store.high(record, 1));
        assertEquals(12, store.low(record, 1));
        store.setHigh(record, 1, Integer.MIN_VALUE);
        assertEquals(Integer.MIN_VALUE, store.high(record, 1));
        assertEquals(12, store.low(record, 1), "the low half is kept");
        store.setLow(record, 1, NIL);
        assertEquals(Integer.MIN_VALUE, store.high(record, 1), "the high half is kept");
        assertEquals(NIL, store.low(record, 1));
    }

    @Test
    void releasedRecordsAreHandedOutAgainLastReleasedFirst() {
        RecordStore store = new RecordStore(1, 0);
        for (int i = 0; i < 5; i++) {
            store.set(store.add(), 0, i);
        }
        store.release(1);
        store.release(3);
        assertFalse(store.isLive(1));
        assertFalse(store.isLive(3));
        assertTrue(store.isLive(2));
        assertEquals(3, store.count());
        assertEquals(5, store.bound());
        assertEquals(3, store.add());
        assertEquals(1, store.add());
        assertEquals(5, store.add(), "a new record once none is released");
        assertEquals(6, store.bound());
    }

    @Test
    void ensureRoomGrowsOnceSoThatAddsAllocateNothingAndKeepsEveryRecord() {
        RecordStore store = new RecordStore(3, 0);
        for (int i = 0; i < 16; i++) {
            store.set(store.add(), 0, 100 + i);
        }
        long before = store.footprintBytes();
        assertTrue(store.ensureRoom(100));
        long grown = store.footprintBytes();
        assertTrue(grown >= (16 + 100) * 3 * Long.BYTES);
        for (int i = 0; i < 100; i++) {
            store.set(store.add(), 0, i);
        }
        assertEquals(grown, store.footprintBytes(), "no growth while adding the room asked for");
        for (int i = 0; i < 16; i++) {
            assertEquals(100 + i, store.get(i, 0));
        }
        assertTrue(before < grown);
    }

    @Test
    void releasedRecordsCountAsRoom() {
        RecordStore store = new RecordStore(1, 16);
        for (int i = 0; i < 16; i++) {
            store.set(store.add(), 0, i);
        }
        store.release(4);
        store.release(9);
        long footprint = store.footprintBytes();
        assertTrue(store.ensureRoom(2));
        assertEquals(footprint, store.footprintBytes());
    }

    @Test
    void roomPastTheLargestStoreIsRefusedWithNothingChanged() {
        RecordStore store = new RecordStore(4, 0);
        long footprint = store.footprintBytes();
        assertFalse(store.ensureRoom(store.maxRecords() + 1));
        assertEquals(footprint, store.footprintBytes());
        assertEquals(0, store.count());
    }

    @Test
    void clearReleasesEverythingAtOnceAndKeepsTheArray() {
        RecordStore store = new RecordStore(2, 0);
        for (int i = 0; i < 40; i++) {
            store.set(store.add(), 0, i);
        }
        long footprint = store.footprintBytes();
        store.clear();
        assertEquals(0, store.count());
        assertEquals(0, store.bound());
        assertEquals(0, store.add());
        assertEquals(footprint, store.footprintBytes());
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RecordStore(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new RecordStore(2, -1));
    }

    @Test
    void everyWordOfEveryRecordIsItsOwnThroughEveryAccessor() {
        int stride = 4;
        RecordStore store = new RecordStore(stride, 0);
        int records = 20;
        for (int record = 0; record < records; record++) {
            assertEquals(record, store.add());
            store.set(record, 0, record);
            for (int field = 1; field < stride; field++) {
                store.set(record, field, word(record, field));
            }
        }
        for (int record = 0; record < records; record++) {
            for (int field = 1; field < stride; field++) {
                long word = word(record, field);
                assertEquals(word, store.get(record, field), "record " + record + " field " + field);
                assertEquals((int) (word >> 32), store.high(record, field));
                assertEquals((int) word, store.low(record, field));
            }
        }
        for (int record = 0; record < records; record++) { // the same words again, written by halves
            store.setHalves(record, 1, (int) (word(record, 1) >> 32), (int) word(record, 1));
            store.setLow(record, 2, (int) word(record, 2));
            store.setHalves(record, 3, 0, 0);
            store.setHigh(record, 3, (int) (word(record, 3) >> 32));
            store.setLow(record, 3, (int) word(record, 3));
        }
        for (int record = 0; record < records; record++) {
            assertEquals(record, store.get(record, 0));
            for (int field = 1; field < stride; field++) {
                assertEquals(word(record, field), store.get(record, field), "record " + record + " field " + field);
            }
        }
    }

    /** A value distinct for every (record, field), with both halves distinct too. */
    private static long word(int record, int field) {
        return ((long) (1000 * record + field) << 32) | (-1000L * record - field & 0xFFFF_FFFFL);
    }

    @Test
    void theArraysHoldExactlyTheRecordsMadeRoomFor() {
        RecordStore store = new RecordStore(3, 0); // 16 records at least: one long and four ints each
        assertEquals(16 * (Long.BYTES + 4 * Integer.BYTES), store.footprintBytes());
        RecordStore single = new RecordStore(1, 20); // word 0 only: no halves
        assertEquals(20 * Long.BYTES, single.footprintBytes());
    }

    @Test
    void growingDoublesTheArraysOrTakesWhatIsAskedIfThatIsMore() {
        RecordStore store = new RecordStore(1, 16);
        for (int i = 0; i < 16; i++) {
            store.set(store.add(), 0, i);
        }
        assertTrue(store.ensureRoom(1));
        assertEquals(32 * Long.BYTES, store.footprintBytes(), "full: doubled");
        for (int i = 16; i < 32; i++) {
            store.set(store.add(), 0, i);
        }
        for (int i = 0; i < 10; i++) {
            store.release(i);
        }
        assertTrue(store.ensureRoom(50)); // 10 released records count: 32 + 50 - 10 = 72 needed, more than 64
        assertEquals(72 * Long.BYTES, store.footprintBytes());
    }
}
