package dev.allocator.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/**
 * A progress bar on stderr, redrawn in place with carriage returns. It shows only when stderr is a terminal and
 * the run has already taken a second, and it is erased when done, so piped or short runs print nothing extra.
 * Steps happen between replays, never inside a timed one. Not thread safe.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final int LINE_WIDTH = 79;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final long showAfterNanos;
    private final long startNanos = System.nanoTime();
    private final long total;
    private long done;
    private String label = "";
    private boolean drawn;

    Progress(PrintWriter err, boolean enabled, long total) {
        this(err, enabled, total, SHOW_AFTER_NANOS);
    }

    Progress(PrintWriter err, boolean enabled, long total, long showAfterNanos) {
        this.err = err;
        this.enabled = enabled;
        this.total = Math.max(1, total);
        this.showAfterNanos = showAfterNanos;
    }

    /**
     * Tells whether stderr is an interactive terminal: {@code System.console() != null}, and on JDK 22 and later
     * (where a console exists even when redirected) also {@code Console.isTerminal()}.
     */
    static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Names what runs now, e.g. {@code "tlsf on mixed_align_200K"}. */
    void label(String text) {
        label = text;
        draw();
    }

    void step() {
        done++;
        draw();
    }

    private void draw() {
        if (!enabled || System.nanoTime() - startNanos < showAfterNanos) {
            return;
        }
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        StringBuilder line = new StringBuilder("\r[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            line.append(i < filled ? '#' : '.');
        }
        line.append("] ").append(100 * Math.min(done, total) / total).append("% ").append(label);
        if (line.length() > LINE_WIDTH) {
            line.setLength(LINE_WIDTH);
        }
        while (line.length() < LINE_WIDTH) {
            line.append(' ');
        }
        err.print(line);
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            err.print("\r" + " ".repeat(LINE_WIDTH) + "\r");
            err.flush();
        }
    }
}
