package dev.allocator.bench;

/** JDK 22+: {@link ChurnBenchmark} on {@code Arena.ofConfined()} per block ({@link ArenaSubject}). */
public class ChurnArena extends ChurnBenchmark {
    @Override
    protected Subject newSubject(int slots) {
        return new ArenaSubject(slots);
    }
}
