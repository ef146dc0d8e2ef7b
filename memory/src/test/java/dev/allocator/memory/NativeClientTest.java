package dev.allocator.memory;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.allocator.memory.testprovider.FirstFitProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** C's standard library as a client of the pool, through {@link Linker}: {@code strlen} and {@code qsort}. */
class NativeClientTest {
    private static final long POOL_SIZE = 4L << 20;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle STRLEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strlen").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    /** strlen allowed to read a heap segment in place (a critical downcall, JDK 22+). */
    private static final MethodHandle STRLEN_ON_HEAP = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strlen").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, ADDRESS), Linker.Option.critical(true));
    private static final MethodHandle QSORT = LINKER.downcallHandle(
            LINKER.defaultLookup().find("qsort").orElseThrow(),
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    private static final FunctionDescriptor COMPARATOR = FunctionDescriptor.of(JAVA_INT,
            ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT));

    static List<String> names() {
        return ByteAllocatorNames.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void strlenMeasuresStringsAllocatedFromThePool(String name) throws Throwable {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            List<MemorySegment> strings = new ArrayList<>();
            for (int length = 0; length < 300; length += 7) {
                MemorySegment text = pool.allocateFrom("x".repeat(length));
                assertEquals((long) length, (long) STRLEN.invokeExact(text));
                strings.add(text);
            }
            for (MemorySegment text : strings) {
                assertEquals(text.byteSize() - 1, (long) STRLEN.invokeExact(text), "still intact");
                pool.free(text);
            }
            assertEquals(0, pool.usedBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void qsortSortsAnIntArrayInThePoolWithAJavaComparator(String name) throws Throwable {
        SplittableRandom random = new SplittableRandom(42);
        int[] values = random.ints(10_000).toArray();
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE);
             Arena upcalls = Arena.ofConfined()) {
            MemorySegment guard = pool.allocate(JAVA_INT, 4);
            MemorySegment array = pool.allocateFrom(JAVA_INT, values);
            MemorySegment after = pool.allocate(JAVA_INT, 4);
            Patterns.fill(guard, 1);
            Patterns.fill(after, 2);
            MethodHandle compare = MethodHandles.lookup().findStatic(NativeClientTest.class, "compareInts",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment comparator = LINKER.upcallStub(compare, COMPARATOR, upcalls);

            QSORT.invokeExact(array, (long) values.length, JAVA_INT.byteSize(), comparator);

            int[] expected = values.clone();
            Arrays.sort(expected);
            assertArrayEquals(expected, array.toArray(JAVA_INT));
            Patterns.verify(guard, 1);
            Patterns.verify(after, 2);
            pool.free(array);
            pool.free(guard);
            pool.free(after);
        }
    }

    @Test
    void strlenReadsAHeapPoolThroughACriticalDowncall() throws Throwable {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSegment(FirstFitProvider.NAME,
                MemorySegment.ofArray(new byte[4096]))) {
            MemorySegment text = pool.allocateFrom("seventeen letters");
            assertEquals(17L, (long) STRLEN_ON_HEAP.invokeExact(text));
            pool.free(text);
        }
    }

    private static int compareInts(MemorySegment left, MemorySegment right) {
        return Integer.compare(left.get(JAVA_INT, 0), right.get(JAVA_INT, 0));
    }
}
