package dev.allocator.bench;

/** JDK 22+: {@link TraceReplayBenchmark} on {@code Arena.ofConfined()} per block ({@link ArenaSubject}). */
public class TraceReplayArena extends TraceReplayBenchmark {
    @Override
    protected Subject newSubject(int slots) {
        return new ArenaSubject(slots);
    }
}
