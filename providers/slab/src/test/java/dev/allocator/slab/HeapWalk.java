package dev.allocator.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: the heap walk as a list, a snapshot of the whole state, and "rejected and unchanged". */
final class HeapWalk {
    private HeapWalk() {
    }

    /** Every run of {@code forEachBlock} as {@code start+size:used|free}. */
    static List<String> blocks(ByteAllocator allocator) {
        List<String> runs = new ArrayList<>();
        allocator.forEachBlock((start, size, used) -> runs.add(start + "+" + size + (used ? ":used" : ":free")));
        return runs;
    }

    /** Counters, stats and heap walk: equal snapshots mean an unchanged allocator. */
    static String snapshot(ByteAllocator allocator) {
        return allocator.totalBytes() + "/" + allocator.usedBytes() + "/" + allocator.availableBytes() + " "
                + allocator.stats() + " " + blocks(allocator);
    }

    /** Asserts that {@code call} throws {@code kind} with a message naming {@code mentioned}, changing nothing. */
    static void assertRejectedUnchanged(ByteAllocator allocator, AllocError kind, String mentioned, Executable call) {
        String before = snapshot(allocator);
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(kind, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned), () -> "message should name " + mentioned + ": "
                + e.getMessage());
        assertEquals(before, snapshot(allocator), "a rejected call changed the allocator");
    }
}
