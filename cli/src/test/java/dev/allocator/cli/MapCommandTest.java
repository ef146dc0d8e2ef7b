package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
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
        assertEquals(HeapMap.LEFT + 128 + HeapMap.MARGIN, image.getWidth());
        assertEquals(HeapMap.HEADER + 8 * 2 + HeapMap.FOOTER, image.getHeight());
        assertEquals("wrote " + png + " (" + image.getWidth() + " x " + image.getHeight() + ")\n", cli.out);
        // 1024 bytes over 1024 cells: one byte a cell. At the peak, [0, 104) is used and [816, 1024) is free.
        assertEquals(HeapMap.USED.getRGB(), image.getRGB(HeapMap.LEFT, HeapMap.HEADER));
        int lastCell = 1023;
        assertEquals(HeapMap.FREE.getRGB(), image.getRGB(HeapMap.LEFT + lastCell % 128,
                HeapMap.HEADER + (lastCell / 128) * 2));
    }

    @Test
    void pageMapDrawsWholePool() throws IOException {
        Path png = folder.resolve("pages.png");
        Cli cli = Cli.run("map", Cli.trace("golden_page.trace"), "-a", "firstfit-pages", "--page-pool", "64KiB",
                "--at", "end", "--out", png.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(HeapMap.LEFT + 1024 + HeapMap.MARGIN, image.getWidth());
        assertEquals(HeapMap.HEADER + 128 * 4 + HeapMap.FOOTER, image.getHeight());
    }

    @Test
    void rowsCarryTheirStartAddressDownTheLeftSide() throws IOException {
        Path png = folder.resolve("labels.png");
        Cli cli = Cli.run("map", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB", "--out",
                png.toString(), "--width", "128", "--rows", "8", "--row-height", "14");
        assertEquals(0, cli.exitCode, cli::toString);
        BufferedImage image = ImageIO.read(png.toFile());
        for (int row = 0; row < 8; row++) {
            int top = HeapMap.HEADER + row * 14;
            assertTrue(inkIn(image, HeapMap.MARGIN, top, HeapMap.LEFT - HeapMap.MARGIN - 6, 12) > 10,
                    "no address label left of row " + row);
        }
        // 1024 bytes over 128 x 8 cells: one byte a cell, 128 bytes a row.
        HeapMap map = new HeapMap(128, 8, 14);
        assertEquals("0x0", map.rowAddress(0, 0, 1));
        assertEquals("0x380", map.rowAddress(0, 7, 1));
        assertEquals("0x1000180", map.rowAddress(0x1000000, 3, 1));
    }

    @Test
    void thinRowsAreLabelledEveryFewRowsSoLabelsDoNotOverlap() {
        assertEquals(1, HeapMap.labelEvery(14));
        assertEquals(1, HeapMap.labelEvery(40));
        assertEquals(4, HeapMap.labelEvery(4));
        assertEquals(14, HeapMap.labelEvery(1));
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
    void outUnderAFileIsOneLineAndExitCodeTwo() throws IOException {
        Path file = Files.writeString(folder.resolve("file.txt"), "x");
        Path png = file.resolve("map.png");
        Cli cli = Cli.run("map", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB", "--out",
                png.toString());
        assertEquals(2, cli.exitCode);
        assertEquals("allocator map: " + png + ": cannot write: " + file + " is a file, not a folder\n", cli.err);
        assertEquals("", cli.out);
    }

    @Test
    void outThatIsAFolderIsOneLineAndExitCodeTwo() {
        Cli cli = Cli.run("map", Cli.trace("golden.trace"), "-a", "firstfit", "--pool", "1KiB", "--out",
                folder.toString());
        assertEquals(2, cli.exitCode);
        assertEquals("allocator map: " + folder + ": cannot write: it is a folder\n", cli.err);
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

    /** Pixels darker than the background's near-white in the rectangle. */
    private static int inkIn(BufferedImage image, int x, int y, int width, int height) {
        int ink = 0;
        for (int i = x; i < x + width; i++) {
            for (int j = y; j < Math.min(image.getHeight(), y + height); j++) {
                int rgb = image.getRGB(i, j);
                if (((rgb >> 16) & 0xff) < 128 && ((rgb >> 8) & 0xff) < 128 && (rgb & 0xff) < 128) {
                    ink++;
                }
            }
        }
        return ink;
    }
}
