package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.allocator.api.spi.AllocatorKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TraceParserTest {
    private static Trace parse(String text) throws IOException {
        return TraceParser.parse(new StringReader(text), "t.trace", "t");
    }

    private static String error(String text) {
        return assertThrows(UserException.class, () -> parse(text)).getMessage();
    }

    @Test
    void parsesOperationsIntoArraysAndGivesFreesTheirAllocationsLayout() throws IOException {
        Trace trace = parse("# allocator-trace 1\n\na 0 100 8\n  a 1 7 1  \nf 0\n# done\nf 1\n");
        assertEquals(AllocatorKind.BYTE, trace.kind());
        assertEquals(4, trace.opCount());
        assertEquals(2, trace.blockCount());
        assertEquals(Trace.ALLOC, trace.op(0));
        assertEquals(100, trace.size(0));
        assertEquals(8, trace.align(0));
        assertEquals(3, trace.line(0));
        assertEquals(Trace.FREE, trace.op(2));
        assertEquals(0, trace.id(2));
        assertEquals(100, trace.size(2));
        assertEquals(8, trace.align(2));
        assertEquals(7, trace.size(3));
        assertEquals(7, trace.line(3));
    }

    @Test
    void pageOperationsMakeAPageTrace() throws IOException {
        Trace trace = parse("p 0 4 4096\nq 0\n");
        assertEquals(AllocatorKind.PAGE, trace.kind());
        assertEquals(4, trace.size(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a 0 100 8\\nx 1            | t.trace:2: unknown operation 'x', expected a, f, p or q: 'x 1'",
        "a 0 100                    | t.trace:1: missing fields, expected 'a <id> <size> <align>': 'a 0 100'",
        "a 0 100 8 9                | t.trace:1: too many fields, expected 'a <id> <size> <align>': 'a 0 100 8 9'",
        "a 0 1x0 8                  | t.trace:1: '1x0' is not a non-negative number, expected 'a <id> <size> <align>': 'a 0 1x0 8'",
        "a 0 -5 8                   | t.trace:1: '-5' is not a non-negative number, expected 'a <id> <size> <align>': 'a 0 -5 8'",
        "a 0 0 8                    | t.trace:1: size 0 is not positive: 'a 0 0 8'",
        "a 0 8 3                    | t.trace:1: align 3 is not a power of two: 'a 0 8 3'",
        "a 1 8 8                    | t.trace:1: block id 1 out of order, expected 0: 'a 1 8 8'",
        "a 0 8 8\\nf 1              | t.trace:2: block id 1 was never allocated: 'f 1'",
        "a 0 8 8\\nf 0\\nf 0        | t.trace:3: block id 0 is freed twice: 'f 0'",
        "a 0 8 8\\np 1 1 4096       | t.trace:2: a page operation in a byte trace: 'p 1 1 4096'",
        "alloc 0 8 8                | t.trace:1: unknown operation: 'alloc 0 8 8'",
        "a 0 99999999999999999999 8 | t.trace:1: '99999999999999999999' does not fit in a long: 'a 0 99999999999999999999 8'",
        "# only a comment           | t.trace: no allocation in the trace",
    })
    void malformedLinesNameFileLineAndText(String text, String message) {
        assertEquals(message, error(text.replace("\\n", "\n")));
    }

    @Test
    void traceIsNamedAfterItsFile() {
        assertEquals("mixed_align_200K", TraceParser.traceName(Path.of("/x/mixed_align_200K.trace")));
        assertEquals("notes.txt", TraceParser.traceName(Path.of("notes.txt")));
    }

    @Test
    void malformedFileIsOneLineExitTwoWithFileAndLine() {
        Cli cli = Cli.run("replay", Cli.trace("malformed.trace"));
        assertEquals(2, cli.exitCode);
        assertEquals("allocator replay: " + Cli.trace("malformed.trace")
                + ":4: 'big' is not a non-negative number, expected 'a <id> <size> <align>': 'a 1 big 8'\n", cli.err);
    }
}
