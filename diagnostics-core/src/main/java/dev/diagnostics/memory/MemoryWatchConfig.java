package dev.diagnostics.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link MemoryWatcher}. Immutable; {@link #builder()} rejects a bad value at once, naming the
 * property under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.memory}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>sample-interval</td><td>5 s</td><td>how often the watcher reads GC time and process memory (100 ms to
 * 1 min); post-GC occupancy is read on every GC notification as well</td></tr>
 * <tr><td>heap-warning</td><td>0.80</td><td>old gen occupancy after GC, as a share of its maximum, from which the
 * level is WARN</td></tr>
 * <tr><td>heap-critical</td><td>0.90</td><td>the same, from which the level is CRITICAL</td></tr>
 * <tr><td>pressure-window</td><td>1 min</td><td>the levels are judged on the lowest occupancy after GC within this
 * window, so garbage not yet reclaimed (G1 before its next marking cycle) raises no alarm</td></tr>
 * <tr><td>trend-window</td><td>30 min</td><td>the window over which the post-GC floor's slope is fitted</td></tr>
 * <tr><td>leak-min-growth</td><td>0.02</td><td>the post-GC floor must have grown by at least this share of the
 * maximum over the window before a leak is reported</td></tr>
 * <tr><td>gc-overhead-window</td><td>1 min</td><td>the window over which the share of time spent in GC is
 * measured</td></tr>
 * <tr><td>gc-overhead-warning</td><td>0.10</td><td>share of wall time in GC from which the level is WARN</td></tr>
 * <tr><td>gc-overhead-critical</td><td>0.30</td><td>the same, CRITICAL (the JVM throws "GC overhead limit
 * exceeded" at 0.98)</td></tr>
 * <tr><td>process-warning</td><td>0.90</td><td>resident set size as a share of the container memory limit from
 * which the level is WARN</td></tr>
 * <tr><td>process-critical</td><td>0.97</td><td>the same, CRITICAL: the kernel's OOM killer is close</td></tr>
 * <tr><td>heap-dump.enabled</td><td>false</td><td>whether a heap dump of live objects is written when the level
 * becomes CRITICAL. Heap dumps contain every secret the process holds</td></tr>
 * <tr><td>heap-dump.directory</td><td>none</td><td>an existing directory for heap dumps; required when
 * enabled</td></tr>
 * <tr><td>heap-dump.min-interval</td><td>1 h</td><td>at most one heap dump per this interval</td></tr>
 * </table>
 */
public final class MemoryWatchConfig {

    private final Duration sampleInterval;

    private final double heapWarning;

    private final double heapCritical;

    private final Duration pressureWindow;

    private final Duration trendWindow;

    private final double leakMinGrowth;

    private final Duration gcOverheadWindow;

    private final double gcOverheadWarning;

    private final double gcOverheadCritical;

    private final double processWarning;

    private final double processCritical;

    private final boolean heapDumpEnabled;

    private final Path heapDumpDirectory;

    private final Duration heapDumpMinInterval;

    private MemoryWatchConfig(Builder builder) {
        this.sampleInterval = builder.sampleInterval;
        this.heapWarning = builder.heapWarning;
        this.heapCritical = builder.heapCritical;
        this.pressureWindow = builder.pressureWindow;
        this.trendWindow = builder.trendWindow;
        this.leakMinGrowth = builder.leakMinGrowth;
        this.gcOverheadWindow = builder.gcOverheadWindow;
        this.gcOverheadWarning = builder.gcOverheadWarning;
        this.gcOverheadCritical = builder.gcOverheadCritical;
        this.processWarning = builder.processWarning;
        this.processCritical = builder.processCritical;
        this.heapDumpEnabled = builder.heapDumpEnabled;
        this.heapDumpDirectory = builder.heapDumpDirectory;
        this.heapDumpMinInterval = builder.heapDumpMinInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MemoryWatchConfig defaults() {
        return builder().build();
    }

    /** How often GC time and process memory are read. */
    public Duration sampleInterval() {
        return this.sampleInterval;
    }

    /** Old gen occupancy after GC (share of its maximum) from which the level is WARN. */
    public double heapWarning() {
        return this.heapWarning;
    }

    /** Old gen occupancy after GC (share of its maximum) from which the level is CRITICAL. */
    public double heapCritical() {
        return this.heapCritical;
    }

    /** The levels are judged on the lowest occupancy after GC within this window. */
    public Duration pressureWindow() {
        return this.pressureWindow;
    }

    /** The window over which the post-GC floor's slope is fitted. */
    public Duration trendWindow() {
        return this.trendWindow;
    }

    /** The least growth of the post-GC floor over the window, as a share of the maximum, reported as a leak. */
    public double leakMinGrowth() {
        return this.leakMinGrowth;
    }

    /** The window over which GC overhead is measured. */
    public Duration gcOverheadWindow() {
        return this.gcOverheadWindow;
    }

    /** Share of wall time spent in GC from which the level is WARN. */
    public double gcOverheadWarning() {
        return this.gcOverheadWarning;
    }

    /** Share of wall time spent in GC from which the level is CRITICAL. */
    public double gcOverheadCritical() {
        return this.gcOverheadCritical;
    }

    /** Resident set size as a share of the container limit from which the level is WARN. */
    public double processWarning() {
        return this.processWarning;
    }

    /** Resident set size as a share of the container limit from which the level is CRITICAL. */
    public double processCritical() {
        return this.processCritical;
    }

    /** Whether a heap dump is written when the level becomes CRITICAL. */
    public boolean heapDumpEnabled() {
        return this.heapDumpEnabled;
    }

    /** Where heap dumps go; {@code null} unless heap dumps are enabled. */
    public Path heapDumpDirectory() {
        return this.heapDumpDirectory;
    }

    /** At most one heap dump per this interval. */
    public Duration heapDumpMinInterval() {
        return this.heapDumpMinInterval;
    }

    @Override
    public String toString() {
        return "MemoryWatchConfig[sampleInterval=" + this.sampleInterval + ", heap=" + this.heapWarning + "/"
                + this.heapCritical + " over " + this.pressureWindow + ", trendWindow=" + this.trendWindow + ", leakMinGrowth=" + this.leakMinGrowth
                + ", gcOverhead=" + this.gcOverheadWarning + "/" + this.gcOverheadCritical + " over "
                + this.gcOverheadWindow + ", process=" + this.processWarning + "/" + this.processCritical
                + ", heapDump=" + (this.heapDumpEnabled ? this.heapDumpDirectory : "off") + "]";
    }

    /** Builds a {@link MemoryWatchConfig}. Not thread-safe. */
    public static final class Builder {

        private String propertyPrefix = "diagnostics.memory";

        private Duration sampleInterval = Duration.ofSeconds(5);

        private double heapWarning = 0.80;

        private double heapCritical = 0.90;

        private Duration pressureWindow = Duration.ofMinutes(1);

        private Duration trendWindow = Duration.ofMinutes(30);

        private double leakMinGrowth = 0.02;

        private Duration gcOverheadWindow = Duration.ofMinutes(1);

        private double gcOverheadWarning = 0.10;

        private double gcOverheadCritical = 0.30;

        private double processWarning = 0.90;

        private double processCritical = 0.97;

        private boolean heapDumpEnabled;

        private Path heapDumpDirectory;

        private Duration heapDumpMinInterval = Duration.ofHours(1);

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.memory}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** How often GC time and process memory are read; 100 ms to 1 minute. Default 5 s. */
        public Builder sampleInterval(Duration sampleInterval) {
            this.sampleInterval = between("sample-interval", sampleInterval, Duration.ofMillis(100),
                    Duration.ofMinutes(1));
            return this;
        }

        /** Old gen share after GC from which the level is WARN; in (0, 1). Default 0.80. */
        public Builder heapWarning(double heapWarning) {
            this.heapWarning = share("heap-warning", heapWarning);
            return this;
        }

        /** Old gen share after GC from which the level is CRITICAL; in (0, 1], above heap-warning. Default 0.90. */
        public Builder heapCritical(double heapCritical) {
            this.heapCritical = share("heap-critical", heapCritical);
            return this;
        }

        /**
         * The levels are judged on the lowest occupancy after GC within this window; 1 second to 1 hour, at most the
         * trend window. Longer ignores more unreclaimed garbage, shorter reacts faster. Default 1 minute.
         */
        public Builder pressureWindow(Duration pressureWindow) {
            this.pressureWindow = between("pressure-window", pressureWindow, Duration.ofSeconds(1),
                    Duration.ofHours(1));
            return this;
        }

        /** The window of the leak trend; 10 seconds to 7 days. Default 30 minutes. */
        public Builder trendWindow(Duration trendWindow) {
            this.trendWindow = between("trend-window", trendWindow, Duration.ofSeconds(10), Duration.ofDays(7));
            return this;
        }

        /** The least growth over the window, as a share of the maximum, that is a leak; in (0, 1). Default 0.02. */
        public Builder leakMinGrowth(double leakMinGrowth) {
            this.leakMinGrowth = share("leak-min-growth", leakMinGrowth);
            return this;
        }

        /** The window of GC overhead; at least 1 second, at most 1 hour. Default 1 minute. */
        public Builder gcOverheadWindow(Duration gcOverheadWindow) {
            this.gcOverheadWindow = between("gc-overhead-window", gcOverheadWindow, Duration.ofSeconds(1),
                    Duration.ofHours(1));
            return this;
        }

        /** Share of wall time in GC from which the level is WARN; in (0, 1]. Default 0.10. */
        public Builder gcOverheadWarning(double gcOverheadWarning) {
            this.gcOverheadWarning = share("gc-overhead-warning", gcOverheadWarning);
            return this;
        }

        /** Share of wall time in GC from which the level is CRITICAL; in (0, 1]. Default 0.30. */
        public Builder gcOverheadCritical(double gcOverheadCritical) {
            this.gcOverheadCritical = share("gc-overhead-critical", gcOverheadCritical);
            return this;
        }

        /** RSS share of the container limit from which the level is WARN; in (0, 1]. Default 0.90. */
        public Builder processWarning(double processWarning) {
            this.processWarning = share("process-warning", processWarning);
            return this;
        }

        /** RSS share of the container limit from which the level is CRITICAL; in (0, 1]. Default 0.97. */
        public Builder processCritical(double processCritical) {
            this.processCritical = share("process-critical", processCritical);
            return this;
        }

        /**
         * Writes a heap dump of live objects to {@code directory} when the level becomes CRITICAL, at most once per
         * {@code minInterval}. The directory must exist when the watcher starts. A heap dump holds every secret in
         * the process's memory (passwords, tokens, personal data): keep the directory private.
         *
         * @param directory an existing directory, not a symbolic link
         * @param minInterval at least 1 minute
         * @throws InvalidConfigurationException when the directory does not exist, is not a directory or is a
         *         symbolic link
         */
        public Builder heapDump(Path directory, Duration minInterval) {
            if (directory == null) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".heap-dump.directory",
                        "must be set when heap dumps are enabled");
            }
            HeapDumps.validate(directory, this.propertyPrefix + ".heap-dump.directory");
            this.heapDumpMinInterval = between("heap-dump.min-interval", minInterval, Duration.ofMinutes(1),
                    Duration.ofDays(365));
            this.heapDumpEnabled = true;
            this.heapDumpDirectory = directory;
            return this;
        }

        public MemoryWatchConfig build() {
            if (this.heapCritical <= this.heapWarning) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".heap-critical",
                        "must be above heap-warning (" + this.heapWarning + "), was " + this.heapCritical);
            }
            if (this.gcOverheadCritical <= this.gcOverheadWarning) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".gc-overhead-critical",
                        "must be above gc-overhead-warning (" + this.gcOverheadWarning + "), was "
                                + this.gcOverheadCritical);
            }
            if (this.processCritical <= this.processWarning) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".process-critical",
                        "must be above process-warning (" + this.processWarning + "), was " + this.processCritical);
            }
            if (this.pressureWindow.compareTo(this.trendWindow) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".pressure-window",
                        "must be at most trend-window (" + this.trendWindow + "), was " + this.pressureWindow);
            }
            if (this.trendWindow.compareTo(this.sampleInterval.multipliedBy(4)) < 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".trend-window",
                        "must be at least 4 sample intervals (" + this.sampleInterval.multipliedBy(4) + "), was "
                                + this.trendWindow);
            }
            return new MemoryWatchConfig(this);
        }

        private double share(String property, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new InvalidConfigurationException(this.propertyPrefix + "." + property,
                        "must be greater than 0 and at most 1, was " + value);
            }
            return value;
        }

        private Duration between(String property, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + "." + property,
                        "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }
    }
}
