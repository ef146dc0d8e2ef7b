package dev.allocator.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

/**
 * Producer and consumer: one thread allocates 256-byte blocks and hands them over through a ring of 1,024, another
 * frees them: every free is a cross-thread free. JMH reports the group (both sides' ops) and each side; the
 * {@code produce} figure is blocks per microsecond through the pipe. More pairs on bigger machines: {@code -tg 1,1
 * -t 4} runs two pairs.
 */
public class ConcurrentHandoff extends ConcurrentBenchmarkDefaults {
    /** The pipe of one producer/consumer pair. */
    @State(Scope.Group)
    public static class Pipe {
        Handoff handoff;

        /** Opens the pipe over the shared allocator. */
        @Setup
        public void setUp(Shared shared) {
            handoff = shared.allocator.handoff(ConcurrentSteadyState.SIZE);
        }

        /** Frees the blocks still in the pipe. */
        @TearDown
        public void tearDown() {
            handoff.drain();
        }
    }

    /** Allocates a block and hands it over. */
    @Benchmark
    @Group("pipe")
    @GroupThreads(1)
    public boolean produce(Pipe pipe, Control control) {
        return pipe.handoff.produce(control);
    }

    /** Takes a block and frees it. */
    @Benchmark
    @Group("pipe")
    @GroupThreads(1)
    public boolean consume(Pipe pipe, Control control) {
        return pipe.handoff.consume(control);
    }
}
