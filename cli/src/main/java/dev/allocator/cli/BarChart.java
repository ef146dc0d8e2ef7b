package dev.allocator.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of median ns/op: one group per workload, one bar per allocator, a legend of allocator
 * colours. Plain Java2D, headless.
 */
final class BarChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    };

    private BarChart() {
    }

    /** Draws the chart and writes it as a PNG. */
    static void write(List<Measurement> results, Path file) {
        Png.write(draw(results), file);
    }

    static BufferedImage draw(List<Measurement> results) {
        List<String> groups = new ArrayList<>();
        List<String> series = new ArrayList<>();
        double max = 0;
        int mostBars = 1;
        for (Measurement m : results) {
            if (!groups.contains(m.trace())) {
                groups.add(m.trace());
            }
            if (!series.contains(m.allocator())) {
                series.add(m.allocator());
            }
            max = Math.max(max, m.medianNanosPerOp());
        }
        for (String group : groups) {
            int bars = 0;
            for (Measurement m : results) {
                bars += m.trace().equals(group) ? 1 : 0;
            }
            mostBars = Math.max(mostBars, bars);
        }
        double top = niceCeiling(max);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("median ns per operation (lower is better)", LEFT, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            drawAxis(g, top);
            drawLegend(g, series);
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = HEIGHT - TOP - BOTTOM;
            double groupWidth = groups.isEmpty() ? plotWidth : (double) plotWidth / groups.size();
            double barWidth = groupWidth * 0.8 / mostBars;
            FontMetrics metrics = g.getFontMetrics();
            for (int group = 0; group < groups.size(); group++) {
                List<Measurement> bars = new ArrayList<>();
                for (Measurement m : results) {
                    if (m.trace().equals(groups.get(group))) {
                        bars.add(m);
                    }
                }
                double left = LEFT + group * groupWidth + (groupWidth - bars.size() * barWidth) / 2;
                for (int bar = 0; bar < bars.size(); bar++) {
                    Measurement m = bars.get(bar);
                    int height = (int) Math.round(plotHeight * m.medianNanosPerOp() / top);
                    int x = (int) Math.round(left + bar * barWidth);
                    int width = Math.max(1, (int) barWidth - 2);
                    g.setColor(PALETTE[series.indexOf(m.allocator()) % PALETTE.length]);
                    g.fillRect(x, TOP + plotHeight - height, width, height);
                    g.setColor(Color.DARK_GRAY);
                    String value = String.format(Locale.ROOT, m.medianNanosPerOp() >= 100 ? "%.0f" : "%.1f",
                            m.medianNanosPerOp());
                    g.drawString(value, x + (width - metrics.stringWidth(value)) / 2, TOP + plotHeight - height - 3);
                }
                g.setColor(Color.BLACK);
                String label = groups.get(group);
                int labelX = (int) Math.round(LEFT + group * groupWidth + (groupWidth - metrics.stringWidth(label)) / 2);
                g.drawString(label, labelX, TOP + plotHeight + 16);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawAxis(Graphics2D g, double top) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.drawLine(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight);
        FontMetrics metrics = g.getFontMetrics();
        for (int tick = 0; tick <= 5; tick++) {
            double value = top * tick / 5;
            int y = TOP + plotHeight - (int) Math.round(plotHeight * tick / 5.0);
            String label = value >= 10 || value == 0 ? String.format(Locale.ROOT, "%.0f", value)
                    : String.format(Locale.ROOT, "%.1f", value);
            g.setColor(new Color(225, 225, 225));
            if (tick > 0) {
                g.drawLine(LEFT + 1, y, WIDTH - RIGHT, y);
            }
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 4, y, LEFT, y);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
        }
    }

    private static void drawLegend(Graphics2D g, List<String> series) {
        FontMetrics metrics = g.getFontMetrics();
        int x = LEFT;
        for (int i = 0; i < series.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(x, 34, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(i), x + 16, 44);
            x += 32 + metrics.stringWidth(series.get(i));
        }
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
