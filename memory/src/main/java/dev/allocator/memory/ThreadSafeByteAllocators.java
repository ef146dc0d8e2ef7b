package dev.allocator.memory;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Picks the thread-safe byte allocator behind a shared {@link PoolSegmentAllocator}: the
 * {@code dev.allocator.concurrent} module's {@code ConcurrentByteAllocator} over the algorithm named, when that
 * module is present (in the module graph: required by the application or added with {@code --add-modules}; or on
 * the class path), else the algorithm behind {@link Allocators#synchronizedByteAllocator}. Found reflectively, so
 * this module does not require the concurrent one.
 */
final class ThreadSafeByteAllocators {
    static final String CONCURRENT = "dev.allocator.concurrent.ConcurrentByteAllocator";

    private ThreadSafeByteAllocators() {
    }

    /**
     * A thread-safe byte allocator of the algorithm {@code name}.
     *
     * @return a new {@code ConcurrentByteAllocator} if the concurrent module is present, else a synchronized view
     */
    static ByteAllocator byName(String name, AllocatorOptions options) {
        Method of = concurrentFactory();
        if (of != null) {
            try {
                return (ByteAllocator) of.invoke(null, name, options);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(CONCURRENT + ".of(" + name + ", " + options + ") failed", e.getCause());
            } catch (IllegalAccessException e) {
                // not readable from here: fall back to the synchronized view
            }
        }
        return Allocators.synchronizedByteAllocator(Allocators.byteAllocator(name, options));
    }

    /** {@code allocator} itself if it is a {@code ConcurrentByteAllocator}, else its synchronized view. */
    static ByteAllocator threadSafe(ByteAllocator allocator) {
        return allocator.getClass().getName().equals(CONCURRENT) ? allocator
                : Allocators.synchronizedByteAllocator(allocator);
    }

    private static Method concurrentFactory() {
        try {
            Class<?> type = Class.forName(CONCURRENT, false, ThreadSafeByteAllocators.class.getClassLoader());
            return type.getMethod("of", String.class, AllocatorOptions.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
