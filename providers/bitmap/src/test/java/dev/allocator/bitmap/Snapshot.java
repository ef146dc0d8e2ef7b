package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.BaseAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: the observable state of an allocator, and "rejected with this kind and left unchanged". */
final class Snapshot {
    private Snapshot() {
    }

    /** Everything observable: stats and the run walk. */
    static String of(BaseAllocator allocator) {
        List<String> runs = new ArrayList<>();
        allocator.forEachBlock((start, size, used) -> runs.add(start + "+" + size + (used ? "u" : "f")));
        return allocator.stats() + " " + runs;
    }

    /** Asserts that the call throws the kind, with a message naming {@code mentioned}, and changes nothing. */
    static AllocException assertRejectedUnchanged(BaseAllocator allocator, AllocError kind, String mentioned,
                                                  Executable call) {
        String before = of(allocator);
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(kind, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned),
                () -> "message should mention '" + mentioned + "': " + e.getMessage());
        assertEquals(before, of(allocator), "a rejected call changed the allocator: " + e.getMessage());
        return e;
    }
}
