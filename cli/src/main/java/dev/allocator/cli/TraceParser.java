package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the trace format of the repository's {@code traces/README.md} into a {@link Trace}:
 * <pre>
 * # comment
 * a &lt;id&gt; &lt;size&gt; &lt;align&gt;        allocate bytes
 * f &lt;id&gt;                        free
 * p &lt;id&gt; &lt;pages&gt; &lt;align&gt;       allocate a run of pages (align in bytes)
 * q &lt;id&gt;                        free the run
 * </pre>
 * Every error is a {@link UserException} naming the file, the line number and the line's text.
 */
final class TraceParser {
    private TraceParser() {
    }

    /**
     * Parses a trace file, or the bundled trace a bare name (no folder, no such file) names, such as
     * {@code mixed_align_200K}; the trace is named after the file, without {@code .trace}.
     *
     * @throws UserException if the file is missing, unreadable or malformed
     */
    static Trace parse(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException(file + ": is a folder, not a trace file");
        }
        if (!Files.isRegularFile(file)) {
            String bundled = BundledTraces.nameOf(file);
            if (bundled != null) {
                return BundledTraces.parse(bundled);
            }
            if (file.getParent() == null && !BundledTraces.names().isEmpty()) {
                throw new UserException(file + ": no such trace file, nor a bundled trace (bundled: "
                        + String.join(", ", BundledTraces.names()) + ")");
            }
            throw new UserException(file + ": no such trace file");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), traceName(file));
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such trace file", e);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read: " + FileErrors.reason(e), e);
        }
    }

    /**
     * Parses a trace from text.
     *
     * @param source where the text comes from, for messages
     * @param name   the trace's name
     * @throws IOException   if reading fails
     * @throws UserException naming {@code source:line} and the line's text if a line is malformed
     */
    static Trace parse(Reader reader, String source, String name) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        Trace.Builder builder = new Trace.Builder(name);
        long[] fields = new long[3];
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.charAt(0) == '#') {
                continue;
            }
            try {
                addOperation(builder, text, fields, lineNumber);
            } catch (IllegalArgumentException e) {
                throw new UserException(source + ":" + lineNumber + ": " + e.getMessage() + ": '" + text + "'", e);
            }
        }
        if (builder.blockCount() == 0) {
            throw new UserException(source + ": no allocation in the trace");
        }
        return builder.build();
    }

    static String traceName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".trace") ? fileName.substring(0, fileName.length() - ".trace".length()) : fileName;
    }

    private static void addOperation(Trace.Builder builder, String text, long[] fields, int lineNumber) {
        char op = text.charAt(0);
        if (text.length() > 1 && !Character.isWhitespace(text.charAt(1))) {
            throw new IllegalArgumentException("unknown operation");
        }
        switch (op) {
            case 'a':
            case 'p': {
                readNumbers(text, fields, 3, op + " <id> <" + (op == 'a' ? "size" : "pages") + "> <align>");
                builder.alloc(op == 'a' ? AllocatorKind.BYTE : AllocatorKind.PAGE, toId(fields[0]), fields[1],
                        fields[2], lineNumber);
                break;
            }
            case 'f':
            case 'q': {
                readNumbers(text, fields, 1, op + " <id>");
                builder.free(op == 'f' ? AllocatorKind.BYTE : AllocatorKind.PAGE, toId(fields[0]), lineNumber);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown operation '" + op + "', expected a, f, p or q");
        }
    }

    /** Reads exactly {@code count} non-negative decimal numbers after the operation letter. */
    private static void readNumbers(String text, long[] fields, int count, String shape) {
        int position = 1;
        int found = 0;
        int length = text.length();
        while (true) {
            while (position < length && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position == length) {
                break;
            }
            if (found == count) {
                throw new IllegalArgumentException("too many fields, expected '" + shape + "'");
            }
            long value = 0;
            int start = position;
            while (position < length && !Character.isWhitespace(text.charAt(position))) {
                int digit = text.charAt(position) - '0';
                if (digit < 0 || digit > 9) {
                    throw new IllegalArgumentException("'" + text.substring(start, wordEnd(text, position))
                            + "' is not a non-negative number, expected '" + shape + "'");
                }
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    throw new IllegalArgumentException("'" + text.substring(start, wordEnd(text, position))
                            + "' does not fit in a long");
                }
                value = value * 10 + digit;
                position++;
            }
            fields[found++] = value;
        }
        if (found != count) {
            throw new IllegalArgumentException("missing fields, expected '" + shape + "'");
        }
    }

    private static int wordEnd(String text, int from) {
        int end = from;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int toId(long id) {
        if (id > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("block id " + id + " is too large");
        }
        return (int) id;
    }
}
