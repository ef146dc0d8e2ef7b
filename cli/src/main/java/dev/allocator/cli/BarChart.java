package dev.allocator.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of median ns/op: one group per workload, one bar per allocator, a legend of allocator
 * colours, a caption with the repeat count and the JVM. The value axis is logarithmic (decades, labelled with
 * their unit), so a page allocator's thousands of ns and a byte allocator's tens both read. Plain Java2D, headless.
 */
final class BarChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;
    static final int LEFT = 90;
    static final int RIGHT = 20;
    static final int TOP = 60;
    static final int BOTTOM = 90;
    static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    };
    private static final String[] TIME_UNITS = {"ns", "µs", "ms", "s"};

    private BarChart() {
    }

    /**
     * Draws the chart.
     *
     * @param caption what was measured how, under the plot (see {@link #caption(int, int)})
     */
    static BufferedImage draw(List<Measurement> results, String caption) {
        List<String> groups = new ArrayList<>();
        List<String> series = new ArrayList<>();
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (Measurement m : results) {
            if (!groups.contains(m.trace())) {
                groups.add(m.trace());
            }
            if (!series.contains(m.allocator())) {
                series.add(m.allocator());
            }
            if (m.medianNanosPerOp() > 0) {
                smallest = Math.min(smallest, m.medianNanosPerOp());
                largest = Math.max(largest, m.medianNanosPerOp());
            }
        }
        int mostBars = 1;
        for (String group : groups) {
            int bars = 0;
            for (Measurement m : results) {
                bars += m.trace().equals(group) ? 1 : 0;
            }
            mostBars = Math.max(mostBars, bars);
        }
        LogAxis axis = largest > 0 ? LogAxis.covering(smallest, largest) : LogAxis.covering(1, 1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("median time per operation, log scale (lower is better)", LEFT, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            drawAxis(g, axis);
            drawLegend(g, series);
            drawBars(g, results, groups, series, mostBars, axis);
            g.setColor(Color.DARK_GRAY);
            g.drawString(caption, LEFT, HEIGHT - 12);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The caption: how many timed repeats each bar is the median of, after what warm-up, on which JVM. */
    static String caption(int repeat, Warmup warmup) {
        return "each bar: median of " + repeat + " timed " + (repeat == 1 ? "replay" : "replays")
                + " on fresh allocators, after " + warmup + "; JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + " (" + System.getProperty("os.arch") + ")";
    }

    /** A duration for an axis label, in the largest unit that keeps it at least 1: {@code 250 ns}, {@code 2 µs}. */
    static String duration(double nanos) {
        double value = nanos;
        int unit = 0;
        while (value >= 1000 && unit < TIME_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        String number = value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2g", value);
        return number + " " + TIME_UNITS[unit];
    }

    private static void drawBars(Graphics2D g, List<Measurement> results, List<String> groups, List<String> series,
                                 int mostBars, LogAxis axis) {
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
                int height = axis.pixels(m.medianNanosPerOp(), plotHeight);
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
    }

    private static void drawAxis(Graphics2D g, LogAxis axis) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int bottom = TOP + plotHeight;
        g.setStroke(new BasicStroke(1));
        FontMetrics metrics = g.getFontMetrics();
        for (double decade = axis.low; decade <= axis.high * 1.0001; decade *= 10) {
            for (int step = 1; step < 10; step++) {
                double value = decade * step;
                if (value > axis.high * 1.0001 || (step > 1 && step != 2 && step != 5)) {
                    continue;
                }
                int y = bottom - axis.pixels(value, plotHeight);
                g.setColor(step == 1 ? new Color(215, 215, 215) : new Color(238, 238, 238));
                if (y < bottom) {
                    g.drawLine(LEFT + 1, y, WIDTH - RIGHT, y);
                }
                g.setColor(Color.BLACK);
                g.drawLine(LEFT - (step == 1 ? 5 : 3), y, LEFT, y);
                if (step == 1) {
                    String label = duration(value);
                    g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, bottom);
        g.drawLine(LEFT, bottom, WIDTH - RIGHT, bottom);
        String title = "time per operation (log scale)";
        AffineTransform straight = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(title, -(TOP + (plotHeight + metrics.stringWidth(title)) / 2), 16);
        g.setTransform(straight);
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

    /**
     * A logarithmic value axis from one power of ten to another: {@code low} sits on the baseline, {@code high} at
     * the top, each decade takes the same height.
     */
    static final class LogAxis {
        final double low;
        final double high;

        private LogAxis(double low, double high) {
            this.low = low;
            this.high = high;
        }

        /**
         * The axis for positive values from {@code smallest} to {@code largest}: from the power of ten below
         * {@code smallest} (a decade lower if {@code smallest} sits almost on it, so its bar still shows) to the
         * power of ten above {@code largest} with room for its value label.
         */
        static LogAxis covering(double smallest, double largest) {
            double low = Math.pow(10, Math.floor(Math.log10(smallest)));
            if (smallest < low * 1.5) {
                low /= 10;
            }
            double high = Math.pow(10, Math.ceil(Math.log10(largest * 1.25)));
            return new LogAxis(low, Math.max(high, low * 10));
        }

        /** The height in pixels of a bar of {@code value} on a plot {@code plotHeight} high; 0 at or below low. */
        int pixels(double value, int plotHeight) {
            if (value <= low) {
                return 0;
            }
            double share = Math.log(value / low) / Math.log(high / low);
            return (int) Math.round(plotHeight * Math.min(1, share));
        }
    }
}
