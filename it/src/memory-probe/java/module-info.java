/**
 * A JDK 22+ program that uses the {@code memory} module as an application would: compiled only in the build's
 * {@code jdk22} profile, and started by the integration test on a module path holding the api, every provider
 * and {@code dev.allocator.memory}.
 */
module dev.allocator.it.memoryprobe {
    requires dev.allocator.memory;
}
