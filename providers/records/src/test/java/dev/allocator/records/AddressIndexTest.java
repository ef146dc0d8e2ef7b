package dev.allocator.records;

import static dev.allocator.records.RecordStore.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressIndexTest {
    private static final int LINK = 1;

    private static int record(RecordStore store, long start) {
        int record = store.add();
        store.set(record, 0, start);
        store.set(record, LINK, 0);
        return record;
    }

    @Test
    void insertedRecordsAreFoundByStartAndOthersAreNot() {
        RecordStore store = new RecordStore(2, 0);
        AddressIndex index = new AddressIndex(store, LINK, 0);
        index.ensureRoom(3);
        int zero = record(store, 0);
        int big = record(store, Long.MAX_VALUE - 7);
        int mid = record(store, 4096);
        index.insert(zero);
        index.insert(big);
        index.insert(mid);
        assertEquals(zero, index.find(0), "address 0 is a valid key");
        assertEquals(big, index.find(Long.MAX_VALUE - 7));
        assertEquals(mid, index.find(4096));
        assertEquals(NIL, index.find(4097));
        assertEquals(NIL, index.find(-1));
        assertEquals(3, index.count());
    }

    @Test
    void removingARecordFromTheMiddleOfAChainKeepsTheOthersFindable() {
        RecordStore store = new RecordStore(2, 0);
        AddressIndex index = new AddressIndex(store, LINK, 16);
        // 64 keys in 16 buckets: long chains, removal from heads, middles and tails
        int[] records = new int[64];
        index.ensureRoom(64);
        for (int i = 0; i < 64; i++) {
            records[i] = record(store, i * 4096L);
            index.insert(records[i]);
        }
        for (int i = 0; i < 64; i += 3) {
            index.remove(records[i]);
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(i % 3 == 0 ? NIL : records[i], index.find(i * 4096L), "key " + i);
        }
    }

    @Test
    void growingRefilesEveryIndexedRecordAndSkipsReleasedOnes() {
        RecordStore store = new RecordStore(2, 0);
        AddressIndex index = new AddressIndex(store, LINK, 0);
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            index.ensureRoom(1);
            int record = record(store, i * 48L);
            index.insert(record);
            expected.put(i * 48L, record);
            if (i % 5 == 0) {
                index.remove(record);
                store.release(record);
                expected.remove(i * 48L);
            }
        }
        long footprint = index.footprintBytes();
        index.ensureRoom(5000);
        assertEquals(true, index.footprintBytes() > footprint);
        for (int i = 0; i < 1000; i++) {
            assertEquals(expected.getOrDefault(i * 48L, NIL), index.find(i * 48L), "key " + i * 48L);
        }
        assertEquals(expected.size(), index.count());
    }

    @Test
    void anIndexOfMarkedRecordsRefilesOnlyThoseWhenItGrows() {
        RecordStore store = new RecordStore(3, 0);
        AddressIndex index = new AddressIndex(store, 2, 0, 2, Integer.MIN_VALUE);
        for (int i = 0; i < 100; i++) {
            index.ensureRoom(1);
            int record = store.add();
            store.set(record, 0, i * 16L);
            if (i % 2 == 0) {
                store.setHigh(record, 2, Integer.MIN_VALUE);
                index.insert(record);
            } else {
                store.setHalves(record, 2, NIL, NIL); // a record the index does not hold
            }
        }
        index.ensureRoom(1000);
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 2 == 0 ? i : NIL, index.find(i * 16L), "key " + i * 16L);
        }
    }

    @Test
    void randomInsertsAndRemovalsAgreeWithAMap() {
        SplittableRandom random = new SplittableRandom(17);
        RecordStore store = new RecordStore(2, 0);
        AddressIndex index = new AddressIndex(store, LINK, 0);
        Map<Long, Integer> expected = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            long key = random.nextLong(4096) * 64;
            Integer present = expected.get(key);
            if (present == null) {
                index.ensureRoom(1);
                int record = record(store, key);
                index.insert(record);
                expected.put(key, record);
            } else {
                index.remove(present);
                store.release(present);
                expected.remove(key);
            }
            long probe = random.nextLong(4096) * 64;
            assertEquals(expected.getOrDefault(probe, NIL), index.find(probe));
        }
        assertEquals(expected.size(), index.count());
        index.clear();
        assertEquals(0, index.count());
        expected.keySet().forEach(key -> assertEquals(NIL, index.find(key)));
    }

    @Test
    void theTableHasAPowerOfTwoBucketsAtLeastSixteenAndAtLeastOnePerRecord() {
        RecordStore store = new RecordStore(2, 0);
        assertEquals(16 * Integer.BYTES, new AddressIndex(store, LINK, 0).footprintBytes());
        assertEquals(16 * Integer.BYTES, new AddressIndex(store, LINK, 16).footprintBytes());
        assertEquals(32 * Integer.BYTES, new AddressIndex(store, LINK, 17).footprintBytes());
        assertEquals(128 * Integer.BYTES, new AddressIndex(store, LINK, 100).footprintBytes());
        AddressIndex index = new AddressIndex(store, LINK, 0);
        index.ensureRoom(16);
        assertEquals(16 * Integer.BYTES, index.footprintBytes(), "room for 16 in 16 buckets: no growth");
        index.ensureRoom(17);
        assertEquals(32 * Integer.BYTES, index.footprintBytes());
    }

    @Test
    void addressesSpreadOverTheBucketsInsteadOfChainingInOne() {
        RecordStore store = new RecordStore(2, 0);
        AddressIndex index = new AddressIndex(store, LINK, 16);
        for (int i = 0; i < 16; i++) {
            index.insert(record(store, i * 4096L));
        }
        int chained = 0; // records with another behind them in their bucket's chain
        for (int record = 0; record < 16; record++) {
            chained += store.low(record, LINK) == NIL ? 0 : 1;
        }
        assertTrue(chained <= 4, chained + " of 16 page addresses share a bucket in a table of 16");
    }

    @Test
    void growingRefilesLiveRecordsOnlyNotTheOnesPastTheStoresBound() {
        RecordStore store = new RecordStore(2, 0);
        AddressIndex index = new AddressIndex(store, LINK, 40);
        for (int i = 0; i < 40; i++) {
            index.insert(record(store, i * 64L));
        }
        index.clear();
        store.clear(); // records 0 to 39 keep their old words, but only those below the bound count
        for (int i = 0; i < 10; i++) {
            index.insert(record(store, 100_000 + i * 64L));
        }
        index.ensureRoom(1000); // refiles the live records [0, 10)
        for (int i = 0; i < 40; i++) {
            assertEquals(NIL, index.find(i * 64L), "old key " + i * 64L);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(i, index.find(100_000 + i * 64L));
        }
        assertEquals(10, index.count());
    }
}
