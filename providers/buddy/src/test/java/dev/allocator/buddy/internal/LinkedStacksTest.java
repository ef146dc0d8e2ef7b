package dev.allocator.buddy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinkedStacksTest {
    @Test
    void popReturnsTheLastPushedFirst() {
        LinkedStacks lists = new LinkedStacks(4);
        lists.push(2, 10);
        lists.push(2, 11);
        lists.push(2, 12);
        assertEquals(12, lists.pop(2));
        assertEquals(11, lists.pop(2));
        assertEquals(10, lists.pop(2));
        assertEquals(LinkedStacks.NONE, lists.pop(2));
    }

    @Test
    void removesFromTheMiddleHeadAndTail() {
        LinkedStacks lists = new LinkedStacks(1);
        for (int id = 0; id < 5; id++) {
            lists.push(0, id);
        }
        lists.remove(0, 2); // middle
        lists.remove(0, 4); // head
        lists.remove(0, 0); // tail
        assertEquals(3, lists.head(0));
        assertEquals(1, lists.next(3));
        assertEquals(LinkedStacks.NONE, lists.next(1));
        assertEquals(2, lists.size());
    }

    @Test
    void tracksWhichListsAreNonEmpty() {
        LinkedStacks lists = new LinkedStacks(64);
        assertEquals(LinkedStacks.NONE, lists.firstNonEmptyFrom(0));
        assertEquals(LinkedStacks.NONE, lists.lastNonEmpty());
        lists.push(5, 1);
        lists.push(63, 2);
        assertEquals(5, lists.firstNonEmptyFrom(0));
        assertEquals(5, lists.firstNonEmptyFrom(5));
        assertEquals(63, lists.firstNonEmptyFrom(6));
        assertEquals(63, lists.lastNonEmpty());
        lists.remove(63, 2);
        assertEquals(LinkedStacks.NONE, lists.firstNonEmptyFrom(6));
        assertEquals(5, lists.lastNonEmpty());
        assertEquals(LinkedStacks.NONE, lists.firstNonEmptyFrom(64));
    }

    @Test
    void growsForLargeIdsAndClears() {
        LinkedStacks lists = new LinkedStacks(2);
        lists.push(1, 100_000);
        lists.push(1, 3);
        assertEquals(3, lists.pop(1));
        assertEquals(100_000, lists.pop(1));
        lists.push(0, 7);
        lists.clear();
        assertEquals(0, lists.size());
        assertEquals(LinkedStacks.NONE, lists.head(0));
        assertEquals(LinkedStacks.NONE, lists.firstNonEmptyFrom(0));
    }

    @Test
    void rejectsAListCountOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new LinkedStacks(0));
        assertThrows(IllegalArgumentException.class, () -> new LinkedStacks(65));
    }
}
