package dev.allocator.records;

import static dev.allocator.records.RecordStore.NIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordListsTest {
    private final RecordStore store = new RecordStore(2, 0);
    private final RecordLists lists = new RecordLists(store, 1, 4);

    private int record(long start) {
        int record = store.add();
        store.set(record, 0, start);
        return record;
    }

    private List<Integer> contents(int list) {
        List<Integer> records = new ArrayList<>();
        for (int record = lists.head(list); record != NIL; record = lists.next(record)) {
            records.add(record);
        }
        return records;
    }

    @Test
    void aListIsLastInFirstOutAndSaysWhenItStopsBeingEmpty() {
        int a = record(0);
        int b = record(16);
        int c = record(32);
        assertTrue(lists.push(2, a), "the list was empty");
        assertFalse(lists.push(2, b));
        assertFalse(lists.push(2, c));
        assertEquals(List.of(c, b, a), contents(2));
        assertEquals(List.of(), contents(1), "other lists stay empty");
    }

    @Test
    void unlinkWorksFromTheHeadTheMiddleAndTheTailAndSaysWhenTheListEmpties() {
        int a = record(0);
        int b = record(16);
        int c = record(32);
        lists.push(0, a);
        lists.push(0, b);
        lists.push(0, c);
        assertFalse(lists.unlink(0, b));
        assertEquals(List.of(c, a), contents(0));
        assertFalse(lists.unlink(0, c));
        assertEquals(List.of(a), contents(0));
        assertTrue(lists.unlink(0, a));
        assertEquals(NIL, lists.head(0));
        lists.push(0, b);
        assertEquals(List.of(b), contents(0), "a record can join a list again");
    }

    @Test
    void clearEmptiesEveryList() {
        lists.push(0, record(0));
        lists.push(3, record(16));
        lists.clear();
        for (int list = 0; list < 4; list++) {
            assertEquals(NIL, lists.head(list));
        }
    }
}
