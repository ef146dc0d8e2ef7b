package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartBitsTest {
    @Test
    void marksAreSetReadAndFoundAcrossWords() {
        StartBits starts = new StartBits(300);
        starts.set(5, true);
        starts.set(200, true);
        assertTrue(starts.get(5));
        assertFalse(starts.get(6));
        assertEquals(5, starts.next(0, 300));
        assertEquals(200, starts.next(6, 300));
        assertEquals(150, starts.next(6, 150));
        assertEquals(300, starts.next(201, 300));
        assertEquals(7, starts.next(7, 7));
        starts.set(5, false);
        assertEquals(200, starts.next(0, 300));
    }

    @Test
    void clearUnmarksOnlyTheRun() {
        StartBits starts = new StartBits(256);
        for (long index = 0; index < 256; index += 10) {
            starts.set(index, true);
        }
        starts.clear(10, 181);
        assertEquals(7, starts.count()); // 0 and 200..250 stay; word 0 keeps one of its seven
        assertEquals(0, starts.next(0, 256));
        assertEquals(200, starts.next(1, 256));
        assertEquals(4 * Long.BYTES, starts.metadataBytes());
    }

    @Test
    void theCountFollowsMarksClearsAndClearAll() {
        StartBits starts = new StartBits(1000);
        starts.set(3, true);
        starts.set(3, true);
        starts.set(700, true);
        starts.set(999, true);
        assertEquals(3, starts.count());
        starts.set(5, false);
        starts.clear(500, 300);
        assertEquals(2, starts.count());
        starts.clearAll();
        assertEquals(0, starts.count());
        assertEquals(1000, starts.next(0, 1000));
    }
}
