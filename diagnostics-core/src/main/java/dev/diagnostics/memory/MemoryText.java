package dev.diagnostics.memory;

import java.util.Locale;

/** Sizes, rates and durations as people read them in a diagnosis. MB means 1024 x 1024 bytes, as the JVM counts. */
final class MemoryText {

    private MemoryText() {
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    static String ratePerMinute(double bytesPerSecond) {
        double perMinute = bytesPerSecond * 60;
        return bytes((long) perMinute) + "/min";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String about(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "an unknown time";
        }
        if (seconds < 90) {
            return "about " + Math.max(1, Math.round(seconds)) + " s";
        }
        if (seconds < 90 * 60) {
            return "about " + Math.round(seconds / 60) + " min";
        }
        if (seconds < 48 * 3600) {
            return "about " + Math.round(seconds / 3600) + " h";
        }
        return "about " + Math.round(seconds / 86400) + " days";
    }

    static String window(double seconds) {
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 2 * 3600) {
            return Math.round(seconds / 60) + " min";
        }
        return Math.round(seconds / 3600) + " h";
    }
}
