package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden traces replayed on every allocator found, through the command line: the exact peak and failures each
 * allocator must show are in {@code golden_expected.csv}; every allocator of a trace's kind needs a row there.
 * Independently of those numbers, on a pool large enough for no failure the peak must be the largest sum of
 * {@code usableSize} of the live blocks: what the accounting contract says.
 */
class GoldenTraceTest {
    private record Expected(String trace, String allocator, String pool, long peakUsedBytes, int failures) {
    }

    private static List<Expected> expectations() throws IOException {
        List<Expected> rows = new ArrayList<>();
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/traces/golden_expected.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("trace,")) {
                    continue;
                }
                String[] cells = line.strip().split(",");
                rows.add(new Expected(cells[0], cells[1], cells[2], Long.parseLong(cells[3]),
                        Integer.parseInt(cells[4])));
            }
        }
        return rows;
    }

    private static List<AllocatorProvider> providers(AllocatorKind kind) {
        List<AllocatorProvider> found = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == kind) {
                found.add(provider);
            }
        }
        return found;
    }

    @TestFactory
    List<DynamicTest> everyAllocatorShowsItsExactPeakAndFailures() throws IOException {
        List<Expected> rows = expectations();
        List<DynamicTest> tests = new ArrayList<>();
        for (String trace : List.of("golden_mixed", "golden_page")) {
            AllocatorKind kind = trace.contains("page") ? AllocatorKind.PAGE : AllocatorKind.BYTE;
            for (AllocatorProvider provider : providers(kind)) {
                tests.add(DynamicTest.dynamicTest(trace + " on " + provider.name(), () -> {
                    List<Expected> mine = rows.stream()
                            .filter(row -> row.trace().equals(trace) && row.allocator().equals(provider.name()))
                            .toList();
                    assertTrue(!mine.isEmpty(), "golden_expected.csv has no row for " + provider.name() + " on "
                            + trace);
                    for (Expected row : mine) {
                        String poolOption = kind == AllocatorKind.PAGE ? "--page-pool" : "--pool";
                        Cli cli = Cli.run("replay", Cli.trace(trace + ".trace"), "-a", provider.name(), poolOption,
                                row.pool(), "--format", "csv", "--repeat", "1", "--warmup", "0");
                        assertEquals(0, cli.exitCode, cli::toString);
                        String[] cells = cli.out.lines().toList().get(1).split(",");
                        assertEquals(row.peakUsedBytes(), Long.parseLong(cells[7]), "peak used on " + row.pool());
                        assertEquals(row.failures(), Integer.parseInt(cells[8]), "failures on " + row.pool());
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> peakOnAnAmplePoolIsTheLargestSumOfUsableSizes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String trace : List.of("golden_mixed", "golden_page")) {
            for (AllocatorProvider provider : providers(trace.contains("page") ? AllocatorKind.PAGE
                    : AllocatorKind.BYTE)) {
                tests.add(DynamicTest.dynamicTest(trace + " on " + provider.name(), () -> {
                    Trace parsed = TraceParser.parse(Path.of(Cli.trace(trace + ".trace")));
                    Contender contender = new Contender(provider.name(), provider.kind(), AllocatorOptions.empty());
                    long pool = provider.kind() == AllocatorKind.PAGE ? 1L << 30 : 16L << 20;
                    BaseAllocator allocator = contender.create(pool);
                    Replayer.Peak peak = Replayer.findPeak(allocator, parsed, new long[parsed.blockCount()]);
                    assertEquals(0, peak.failures, provider.name() + " failed on an ample pool");
                    assertEquals(usableSizePeak(contender.create(pool), parsed), peak.used,
                            () -> provider.name().toLowerCase(Locale.ROOT) + ": peak is not the sum of usable sizes");
                }));
            }
        }
        return tests;
    }

    /** The largest sum of usableSize over the live blocks, replaying only the arithmetic. */
    private static long usableSizePeak(BaseAllocator allocator, Trace trace) {
        long live = 0;
        long peak = 0;
        for (int i = 0; i < trace.opCount(); i++) {
            long usable = allocator instanceof ByteAllocator
                    ? ((ByteAllocator) allocator).usableSize(trace.size(i), trace.align(i))
                    : ((PageAllocator) allocator).usableSize(trace.size(i), trace.align(i));
            live += trace.op(i) == Trace.ALLOC ? usable : -usable;
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
