package dev.diagnostics.timing;

/** Fixed-point formatting of durations without {@code String.format}: locale-free, no boxing. */
final class Decimals {

    private Decimals() {
    }

    /** Nanoseconds rounded to tenths of a millisecond. */
    static long tenthsOfMillis(long nanos) {
        return (nanos + 50_000) / 100_000;
    }

    /** Appends tenths of a millisecond as {@code 12.3}. */
    static StringBuilder appendTenths(StringBuilder out, long tenths) {
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }

    /** Appends nanoseconds as milliseconds with one decimal. */
    static StringBuilder appendMillis(StringBuilder out, long nanos) {
        return appendTenths(out, tenthsOfMillis(Math.max(0, nanos)));
    }

    /** Nanoseconds as seconds with six decimals ({@code 0.012345}). */
    static String seconds(long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        long fraction = micros % 1_000_000;
        StringBuilder out = new StringBuilder(16).append(micros / 1_000_000).append('.');
        for (long digit = 100_000; digit > 1 && fraction < digit; digit /= 10) {
            out.append('0');
        }
        return out.append(fraction).toString();
    }
}
