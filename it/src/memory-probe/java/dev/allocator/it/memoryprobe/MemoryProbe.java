package dev.allocator.it.memoryprobe;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.memory.PoolSegmentAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * For every byte allocator found by name: a {@link PoolSegmentAllocator} over a native pool of 1 MiB hands out a
 * string and an int array, the program writes and reads them, frees both and checks that nothing stays used.
 * Prints {@code memory: <module>} and one {@code segments <name>: ok ...} line per allocator; exits with status 1
 * if any allocator failed.
 */
public final class MemoryProbe {
    private static final int INTS = 1000;

    private MemoryProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Module memory = PoolSegmentAllocator.class.getModule();
        System.out.println("memory: " + (memory.isNamed() ? memory.getName() : "unnamed module"));
        boolean failed = false;
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() != AllocatorKind.BYTE) {
                continue;
            }
            try {
                System.out.println("segments " + provider.name() + ": " + exercise(provider.name()));
            } catch (RuntimeException | AssertionError e) {
                failed = true;
                System.out.println("segments " + provider.name() + ": FAILED " + e);
            }
        }
        if (failed) {
            System.exit(1);
        }
    }

    private static String exercise(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, 1 << 20)) {
            String greeting = "hello from " + name;
            MemorySegment text = pool.allocateFrom(greeting);
            MemorySegment ints = pool.allocate(ValueLayout.JAVA_INT, INTS);
            for (int i = 0; i < INTS; i++) {
                ints.setAtIndex(ValueLayout.JAVA_INT, i, i * 3);
            }
            long used = pool.usedBytes();
            long sum = 0;
            for (int i = 0; i < INTS; i++) {
                sum += ints.getAtIndex(ValueLayout.JAVA_INT, i);
            }
            check(sum == 3L * INTS * (INTS - 1) / 2, "sum of the ints read back is " + sum);
            check(text.getString(0).equals(greeting), "string read back: " + text.getString(0));
            check(ints.address() % ValueLayout.JAVA_INT.byteAlignment() == 0, "int array at " + ints.address());
            check(!overlap(text, ints), "segments overlap: " + text + " and " + ints);
            pool.free(ints);
            pool.free(text);
            check(pool.usedBytes() == 0, "used after freeing both: " + pool.usedBytes());
            return "ok: 2 segments, " + used + " bytes used, written, read back and freed; used 0";
        }
    }

    private static boolean overlap(MemorySegment a, MemorySegment b) {
        return a.address() < b.address() + b.byteSize() && b.address() < a.address() + a.byteSize();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
