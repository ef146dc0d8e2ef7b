package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barRedrawsInPlaceAndIsErasedAtTheEnd() {
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(err), true, 4, 0)) {
            progress.label("firstfit on golden");
            progress.step();
            progress.step();
        }
        String text = err.toString();
        assertTrue(text.startsWith("\r[" + ".".repeat(30) + "] 0% firstfit on golden"), text);
        assertTrue(text.contains("\r[" + "#".repeat(15) + ".".repeat(15) + "] 50% firstfit on golden"), text);
        assertTrue(text.endsWith("\r" + " ".repeat(79) + "\r"), text);
    }

    @Test
    void shortRunsPrintNothing() {
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(err), true, 4)) {
            progress.step();
        }
        assertEquals("", err.toString());
    }

    @Test
    void disabledBarPrintsNothing() {
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(err), false, 4, 0)) {
            progress.step();
        }
        assertEquals("", err.toString());
    }

    @Test
    void testsDoNotRunOnATerminal() {
        assertEquals(false, Progress.stderrIsTerminal());
    }
}
