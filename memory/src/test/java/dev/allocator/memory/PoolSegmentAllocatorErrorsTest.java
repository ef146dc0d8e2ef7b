package dev.allocator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure of {@link PoolSegmentAllocator} is the exception its javadoc names, with a message that says what to
 * do, and changes nothing: the hostile inputs of issue 15 (sizes up to {@code Long.MAX_VALUE}, a pool the system
 * cannot give, nulls) and issue 16's message for an initialised byte allocator.
 */
class PoolSegmentAllocatorErrorsTest {
    private static final long POOL_SIZE = 1L << 20;

    static List<String> names() {
        return ByteAllocatorNames.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aSizeBeyondThePoolIsNoMemorySayingWhatToDoAndChangesNothing(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment kept = pool.allocate(100, 8);
            AllocatorStats before = pool.stats();
            for (Executable call : List.<Executable>of(() -> pool.allocate(Long.MAX_VALUE),
                    () -> pool.allocate(Long.MAX_VALUE, 8), () -> pool.allocate(Long.MAX_VALUE - 7, 1L << 40),
                    () -> pool.allocate(POOL_SIZE + 1, 1))) {
                AllocException e = assertThrows(AllocException.class, call);
                assertEquals(AllocError.NO_MEMORY, e.error(), e.getMessage());
                assertTrue(e.getMessage().contains("larger than the whole") && e.getMessage().contains("larger pool"),
                        e.getMessage());
            }
            assertEquals(before, pool.stats());
            pool.free(kept);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void reallocateBeyondThePoolIsNoMemoryAndKeepsTheBlockAsItWas(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, POOL_SIZE)) {
            MemorySegment block = pool.allocate(256, 16);
            Patterns.fill(block, 9);
            AllocatorStats before = pool.stats();
            for (long size : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 15, POOL_SIZE + 1}) {
                AllocException e = assertThrows(AllocException.class, () -> pool.reallocate(block, size));
                assertEquals(AllocError.NO_MEMORY, e.error(), e.getMessage());
                assertTrue(e.getMessage().contains(Long.toString(size)), e.getMessage());
            }
            assertEquals(before, pool.stats());
            Patterns.verify(block, 9);
            pool.free(block);
            assertEquals(0, pool.usedBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void noFittingBlockIsNoMemorySayingWhatToDo(String name) {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(name, 64 * 1024)) {
            MemorySegment half = pool.allocate(32 * 1024, 8);
            AllocException e = assertThrows(AllocException.class, () -> pool.allocate(40 * 1024, 8));
            assertEquals(AllocError.NO_MEMORY, e.error());
            assertTrue(e.getMessage().contains("40960 bytes") && e.getMessage().contains("free segments"),
                    e.getMessage());
            assertInstanceOf(AllocException.class, e.getCause(), "the byte allocator's own error is the cause");
            pool.free(half);
        }
    }

    @Test
    void aPoolTheSystemCannotProvideIsNoMemoryNotOutOfMemoryError() {
        for (Executable call : List.<Executable>of(() -> PoolSegmentAllocator.ofSize("tlsf", Long.MAX_VALUE),
                () -> PoolSegmentAllocator.builder("tlsf").poolSize(Long.MAX_VALUE - 4096).shared().build())) {
            AllocException e = assertThrows(AllocException.class, call);
            assertEquals(AllocError.NO_MEMORY, e.error());
            assertTrue(e.getMessage().contains("smaller pool"), e.getMessage());
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void anInitialisedByteAllocatorIsRefusedSayingToUseAFreshOne(String name) {
        ByteAllocator used = Allocators.byteAllocator(name);
        used.init(0, 4096);
        long block = used.alloc(64, 8);
        AllocatorStats before = used.stats();
        for (Executable call : List.<Executable>of(() -> PoolSegmentAllocator.ofSize(used, POOL_SIZE),
                () -> PoolSegmentAllocator.ofSegment(used, MemorySegment.ofArray(new long[64])),
                () -> PoolSegmentAllocator.builder(used).poolSize(POOL_SIZE).shared().build())) {
            AllocException e = assertThrows(AllocException.class, call);
            assertEquals(AllocError.MEMORY_OVERLAP, e.error());
            assertTrue(e.getMessage().contains("fresh, uninitialised byte allocator"), e.getMessage());
            assertFalse(e.getMessage().contains("use addMemory"), e.getMessage());
        }
        assertEquals(before, used.stats(), "the refused allocator is untouched");
        used.dealloc(block, 64, 8);
    }

    @Test
    void aRequestTheByteAllocatorCallsInvalidIsAnIllegalArgument() {
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize(new RejectingByteAllocator(), POOL_SIZE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.allocate(RejectingByteAllocator.REJECTED_SIZE, 8));
            assertTrue(e.getMessage().contains(Long.toString(RejectingByteAllocator.REJECTED_SIZE)), e.getMessage());
            assertEquals(AllocError.INVALID_PARAM, ((AllocException) e.getCause()).error());
            MemorySegment block = pool.allocate(64, 8);
            assertThrows(IllegalArgumentException.class,
                    () -> pool.reallocate(block, RejectingByteAllocator.REJECTED_SIZE));
            assertEquals(64, pool.reallocate(block, 64).byteSize());
            assertEquals(64, pool.usedBytes());
        }
    }

    @Test
    void nullArgumentsAreNullPointerExceptionsNamingTheArgument() {
        assertNullNamed("name", () -> PoolSegmentAllocator.ofSize((String) null, POOL_SIZE));
        assertNullNamed("name", () -> PoolSegmentAllocator.builder((String) null, AllocatorOptions.empty()));
        assertNullNamed("options", () -> PoolSegmentAllocator.builder("tlsf", null));
        assertNullNamed("allocator", () -> PoolSegmentAllocator.ofSize((ByteAllocator) null, POOL_SIZE));
        assertNullNamed("pool segment", () -> PoolSegmentAllocator.ofSegment("tlsf", null));
        try (PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE)) {
            assertNullNamed("segment", () -> pool.free(null));
            assertNullNamed("segment", () -> pool.reallocate(null, 8));
        }
    }

    @Test
    void aClosedAllocatorSaysToCreateANewOne() {
        PoolSegmentAllocator pool = PoolSegmentAllocator.ofSize("tlsf", POOL_SIZE);
        pool.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.allocate(8, 8));
        assertTrue(e.getMessage().contains("is closed") && e.getMessage().contains("create a new"), e.getMessage());
    }

    @Test
    void aBuilderWithoutAPoolSaysWhichCallIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PoolSegmentAllocator.builder("tlsf").build());
        assertTrue(e.getMessage().contains("poolSize(bytes) or pool(segment)"), e.getMessage());
    }

    private static void assertNullNamed(String named, Executable call) {
        assertEquals(named, assertThrows(NullPointerException.class, call).getMessage());
    }
}
