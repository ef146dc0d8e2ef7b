package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts that a call is rejected with a given kind and a message naming a value. */
final class Errors {
    private Errors() {
    }

    static AllocException assertRejected(AllocError kind, String mentioned, Executable call) {
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(kind, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned),
                () -> "message should mention '" + mentioned + "': " + e.getMessage());
        return e;
    }
}
