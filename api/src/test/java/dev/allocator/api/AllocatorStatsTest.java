package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AllocatorStatsTest {
    @Test
    void fragmentationIsOneMinusLargestOverAvailable() {
        assertEquals(0.75, new AllocatorStats(1000, 200, 800, 3, 4, 200).fragmentation(), 1e-12);
    }

    @Test
    void oneFreeRunIsNotFragmented() {
        assertEquals(0.0, new AllocatorStats(1000, 200, 800, 1, 1, 800).fragmentation());
    }

    @Test
    void fullPoolIsNotFragmented() {
        assertEquals(0.0, new AllocatorStats(1000, 1000, 0, 5, 0, 0).fragmentation());
    }
}
