package dev.allocator.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link ResultsTable} as grouped bars with Java2D: one group per workload, one bar per subject, ns/op on a
 * log scale (the scores span four orders of magnitude). Headless.
 */
final class ResultsChart {
    private static final int WIDTH = 1800;
    private static final int HEIGHT = 900;
    private static final int LEFT = 90;
    private static final int RIGHT = 250;
    private static final int TOP = 60;
    private static final int BOTTOM = 110;

    private ResultsChart() {
    }

    static void write(ResultsTable table, String title, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, table, title);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void draw(Graphics2D g, ResultsTable table, String title) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(title, LEFT, 35);

        List<String> subjects = table.subjects();
        List<String> workloads = table.workloads();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (String subject : subjects) {
            for (String workload : workloads) {
                double score = table.score(subject, workload);
                if (score > 0) {
                    min = Math.min(min, score);
                    max = Math.max(max, score);
                }
            }
        }
        if (max == 0) {
            return;
        }
        int lowDecade = (int) Math.floor(Math.log10(min));
        int highDecade = (int) Math.ceil(Math.log10(max));
        if (highDecade == lowDecade) {
            highDecade++;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int baseline = TOP + plotHeight;

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            int y = baseline - (int) Math.round((double) (decade - lowDecade) / (highDecade - lowDecade) * plotHeight);
            g.setColor(new Color(220, 220, 220));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = decadeLabel(decade);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 5);
        }
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString("ns/op (log scale, lower is better)", -(TOP + plotHeight / 2 + 110), 25);
        g.setTransform(saved);

        double groupWidth = (double) plotWidth / workloads.size();
        double barWidth = (groupWidth * 0.85) / subjects.size();
        for (int w = 0; w < workloads.size(); w++) {
            double groupLeft = LEFT + w * groupWidth + groupWidth * 0.075;
            for (int s = 0; s < subjects.size(); s++) {
                double score = table.score(subjects.get(s), workloads.get(w));
                if (!(score > 0)) {
                    continue;
                }
                double fraction = (Math.log10(score) - lowDecade) / (highDecade - lowDecade);
                int height = (int) Math.round(fraction * plotHeight);
                g.setColor(colour(subjects.get(s)));
                g.fillRect((int) Math.round(groupLeft + s * barWidth), baseline - height,
                        Math.max(1, (int) Math.floor(barWidth) - 1), height);
            }
            g.setColor(Color.BLACK);
            String label = workloads.get(w);
            int centre = (int) Math.round(LEFT + w * groupWidth + groupWidth / 2);
            drawCentred(g, label, centre, baseline + (w % 2 == 0 ? 22 : 42)); // staggered: long trace names
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, baseline, LEFT + plotWidth, baseline);
        g.drawLine(LEFT, TOP, LEFT, baseline);

        int legendX = LEFT + plotWidth + 20;
        for (int s = 0; s < subjects.size(); s++) {
            int y = TOP + 10 + s * 24;
            g.setColor(colour(subjects.get(s)));
            g.fillRect(legendX, y, 16, 16);
            g.setColor(Color.BLACK);
            g.drawString(subjects.get(s), legendX + 24, y + 13);
        }
    }

    private static void drawCentred(Graphics2D g, String text, int centre, int y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, centre - metrics.stringWidth(text) / 2, y);
    }

    private static String decadeLabel(int decade) {
        double value = Math.pow(10, decade);
        if (decade >= 6) {
            return (long) (value / 1e6) + " ms";
        }
        if (decade >= 3) {
            return (long) (value / 1e3) + " us";
        }
        return decade >= 0 ? (long) value + " ns" : value + " ns";
    }

    /** Ours in greens and blues, our ByteBuffer slices paler, Netty in reds, malloc grey, the JDK in purple. */
    private static Color colour(String subject) {
        switch (subject) {
            case "netty-pooled":
                return new Color(210, 40, 30);
            case "netty-pooled-nocache":
                return new Color(240, 150, 130);
            case "netty-adaptive":
                return new Color(230, 130, 0);
            case "netty-adaptive-nocache":
                return new Color(245, 205, 120);
            case "malloc":
                return new Color(100, 100, 100);
            case "arena-confined":
                return new Color(130, 60, 170);
            default:
                break;
        }
        if (subject.startsWith("memory(")) {
            return new Color(190, 120, 220);
        }
        String allocator = subject.replace("+ByteBuffer", "");
        Color base;
        switch (allocator) {
            case "tlsf":
                base = new Color(0, 130, 60);
                break;
            case "buddy":
                base = new Color(0, 80, 180);
                break;
            case "slab":
                base = new Color(0, 160, 170);
                break;
            default:
                base = new Color(100, 150, 30);
        }
        return subject.endsWith("+ByteBuffer") ? blend(base) : base;
    }

    private static Color blend(Color color) {
        return new Color((color.getRed() + 2 * 255) / 3, (color.getGreen() + 2 * 255) / 3,
                (color.getBlue() + 2 * 255) / 3);
    }
}
