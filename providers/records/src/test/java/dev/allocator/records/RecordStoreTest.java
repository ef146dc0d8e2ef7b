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
}
