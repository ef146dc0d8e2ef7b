package dev.allocator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiveBlocksTest {
    @Test
    void findsWhatWasPutWithItsSizeAndAlignment() {
        LiveBlocks blocks = new LiveBlocks();
        blocks.put(0, 24, 8);
        blocks.put(4096, 100, 4096);
        blocks.put(Long.MAX_VALUE - 1, 1, 1);
        assertEquals(3, blocks.count());
        int record = blocks.find(4096);
        assertEquals(4096, blocks.address(record));
        assertEquals(100, blocks.size(record));
        assertEquals(4096, blocks.alignment(record));
        assertEquals(24, blocks.size(blocks.find(0)), "address 0 is a valid address");
        assertEquals(1L << 62, alignmentRoundTrip(1L << 62));
        assertEquals(-1, blocks.find(8));
    }

    @Test
    void reserveOneGrowsBeforeTheAllocationSoThatPutNeverGrows() {
        LiveBlocks blocks = new LiveBlocks();
        long initial = blocks.footprintBytes();
        for (long address = 0; address < 8 * 1000; address += 8) {
            blocks.reserveOne();
            long reserved = blocks.footprintBytes();
            blocks.put(address, 8, 8);
            assertEquals(reserved, blocks.footprintBytes(), "the put after reserveOne does not grow: " + address);
        }
        assertTrue(blocks.footprintBytes() > initial, "1,000 blocks made the tables grow");
        assertEquals(1000, blocks.count());
        assertEquals(8, blocks.size(blocks.find(8 * 999)));
    }

    @Test
    void removalKeepsEveryOtherBlockFindable() {
        LiveBlocks blocks = new LiveBlocks();
        for (long address = 0; address < 10_000; address += 8) {
            blocks.put(address, address + 1, 8);
        }
        for (long address = 0; address < 10_000; address += 16) {
            blocks.removeAt(blocks.find(address));
        }
        for (long address = 0; address < 10_000; address += 8) {
            int record = blocks.find(address);
            if (address % 16 == 0) {
                assertEquals(-1, record, "removed " + address);
            } else {
                assertEquals(address + 1, blocks.size(record), "kept " + address);
            }
        }
        assertEquals(625, blocks.count());
    }

    @Test
    void setSizeChangesOnlyTheSize() {
        LiveBlocks blocks = new LiveBlocks();
        blocks.put(64, 10, 64);
        blocks.setSize(blocks.find(64), 500);
        assertEquals(500, blocks.size(blocks.find(64)));
        assertEquals(64, blocks.alignment(blocks.find(64)));
    }

    @Test
    void agreesWithAHashMapUnderRandomChurn() {
        long seed = 20_261_128L;
        SplittableRandom random = new SplittableRandom(seed);
        LiveBlocks blocks = new LiveBlocks();
        Map<Long, long[]> model = new HashMap<>();
        List<Long> live = new ArrayList<>();
        for (int operation = 0; operation < 200_000; operation++) {
            if (random.nextInt(3) < 2 || live.isEmpty()) {
                long address = random.nextLong(1L << 20) * 16; // clustered, aligned keys collide in probe runs
                if (model.containsKey(address)) {
                    assertTrue(blocks.find(address) >= 0, "seed " + seed);
                    continue;
                }
                long size = random.nextLong(1, 1 << 16);
                long alignment = 1L << random.nextInt(13);
                blocks.put(address, size, alignment);
                model.put(address, new long[] {size, alignment});
                live.add(address);
            } else {
                int index = random.nextInt(live.size());
                long address = live.get(index);
                live.set(index, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                int record = blocks.find(address);
                assertEquals(model.get(address)[0], blocks.size(record), "seed " + seed);
                assertEquals(model.get(address)[1], blocks.alignment(record), "seed " + seed);
                blocks.removeAt(record);
                model.remove(address);
                assertEquals(-1, blocks.find(address), "seed " + seed);
            }
        }
        assertEquals(model.size(), blocks.count());
        for (Map.Entry<Long, long[]> entry : model.entrySet()) {
            assertEquals(entry.getValue()[0], blocks.size(blocks.find(entry.getKey())), "seed " + seed);
        }
    }

    private static long alignmentRoundTrip(long alignment) {
        LiveBlocks blocks = new LiveBlocks();
        blocks.put(0, 1, alignment);
        return blocks.alignment(blocks.find(0));
    }
}
