package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ConcurrentModificationException;
import org.junit.jupiter.api.Test;

/** A resize or a new range from inside a heap walk is a change the walk reports, as allocating or freeing is. */
class ChangesDuringAWalkTest {
    private static final long PAGE = 4096;

    @Test
    void aVisitorThatGrowsOrShrinksARunGetsConcurrentModification() {
        BitmapPageAllocator pages = new BitmapPageAllocator();
        pages.init(0, 64 * PAGE);
        long run = pages.allocPages(4, PAGE);
        assertThrows(ConcurrentModificationException.class,
                () -> pages.forEachBlock((start, size, used) -> pages.tryResize(run, 4, 8)));
        assertEquals(8, pages.usedPages(), "the visitor's resize stands");
        assertThrows(ConcurrentModificationException.class,
                () -> pages.forEachBlock((start, size, used) -> pages.tryResize(run, 8, 2)));
        assertEquals(2, pages.usedPages());
    }

    @Test
    void aResizeToTheSameCountInsideAWalkChangesNothingAndTheWalkGoesOn() {
        BitmapPageAllocator pages = new BitmapPageAllocator();
        pages.init(0, 64 * PAGE);
        long run = pages.allocPages(4, PAGE);
        int[] visits = new int[1];
        pages.forEachBlock((start, size, used) -> {
            visits[0]++;
            pages.tryResize(run, 4, 4);
        });
        assertEquals(2, visits[0], "the run and the free rest");
        assertEquals(4, pages.usedPages());
    }

    @Test
    void aVisitorThatAddsIdsOrTakesAFixedIdGetsConcurrentModification() {
        BitmapIdAllocator ids = new BitmapIdAllocator();
        ids.init(0, 64);
        assertThrows(ConcurrentModificationException.class,
                () -> ids.forEachBlock((start, size, used) -> ids.addMemory(1000, 10)));
        assertEquals(74, ids.size());
        assertThrows(ConcurrentModificationException.class,
                () -> ids.forEachBlock((start, size, used) -> ids.allocFixedId(5)));
        assertEquals(1, ids.used());
    }
}
