package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path folder;

    @Test
    void bareCommandRunsCompareOnEveryWorkloadOfEachKind() {
        Cli cli = Cli.withProperty("allocator.warmup", "1", Cli::run); // the default is seconds per figure
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertTrue(lines.get(0).matches("workload +allocator +ops +ns/op +best +peak used +failures +frag@peak +warm-up"),
                cli::toString);
        int rows = 0;
        for (String workload : Workloads.names()) {
            AllocatorKind kind = WorkloadsTest.kindOf(workload);
            for (AllocatorProvider provider : Allocators.providers()) {
                if (provider.kind() == kind) {
                    rows++;
                    assertTrue(lines.stream().anyMatch(line -> line.matches(
                            workload + " +" + provider.name() + " .* 0 +[0-9.]+ +~?[0-9.]+s")),
                            () -> workload + " on " + provider.name() + " missing or failing:\n" + cli);
                }
            }
        }
        assertEquals(1 + rows, lines.size(), cli::toString);
        assertEquals("", cli.err);
    }

    @Test
    void chartIsAPngOfTheChartSize() throws IOException {
        Path chart = folder.resolve("charts/compare.png");
        Cli cli = Cli.run("compare", "-w", "vec_push_3M,vec_rand_free_7500_520", "--repeat", "1", "--warmup", "0",
                "--chart", chart.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        BufferedImage image = ImageIO.read(chart.toFile());
        assertEquals(BarChart.WIDTH, image.getWidth());
        assertEquals(BarChart.HEIGHT, image.getHeight());
    }

    @Test
    void csvHasAWorkloadColumnAndExactPeaks() {
        Cli cli = Cli.run("compare", "-w", "vec_push_3M", "-a", "firstfit", "--repeat", "1", "--warmup", "0",
                "--format", "csv");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertTrue(lines.get(0).startsWith("workload,allocator,kind,ops,"), cli::toString);
        String[] row = lines.get(1).split(",");
        assertEquals("vec_push_3M", row[0]);
        assertEquals("42", row[3], "21 buffers allocated and freed");
        assertEquals(Long.toString((16L << 20) + (8L << 20)), row[7], "16 MiB buffer allocated before the 8 MiB one is freed");
        assertEquals("0", row[8]);
    }

    @Test
    void unknownWorkloadListsTheNames() {
        Cli cli = Cli.run("compare", "-w", "nope");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.startsWith("allocator compare: unknown workload 'nope'; known: vec_push_3M, "), cli::toString);
    }

    @Test
    void theIdWorkloadRunsOnIdAllocatorsOnlyAndCountsIds() {
        Cli cli = Cli.run("compare", "-w", "id_churn_100K", "-a", "bitmap", "--repeat", "1", "--warmup", "0");
        assertEquals(0, cli.exitCode, cli::toString);
        List<String> lines = cli.out.lines().toList();
        assertEquals(2, lines.size(), "the header and the bitmap ID allocator's row, not its page one:\n" + cli);
        assertTrue(lines.get(1).matches("id_churn_100K +bitmap +100000 +[0-9.]+ +[0-9.]+ +[0-9]+ IDs +0 +[0-9.]+ +~?[0-9.]+s"),
                cli::toString);
    }

    @Test
    void theIdPoolBoundsTheIds() {
        Cli cli = Cli.run("compare", "-w", "id_churn_100K", "-a", "bitmap", "--repeat", "1", "--warmup", "0",
                "--id-pool", "10000", "--format", "csv");
        assertEquals(0, cli.exitCode, cli::toString);
        String[] row = cli.out.lines().toList().get(1).split(",");
        assertEquals("id", row[2]);
        assertEquals("10000", row[4], "pool");
        assertTrue(Integer.parseInt(row[8]) > 0, "20,000 live IDs do not fit 10,000: " + cli);
        assertEquals("10000", row[7], "the peak is every ID");
    }
}
