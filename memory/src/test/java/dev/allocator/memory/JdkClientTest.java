package dev.allocator.memory;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDK's own {@link SegmentAllocator} default methods, used as a client of the pool. */
class JdkClientTest {
    private static final long POOL_SIZE = 1L << 20;

    /** {@code struct sample { int8_t tag; int64_t id; int16_t kind; double weight; }} with C's padding. */
    private static final StructLayout SAMPLE = MemoryLayout.structLayout(
            JAVA_BYTE.withName("tag"), MemoryLayout.paddingLayout(7),
            JAVA_LONG.withName("id"),
            JAVA_SHORT.withName("kind"), MemoryLayout.paddingLayout(6),
            JAVA_DOUBLE.withName("weight"));

    static List<String> names() {
        return ByteAllocatorNames.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void allocateFromStringWritesATerminatedCopy(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            String text = "pool-allocated text, ünïcödé included";
            MemorySegment segment = pool.allocateFrom(text);
            assertEquals(text, segment.getString(0));
            assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1, segment.byteSize());
            assertEquals(0, segment.get(JAVA_BYTE, segment.byteSize() - 1));
            pool.free(segment);
            assertEquals(0, pool.usedBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void allocateFromIntsCopiesTheArrayAligned(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            pool.allocate(1, 1); // leave the next free address odd, for allocators that would hand it out
            int[] values = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
            MemorySegment segment = pool.allocateFrom(JAVA_INT, values);
            assertEquals(0, segment.address() % JAVA_INT.byteAlignment());
            assertEquals(values.length * 4L, segment.byteSize());
            assertArrayEquals(values, segment.toArray(JAVA_INT));
            pool.free(segment);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void allocateOfAStructLayoutGivesRoomAndAlignmentForIt(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            pool.allocate(3, 1);
            MemorySegment sample = pool.allocate(SAMPLE);
            assertEquals(32, sample.byteSize());
            assertEquals(0, sample.address() % SAMPLE.byteAlignment());
            sample.set(JAVA_BYTE, SAMPLE.byteOffset(groupElement("tag")), (byte) 7);
            sample.set(JAVA_LONG, SAMPLE.byteOffset(groupElement("id")), 123_456_789_012L);
            sample.set(JAVA_SHORT, SAMPLE.byteOffset(groupElement("kind")), (short) -2);
            sample.set(JAVA_DOUBLE, SAMPLE.byteOffset(groupElement("weight")), 0.5);
            assertEquals(7, sample.get(JAVA_BYTE, 0));
            assertEquals(123_456_789_012L, sample.get(JAVA_LONG, 8));
            assertEquals(-2, sample.get(JAVA_SHORT, 16));
            assertEquals(0.5, sample.get(JAVA_DOUBLE, 24));

            MemorySegment samples = pool.allocate(SAMPLE, 10);
            assertEquals(320, samples.byteSize());
            assertEquals(0, samples.address() % SAMPLE.byteAlignment());
            pool.free(sample);
            pool.free(samples);
        }
    }
}
