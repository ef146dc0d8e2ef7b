package dev.allocator.cli;

import java.util.Locale;

/** Formats sizes for people: {@code 128 MiB}, {@code 1.5 KiB}, {@code 12 B}. */
final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** Three significant digits with a binary unit, e.g. {@code 407 MiB}, {@code 1.50 KiB}. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + UNITS[unit];
    }

    /** The exact size: a whole binary unit where it is one ({@code 128 MiB}), else bytes. */
    static String exact(long bytes) {
        if (bytes > 0) {
            int unit = 0;
            long value = bytes;
            while (value % 1024 == 0 && unit < UNITS.length - 1) {
                value /= 1024;
                unit++;
            }
            if (unit > 0) {
                return value + " " + UNITS[unit];
            }
        }
        return bytes + " bytes";
    }
}
