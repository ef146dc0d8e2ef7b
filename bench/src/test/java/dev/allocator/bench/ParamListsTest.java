package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class ParamListsTest {
    @Test
    void everyAllocatorParamListsExactlyTheBenchmarkedByteAllocators() throws NoSuchFieldException {
        List<Class<?>> benchmarks = List.of(SteadyStateOurs.class, SteadyStateSliced.class, ChurnOurs.class,
                ChurnSliced.class, TraceReplayOurs.class, TraceReplaySliced.class);
        for (Class<?> benchmark : benchmarks) {
            Field field = benchmark.getDeclaredField("allocator");
            assertEquals(Discovery.BENCHMARKED_BYTE_ALLOCATORS, List.of(field.getAnnotation(Param.class).value()),
                    benchmark.getSimpleName());
        }
    }

    @Test
    void pageTraceParamListsTheBenchmarkedPageAllocators() throws NoSuchFieldException {
        Field field = PageTraceBenchmark.class.getDeclaredField("allocator");
        assertEquals(Discovery.BENCHMARKED_PAGE_ALLOCATORS, List.of(field.getAnnotation(Param.class).value()));
    }
}
