package dev.allocator.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH settings of the concurrent benchmarks: throughput in operations per microsecond, summed over the threads (so
 * that 2 threads that scale perfectly show twice the figure of 1), with the same forks, heap and Netty settings as
 * {@link BenchmarkDefaults}. Each benchmark method comes in four copies, {@code ...T1}, {@code T2}, {@code T4},
 * {@code T8}, one per {@code @Threads} count: pick them by name (the README's commands run T1 and T2 on 2 cores).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=2g",
        "-Dio.netty.leakDetection.level=disabled", "-Dio.netty.tryReflectionSetAccessible=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class ConcurrentBenchmarkDefaults {
    /** The allocator every thread of a trial shares. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** A shared allocator; see {@link SharedAllocator#of}. */
        @Param({"concurrent-tlsf", "concurrent-buddy", "concurrent-slab", "synchronized-tlsf", "netty-pooled",
                "netty-adaptive"})
        public String subject;

        SharedAllocator allocator;

        /** Creates the shared allocator. */
        @Setup
        public void setUp() {
            allocator = SharedAllocator.of(subject);
        }
    }
}
