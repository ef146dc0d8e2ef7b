package dev.allocator.bench;

/** JDK 22+: {@link SteadyStateBenchmark} on {@code Arena.ofConfined()} per block ({@link ArenaSubject}). */
public class SteadyStateArena extends SteadyStateBenchmark {
    @Override
    protected Subject newSubject(int slots) {
        return new ArenaSubject(slots);
    }
}
