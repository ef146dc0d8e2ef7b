package dev.allocator.buddy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressMapTest {
    @Test
    void storesFindsReplacesAndRemoves() {
        AddressMap map = new AddressMap();
        map.put(0, 7);
        map.put(4096, 8);
        assertEquals(7, map.get(0));
        assertEquals(8, map.get(4096));
        assertEquals(AddressMap.MISSING, map.get(16));
        map.put(0, 9);
        assertEquals(9, map.get(0));
        assertEquals(2, map.size());
        assertEquals(9, map.remove(0));
        assertEquals(AddressMap.MISSING, map.remove(0));
        assertEquals(AddressMap.MISSING, map.get(0));
        assertEquals(1, map.size());
    }

    @Test
    void negativeKeysAreNeverPresent() {
        AddressMap map = new AddressMap();
        map.put(5, 1);
        assertEquals(AddressMap.MISSING, map.get(-1));
        assertEquals(AddressMap.MISSING, map.remove(-1));
        assertEquals(AddressMap.MISSING, map.get(Long.MIN_VALUE));
        assertEquals(1, map.size());
    }

    @Test
    void clearEmptiesTheMap() {
        AddressMap map = new AddressMap();
        for (int i = 0; i < 100; i++) {
            map.put(i * 64L, i);
        }
        map.clear();
        assertEquals(0, map.size());
        assertEquals(AddressMap.MISSING, map.get(64));
    }

    @Test
    void agreesWithHashMapUnderRandomAlignedKeys() {
        long seed = 0x5eed_0001L;
        SplittableRandom random = new SplittableRandom(seed);
        AddressMap map = new AddressMap();
        Map<Long, Integer> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextLong(4096) * 64; // aligned keys collide in low bits: the hash must spread them
            int operation = random.nextInt(3);
            if (operation == 0) {
                int value = random.nextInt(1_000_000);
                map.put(key, value);
                model.put(key, value);
            } else if (operation == 1) {
                Integer removed = model.remove(key);
                assertEquals(removed == null ? AddressMap.MISSING : removed, map.remove(key), "seed " + seed);
            } else {
                Integer expected = model.get(key);
                assertEquals(expected == null ? AddressMap.MISSING : expected, map.get(key), "seed " + seed);
            }
            assertEquals(model.size(), map.size(), "seed " + seed);
        }
        for (Map.Entry<Long, Integer> entry : model.entrySet()) {
            assertEquals(entry.getValue(), map.get(entry.getKey()), "seed " + seed);
        }
    }
}
