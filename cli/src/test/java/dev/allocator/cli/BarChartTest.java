package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    @TempDir
    Path folder;

    @Test
    void aThousandTimesSlowerBarStillLeavesTheFastOneVisible() {
        BufferedImage image = BarChart.draw(List.of(measurement("w", "fast", 12), measurement("w", "slow", 12_000)),
                "caption");
        int fast = tallestRun(image, BarChart.PALETTE[0].getRGB());
        int slow = tallestRun(image, BarChart.PALETTE[1].getRGB());
        assertTrue(slow > fast, fast + " vs " + slow);
        assertTrue(fast * 5 > slow, "linear: 1/1000 of the slow bar, under a pixel; log: over a fifth of it: "
                + fast + " vs " + slow);
    }

    @Test
    void everyDecadeTakesTheSameHeight() {
        BarChart.LogAxis axis = BarChart.LogAxis.covering(12, 12_000);
        assertEquals(1, axis.low);
        assertEquals(100_000, axis.high);
        int decade = axis.pixels(10, 500);
        assertEquals(100, decade);
        assertEquals(2 * decade, axis.pixels(100, 500));
        assertEquals(4 * decade, axis.pixels(10_000, 500));
        assertEquals(0, axis.pixels(0.5, 500));
    }

    @Test
    void aValueJustAboveAPowerOfTenGetsTheDecadeBelowSoItsBarShows() {
        BarChart.LogAxis axis = BarChart.LogAxis.covering(100, 200);
        assertEquals(10, axis.low);
        assertTrue(axis.pixels(100, 500) > 100);
    }

    @Test
    void axisLabelsCarryTheirUnit() {
        assertEquals("1 ns", BarChart.duration(1));
        assertEquals("100 ns", BarChart.duration(100));
        assertEquals("1 µs", BarChart.duration(1_000));
        assertEquals("10 ms", BarChart.duration(10_000_000));
        assertEquals("0.10 ns", BarChart.duration(0.1));
    }

    @Test
    void captionNamesTheRepeatsWarmUpsAndTheJvm() {
        String caption = BarChart.caption(7, Warmup.parse("3"));
        assertTrue(caption.contains("median of 7 timed replays"), caption);
        assertTrue(caption.contains("after 3 warm-up replays"), caption);
        assertTrue(caption.contains(System.getProperty("java.vm.name")), caption);
        assertTrue(caption.contains(Runtime.version().toString()), caption);
        assertTrue(BarChart.caption(1, Warmup.parse("1")).contains("median of 1 timed replay on"));
        assertTrue(BarChart.caption(1, Warmup.parse("1")).contains("after 1 warm-up replay;"));
        assertTrue(BarChart.caption(3, Warmup.parse("auto")).contains("until 3 replays agree within 5% (2 to 10 s)"));
        assertTrue(BarChart.caption(3, Warmup.parse("1500ms")).contains("after 1.5 s of warm-up"));
    }

    @Test
    void compareNamesTheChartItWroteOnStdout() {
        Path chart = folder.resolve("charts/compare.png");
        Cli cli = Cli.run("compare", "-w", "vec_push_3M", "-a", "firstfit", "--repeat", "1", "--warmup", "0",
                "--chart", chart.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(Files.isRegularFile(chart));
        List<String> lines = cli.out.lines().toList();
        assertEquals("wrote " + chart + " (" + BarChart.WIDTH + " x " + BarChart.HEIGHT + ")",
                lines.get(lines.size() - 1), cli::toString);
    }

    @Test
    void afterCsvTheChartIsNamedOnStderrSoStdoutStaysCsv() {
        Path chart = folder.resolve("compare.png");
        Cli cli = Cli.run("compare", "-w", "vec_push_3M", "-a", "firstfit", "--repeat", "1", "--warmup", "0",
                "--format", "csv", "--chart", chart.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        assertEquals(2, cli.out.lines().count(), cli::toString);
        assertEquals("wrote " + chart + " (" + BarChart.WIDTH + " x " + BarChart.HEIGHT + ")\n", cli.err);
    }

    @Test
    void unwritableChartIsOneLineAndExitCodeTwoBeforeAnyMeasuring() throws IOException {
        Path file = Files.writeString(folder.resolve("file.txt"), "x");
        Path chart = file.resolve("sub/compare.png");
        Cli cli = Cli.run("compare", "-w", "vec_push_3M", "-a", "firstfit", "--chart", chart.toString());
        assertEquals(2, cli.exitCode);
        assertEquals("allocator compare: " + chart + ": cannot write: " + file + " is a file, not a folder\n",
                cli.err);
        assertEquals("", cli.out, "nothing measured");
    }

    @Test
    void writeCreatesMissingFoldersAndAFailureNamesTheReason() {
        Path chart = folder.resolve("gone/compare.png");
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Png.write(image, chart);
        assertTrue(Files.isRegularFile(chart));
        UserException e = assertThrows(UserException.class,
                () -> Png.write(image, folder));
        assertEquals(folder + ": cannot write: Is a directory", e.getMessage());
    }

    private static Measurement measurement(String trace, String allocator, double nanos) {
        return new Measurement(trace, allocator, AllocatorKind.BYTE, 100, 1024, nanos, nanos, 0, 0, 0,
                new Warmup.Done(0, 0, false));
    }

    /** The most pixels of {@code rgb} in one column: the height of the bar drawn in that colour. */
    private static int tallestRun(BufferedImage image, int rgb) {
        int tallest = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int count = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                count += image.getRGB(x, y) == rgb ? 1 : 0;
            }
            tallest = Math.max(tallest, count);
        }
        return tallest;
    }
}
