package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapWalkTest {
    @Test
    void recordsTheRunsInTheOrderVisited() {
        ReferenceByteAllocator allocator = new ReferenceByteAllocator();
        allocator.init(100, 50);
        allocator.alloc(8, 1);
        HeapWalk walk = HeapWalk.of(allocator);
        assertEquals(List.of(new HeapWalk.Run(100, 8, true), new HeapWalk.Run(108, 42, false)), walk.runs());
        assertEquals(2, walk.count());
        assertEquals(108, walk.start(1));
        assertEquals(42, walk.size(1));
        assertTrue(walk.used(0));
        assertEquals("[used 100+8, free 108+42]", walk.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> walk.start(2));
    }

    @Test
    void walksAreEqualExactlyWhenTheirRunsAre() {
        ReferencePageAllocator one = new ReferencePageAllocator();
        ReferencePageAllocator two = new ReferencePageAllocator();
        one.init(0, 4096 * 8);
        two.init(0, 4096 * 8);
        assertEquals(HeapWalk.of(one), HeapWalk.of(two));
        assertEquals(HeapWalk.of(one).hashCode(), HeapWalk.of(two).hashCode());
        one.allocPages(1, 4096);
        assertNotEquals(HeapWalk.of(one), HeapWalk.of(two));
    }

    @Test
    void aLongWalkIsAbbreviatedWithHowManyRunsMore() {
        ReferenceIdAllocator ids = new ReferenceIdAllocator();
        ids.init(0, 100);
        for (long id = 0; id < 100; id += 2) {
            ids.allocFixedId(id);
        }
        String text = HeapWalk.of(ids).toString();
        assertTrue(text.endsWith(", ... 76 more]"), text);
    }

    @Test
    void aNullAllocatorIsANullPointerExceptionNamingIt() {
        assertEquals("allocator", assertThrows(NullPointerException.class, () -> HeapWalk.of(null)).getMessage());
    }
}
