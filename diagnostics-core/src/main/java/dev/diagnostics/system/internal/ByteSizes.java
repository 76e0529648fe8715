package dev.diagnostics.system.internal;

import java.util.Locale;

/** Byte counts for people: {@code 812 MB}, {@code 3.4 GB} (binary units, as {@code df -h} shows them). */
public final class ByteSizes {

    private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB", "PB", "EB" };

    private ByteSizes() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return ((value < 10) ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value))
                + " " + UNITS[unit];
    }
}
