package dev.allocator.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH settings every benchmark inherits: average time in ns/op, two forks, and the same fixed heap and
 * direct-memory limits for every subject, with Netty's leak detection off (it samples allocations otherwise) and
 * Netty allowed its fast path for direct chunks (no {@code Cleaner}: {@code tryReflectionSetAccessible} and the
 * {@code java.nio} opening it needs), as production Netty setups run it.
 * Override on the command line ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}) for shorter runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=2g",
        "-Dio.netty.leakDetection.level=disabled", "-Dio.netty.tryReflectionSetAccessible=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class BenchmarkDefaults {
}
