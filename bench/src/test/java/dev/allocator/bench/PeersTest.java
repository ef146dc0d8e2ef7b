package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PeersTest {
    @ParameterizedTest
    @ValueSource(strings = {"netty-pooled", "netty-pooled-nocache", "netty-adaptive", "netty-adaptive-nocache",
        "malloc"})
    void everyPeerAllocatesFreesAndCleansUp(String name) {
        try (Subject subject = Subjects.peer(name, 4)) {
            assertTrue(subject.alloc(0, 64, 16));
            assertTrue(subject.alloc(1, 65536, 16));
            subject.free(0, 64, 16);
            assertTrue(subject.alloc(0, 4096, 16));
            subject.freeAll();
            assertTrue(subject.alloc(1, 1 << 20, 16));
        }
    }

    @Test
    void unknownPeerNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subjects.peer("jemalloc", 1));
        assertTrue(e.getMessage().contains("netty-adaptive"), e.getMessage());
    }
}
