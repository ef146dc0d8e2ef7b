package dev.allocator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed allocation trace (format in the repository's {@code traces/README.md}), held in primitive arrays so that a
 * replay allocates nothing. Byte traces use {@code a}/{@code f} lines, page traces {@code p}/{@code q}; the
 * amounts are bytes or pages, the alignments bytes. Immutable.
 */
public final class Trace {
    private final String name;
    private final boolean pages;
    private final int[] operations;
    private final int[] amounts;
    private final int[] aligns;

    private Trace(String name, boolean pages, int[] operations, int[] amounts, int[] aligns) {
        this.name = name;
        this.pages = pages;
        this.operations = operations;
        this.amounts = amounts;
        this.aligns = aligns;
    }

    /** Loads {@code traces/<name>.trace} from the class path (the module's resources). */
    public static Trace load(String name) {
        String resource = "traces/" + name + ".trace";
        InputStream in = Trace.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no trace " + resource + " on the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** Parses a trace; fails on a malformed line, an id allocated twice or freed before its allocation. */
    static Trace parse(String name, BufferedReader reader) throws IOException {
        int[] operations = new int[1024];
        int[] amounts = new int[1024];
        int[] aligns = new int[1024];
        boolean[] freed = new boolean[1024];
        int operationCount = 0;
        int idCount = 0;
        Boolean pages = null;
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            char kind = fields[0].length() == 1 ? fields[0].charAt(0) : '?';
            boolean pageLine = kind == 'p' || kind == 'q';
            boolean alloc = kind == 'a' || kind == 'p';
            if ("afpq".indexOf(kind) < 0 || fields.length != (alloc ? 4 : 2)) {
                throw malformed(name, lineNumber, line, "expected 'a|p <id> <amount> <align>' or 'f|q <id>'");
            }
            if (pages == null) {
                pages = pageLine;
            } else if (pages != pageLine) {
                throw malformed(name, lineNumber, line, "byte and page operations mixed");
            }
            int id = Integer.parseInt(fields[1]);
            if (operationCount == operations.length) {
                operations = Arrays.copyOf(operations, operationCount * 2);
            }
            if (alloc) {
                if (id != idCount) {
                    throw malformed(name, lineNumber, line, "ids are allocated densely from 0, expected " + idCount);
                }
                if (idCount == amounts.length) {
                    amounts = Arrays.copyOf(amounts, idCount * 2);
                    aligns = Arrays.copyOf(aligns, idCount * 2);
                    freed = Arrays.copyOf(freed, idCount * 2);
                }
                amounts[id] = Integer.parseInt(fields[2]);
                aligns[id] = Integer.parseInt(fields[3]);
                idCount++;
                operations[operationCount++] = id;
            } else {
                if (id < 0 || id >= idCount || freed[id]) {
                    throw malformed(name, lineNumber, line, "free of an id not live");
                }
                freed[id] = true;
                operations[operationCount++] = ~id;
            }
        }
        return new Trace(name, Boolean.TRUE.equals(pages), Arrays.copyOf(operations, operationCount),
                Arrays.copyOf(amounts, idCount), Arrays.copyOf(aligns, idCount));
    }

    private static IllegalArgumentException malformed(String name, int lineNumber, String line, String why) {
        return new IllegalArgumentException(name + ".trace line " + lineNumber + " '" + line + "': " + why);
    }

    /** The trace's name (file name without {@code .trace}). */
    public String name() {
        return name;
    }

    /** Whether it is a page trace ({@code p}/{@code q} lines, amounts in pages). */
    public boolean pages() {
        return pages;
    }

    /** Operations (allocations plus frees). */
    public int operationCount() {
        return operations.length;
    }

    /** Distinct ids, that is allocations. */
    public int idCount() {
        return amounts.length;
    }

    /** Operation {@code index}: the id allocated if {@code >= 0}, else {@code ~id} of the id freed. */
    int operation(int index) {
        return operations[index];
    }

    /** Size (bytes or pages) of the allocation of {@code id}. */
    int amount(int id) {
        return amounts[id];
    }

    /** Alignment in bytes of the allocation of {@code id}. */
    int align(int id) {
        return aligns[id];
    }
}
