package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCommandTest {
    @TempDir
    Path folder;

    @Test
    void mapIsAPngOfTheRequestedSizeWithUsedAndFreeCells() throws IOException {
        Path png = folder.resolve("map.png");
        Cli cli = Cli.run("map", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB", "--out",
                png.toString(), "--width", "128", "--rows", "8", "--row-height", "2");
        assertEquals(0, cli.exitCode, cli::toString);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(128 + 2 * HeapMap.MARGIN, image.getWidth());
        assertEquals(HeapMap.HEADER + 8 * 2 + HeapMap.FOOTER, image.getHeight());
        assertEquals("wrote " + png + " (" + image.getWidth() + " x " + image.getHeight() + ")\n", cli.out);
        // 1024 bytes over 1024 cells: one byte a cell. At the peak, [0, 104) is used and [816, 1024) is free.
        assertEquals(HeapMap.USED.getRGB(), image.getRGB(HeapMap.MARGIN, HeapMap.HEADER));
        int lastCell = 1023;
        assertEquals(HeapMap.FREE.getRGB(), image.getRGB(HeapMap.MARGIN + lastCell % 128,
                HeapMap.HEADER + (lastCell / 128) * 2));
    }

    @Test
    void pageMapDrawsWholePool() throws IOException {
        Path png = folder.resolve("pages.png");
        Cli cli = Cli.run("map", Cli.trace("golden_page.trace"), "-a", "firstfit-pages", "--page-pool", "64KiB",
                "--at", "end", "--out", png.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1024 + 2 * HeapMap.MARGIN, image.getWidth());
        assertEquals(HeapMap.HEADER + 128 * 4 + HeapMap.FOOTER, image.getHeight());
    }

    @Test
    void cellsBlendUsedAndFreeShares() {
        double[] used = new double[4];
        double[] managed = new double[4];
        HeapMap.addRun(used, managed, 0, 6, 4, true);
        HeapMap.addRun(used, managed, 6, 6, 4, false);
        assertEquals(4, used[0]);
        assertEquals(2, used[1]);
        assertEquals(4, managed[1]);
        assertEquals(0, managed[3]);
        assertEquals(HeapMap.USED, HeapMap.colour(used[0], managed[0]));
        assertEquals(HeapMap.FREE, HeapMap.colour(used[2], managed[2]));
        assertEquals(HeapMap.UNMANAGED, HeapMap.colour(used[3], managed[3]));
        assertTrue(HeapMap.colour(used[1], managed[1]).getGreen() > HeapMap.USED.getGreen());
    }

    @Test
    void outIsRequired() {
        Cli cli = Cli.run("map", Cli.trace("golden.trace"), "-a", "firstfit");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.contains("Missing required option: '--out=PNG'"), cli::toString);
    }

    @Test
    void absurdSizeIsBadInput() {
        Cli cli = Cli.run("map", Cli.trace("golden.trace"), "-a", "firstfit", "--out",
                folder.resolve("x.png").toString(), "--width", "10");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.startsWith("allocator map: map size 10 x 128 rows"), cli::toString);
    }
}
