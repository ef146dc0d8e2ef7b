package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReplayTest {
    private static Trace trace(String text) throws IOException {
        return Trace.parse("test", new BufferedReader(new StringReader(text)));
    }

    @Test
    void replaysInOrderWithTheAllocationsSizeAndAlignOnFree() throws IOException {
        RecordingSubject subject = new RecordingSubject(Integer.MAX_VALUE);
        TraceReplay replay = new TraceReplay(trace("a 0 100 8\na 1 20 64\nf 0\nf 1\n"));

        assertEquals(0, replay.run(subject));
        assertEquals(List.of("a0:100/8", "a1:20/64", "f0:100/8", "f1:20/64"), subject.calls);
    }

    @Test
    void failedAllocationIsCountedAndItsFreeSkippedUntilCleanUp() throws IOException {
        RecordingSubject subject = new RecordingSubject(50);
        TraceReplay replay = new TraceReplay(trace("a 0 100 8\na 1 20 8\nf 0\nf 1\n"));

        assertEquals(1, replay.run(subject));
        assertEquals(List.of("a0:100/8", "a1:20/8", "f1:20/8"), subject.calls);

        replay.cleanUp(subject);
        subject.calls.clear();
        RecordingSubject roomy = new RecordingSubject(Integer.MAX_VALUE);
        assertEquals(0, replay.run(roomy));
        assertEquals(List.of("a0:100/8", "a1:20/8", "f0:100/8", "f1:20/8"), roomy.calls);
    }

    @Test
    void pageTraceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TraceReplay(trace("p 0 1 4096\n")));
    }
}
