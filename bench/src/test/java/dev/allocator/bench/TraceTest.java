package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

class TraceTest {
    private static Trace parse(String text) throws IOException {
        return Trace.parse("test", new BufferedReader(new StringReader(text)));
    }

    @Test
    void parsesAllocationsAndFreesSkippingComments() throws IOException {
        Trace trace = parse("# allocator-trace 1\na 0 190 16\na 1 8 1\nf 0\n\n");

        assertEquals(3, trace.operationCount());
        assertEquals(2, trace.idCount());
        assertFalse(trace.pages());
        assertEquals(0, trace.operation(0));
        assertEquals(1, trace.operation(1));
        assertEquals(~0, trace.operation(2));
        assertEquals(190, trace.amount(0));
        assertEquals(16, trace.align(0));
    }

    @Test
    void pageTraceIsRecognised() throws IOException {
        assertTrue(parse("p 0 94 1048576\nq 0\n").pages());
    }

    @Test
    void idsOutOfOrderDoubleFreesAndMixedKindsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> parse("a 1 8 8\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("a 0 8 8\nf 0\nf 0\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("f 0\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("a 0 8 8\nq 0\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("a 0 8\n"));
    }

    @Test
    void everyTraceMethodDeclaresItsTracesOperationCount() {
        int methods = 0;
        for (Method method : TraceReplayBenchmark.class.getDeclaredMethods()) {
            if (!method.isAnnotationPresent(Benchmark.class)) {
                continue;
            }
            methods++;
            Trace trace = Trace.load(TraceReplayBenchmark.traceOf(method.getName()));
            assertEquals(trace.operationCount(), method.getAnnotation(OperationsPerInvocation.class).value(),
                    method.getName());
        }
        assertEquals(4, methods);
    }

    @Test
    void missingTraceNamesTheResource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trace.load("nope"));
        assertTrue(e.getMessage().contains("traces/nope.trace"), e.getMessage());
    }
}
