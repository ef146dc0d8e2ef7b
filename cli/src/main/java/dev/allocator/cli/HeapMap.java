package dev.allocator.cli;

import dev.allocator.api.AllocatorStats;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws a pool as a row-wrapped strip: the address range is cut into {@code width x rows} cells, left to right then
 * top to bottom; each cell is coloured by how much of it is used (red), free (pale green) or not managed (grey),
 * blending where a cell holds both. A header gives the legend and the fragmentation figure; the addresses rows
 * start at run down the left side, the end address sits under the last row.
 */
final class HeapMap {
    static final Color USED = new Color(200, 50, 40);
    static final Color FREE = new Color(205, 235, 200);
    static final Color UNMANAGED = new Color(90, 90, 90);
    static final Color BACKGROUND = Color.WHITE;
    static final int HEADER = 64;
    static final int FOOTER = 22;
    static final int MARGIN = 10;
    /** Where the cells start: left of them, the address of each labelled row (up to 16 hex digits). */
    static final int LEFT = 130;
    /** A row label needs this many pixels of height; thinner rows are labelled every few rows. */
    static final int LABEL_HEIGHT = 14;

    private final int width;
    private final int rows;
    private final int rowHeight;

    HeapMap(int width, int rows, int rowHeight) {
        if (width < 64 || rows < 1 || rowHeight < 1 || (long) rows * rowHeight > 8192 || width > 8192) {
            throw new UserException("map size " + width + " x " + rows + " rows of " + rowHeight
                    + " px is out of range (width 64..8192, rows x row height up to 8192)");
        }
        this.width = width;
        this.rows = rows;
        this.rowHeight = rowHeight;
    }

    int imageWidth() {
        return LEFT + width + MARGIN;
    }

    int imageHeight() {
        return HEADER + rows * rowHeight + FOOTER;
    }

    /** Draws {@code snapshot}'s allocator: its runs from {@code forEachBlock}, its stats in the header. */
    BufferedImage draw(Snapshot snapshot) {
        long unit = snapshot.unitBytes();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        snapshot.allocator.forEachBlock((start, size, used) -> {
            range[0] = Math.min(range[0], start);
            range[1] = Math.max(range[1], start + size * unit);
        });
        if (range[0] > range[1]) {
            range[0] = 0;
            range[1] = Math.max(1, snapshot.poolBytes);
        }
        long low = range[0];
        long span = Math.max(1, range[1] - low);
        long cells = (long) width * rows;
        long cellBytes = Math.max(1, (span + cells - 1) / cells);
        double[] usedPart = new double[(int) cells];
        double[] managedPart = new double[(int) cells];
        snapshot.allocator.forEachBlock((start, size, used) ->
                addRun(usedPart, managedPart, start - low, size * unit, cellBytes, used));

        BufferedImage image = new BufferedImage(imageWidth(), imageHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int cell = 0; cell < cells; cell++) {
                g.setColor(colour(usedPart[cell] / cellBytes, managedPart[cell] / cellBytes));
                g.fillRect(LEFT + cell % width, HEADER + (cell / width) * rowHeight, 1, rowHeight);
            }
            drawText(g, snapshot, low, low + span, cellBytes);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Adds the run {@code [offset, offset + length)} to the cells it covers. */
    static void addRun(double[] usedPart, double[] managedPart, long offset, long length, long cellBytes,
                       boolean used) {
        long end = offset + length;
        for (long cell = offset / cellBytes; cell < usedPart.length && cell * cellBytes < end; cell++) {
            long from = Math.max(offset, cell * cellBytes);
            long to = Math.min(end, (cell + 1) * cellBytes);
            managedPart[(int) cell] += to - from;
            if (used) {
                usedPart[(int) cell] += to - from;
            }
        }
    }

    /** The colour of a cell {@code used} used and {@code managed} managed (fractions of the cell). */
    static Color colour(double used, double managed) {
        if (managed <= 0) {
            return UNMANAGED;
        }
        double share = Math.min(1, used / managed);
        return new Color(blend(FREE.getRed(), USED.getRed(), share), blend(FREE.getGreen(), USED.getGreen(), share),
                blend(FREE.getBlue(), USED.getBlue(), share));
    }

    private static int blend(int from, int to, double share) {
        return (int) Math.round(from + (to - from) * share);
    }

    private void drawText(Graphics2D g, Snapshot snapshot, long low, long high, long cellBytes) {
        AllocatorStats stats = snapshot.allocator.stats();
        long unit = snapshot.unitBytes();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(snapshot.contender.name() + " on " + snapshot.trace.name() + " at " + snapshot.at + " ("
                + snapshot.ops + " of " + snapshot.trace.opCount() + " operations, " + snapshot.failures
                + " failed)", MARGIN, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "used %s of %s in %d blocks; %d free ranges, largest %s; "
                        + "fragmentation %.3f (1 - largest free / free)",
                Sizes.human(stats.used() * unit), Sizes.human(stats.total() * unit), stats.liveBlocks(),
                stats.freeRanges(), Sizes.human(stats.largestFree() * unit), stats.fragmentation()), MARGIN, 36);
        int x = MARGIN;
        x = legend(g, x, USED, "used");
        x = legend(g, x, FREE, "free");
        x = legend(g, x, colour(0.5, 1), "partly used");
        x = legend(g, x, UNMANAGED, "not managed");
        g.setColor(Color.BLACK);
        g.drawString("one pixel = " + Sizes.human(cellBytes) + ", rows wrap left to right", x + 10, 56);
        drawRowAddresses(g, low, cellBytes);
        int bottom = HEADER + rows * rowHeight + 16;
        String end = "end 0x" + Long.toHexString(high);
        g.drawString(end, LEFT + width - g.getFontMetrics().stringWidth(end), bottom);
    }

    /** The start address of every {@link #labelEvery(int)}-th row, right-aligned left of it, with a tick. */
    private void drawRowAddresses(Graphics2D g, long low, long cellBytes) {
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
        int every = labelEvery(rowHeight);
        for (int row = 0; row < rows; row += every) {
            int top = HEADER + row * rowHeight;
            String label = rowAddress(low, row, cellBytes);
            g.drawLine(LEFT - 4, top, LEFT - 1, top);
            g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), top + 9);
        }
    }

    /** How many rows apart the address labels are, so that they do not overlap. */
    static int labelEvery(int rowHeight) {
        return (LABEL_HEIGHT + rowHeight - 1) / rowHeight;
    }

    /** The address row {@code row} starts at, in hex: {@code low + row * width * cellBytes}. */
    String rowAddress(long low, int row, long cellBytes) {
        return "0x" + Long.toHexString(low + (long) row * width * cellBytes);
    }

    private static int legend(Graphics2D g, int x, Color colour, String label) {
        g.setColor(colour);
        g.fillRect(x, 46, 12, 12);
        g.setColor(Color.BLACK);
        g.drawRect(x, 46, 12, 12);
        g.drawString(label, x + 16, 56);
        return x + 24 + g.getFontMetrics().stringWidth(label);
    }
}
