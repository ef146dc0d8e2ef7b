package dev.allocator.buddy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdPoolTest {
    @Test
    void handsOutDenseIdsAndReusesTheLastReleasedFirst() {
        IdPool pool = new IdPool();
        assertEquals(0, pool.take());
        assertEquals(1, pool.take());
        assertEquals(2, pool.take());
        pool.release(0);
        pool.release(2);
        assertEquals(2, pool.take());
        assertEquals(0, pool.take());
        assertEquals(3, pool.take());
        assertEquals(4, pool.bound());
    }

    @Test
    void releasesManyAndClears() {
        IdPool pool = new IdPool();
        for (int i = 0; i < 1000; i++) {
            pool.take();
        }
        for (int i = 0; i < 1000; i++) {
            pool.release(i);
        }
        assertEquals(999, pool.take());
        pool.clear();
        assertEquals(0, pool.bound());
        assertEquals(0, pool.take());
    }
}
