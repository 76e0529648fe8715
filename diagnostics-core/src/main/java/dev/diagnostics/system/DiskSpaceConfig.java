package dev.diagnostics.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link DiskSpaceCheck}. Immutable; {@link #builder()} rejects a bad value at once, naming the
 * property under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.disk-space}).
 *
 * <p>A level (DEGRADED, DOWN) is reached when the free space is below <em>both</em> its absolute and its percentage
 * threshold, so a large disk is not flagged for a small percentage that is still many gigabytes, nor a small volume
 * for a few hundred megabytes that are most of it. A threshold of 0 is not used (the other one alone decides); a level
 * with both at 0 is never reached.
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>paths</td><td>the working directory and {@code java.io.tmpdir}</td><td>paths whose store is checked</td></tr>
 * <tr><td>warning-free</td><td>1 GiB</td><td>DEGRADED below this many free bytes ...</td></tr>
 * <tr><td>warning-free-percent</td><td>10</td><td>... and below this share of the store</td></tr>
 * <tr><td>critical-free</td><td>100 MiB</td><td>DOWN below this many free bytes ...</td></tr>
 * <tr><td>critical-free-percent</td><td>2</td><td>... and below this share of the store</td></tr>
 * </table>
 */
public final class DiskSpaceConfig {

    private static final long MIB = 1024L * 1024;

    private final List<Path> paths;

    private final long warningFree;

    private final double warningFreePercent;

    private final long criticalFree;

    private final double criticalFreePercent;

    private DiskSpaceConfig(Builder builder) {
        this.paths = List.copyOf(builder.paths);
        this.warningFree = builder.warningFree;
        this.warningFreePercent = builder.warningFreePercent;
        this.criticalFree = builder.criticalFree;
        this.criticalFreePercent = builder.criticalFreePercent;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DiskSpaceConfig defaults() {
        return builder().build();
    }

    /** The working directory and the temporary directory. */
    public static List<Path> defaultPaths() {
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(Path.of(System.getProperty("user.dir", ".")).toAbsolutePath());
        paths.add(Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath());
        return new ArrayList<>(paths);
    }

    public List<Path> paths() {
        return this.paths;
    }

    /** Free bytes below which (with {@link #warningFreePercent()}) the check is DEGRADED; 0 when not used. */
    public long warningFree() {
        return this.warningFree;
    }

    /** Free share in percent below which (with {@link #warningFree()}) the check is DEGRADED; 0 when not used. */
    public double warningFreePercent() {
        return this.warningFreePercent;
    }

    /** Free bytes below which (with {@link #criticalFreePercent()}) the check is DOWN; 0 when not used. */
    public long criticalFree() {
        return this.criticalFree;
    }

    /** Free share in percent below which (with {@link #criticalFree()}) the check is DOWN; 0 when not used. */
    public double criticalFreePercent() {
        return this.criticalFreePercent;
    }

    @Override
    public String toString() {
        return "DiskSpaceConfig[paths=" + this.paths + ", warning=" + this.warningFree + " B/"
                + this.warningFreePercent + "%, critical=" + this.criticalFree + " B/" + this.criticalFreePercent
                + "%]";
    }

    /** Builds a {@link DiskSpaceConfig}. Not thread-safe. */
    public static final class Builder {

        private List<Path> paths = defaultPaths();

        private long warningFree = 1024 * MIB;

        private double warningFreePercent = 10;

        private long criticalFree = 100 * MIB;

        private double criticalFreePercent = 2;

        private String propertyPrefix = "diagnostics.disk-space";

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.disk-space}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** The paths whose file store is checked; at least one. Default: working and temporary directories. */
        public Builder paths(Collection<Path> paths) {
            if (paths == null || paths.isEmpty() || paths.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".paths",
                        "must list at least one path, was " + paths);
            }
            this.paths = new ArrayList<>(new LinkedHashSet<>(paths));
            return this;
        }

        /** DEGRADED below this many free bytes (and the percentage); 0 to use the percentage alone. */
        public Builder warningFree(long bytes) {
            this.warningFree = bytes(".warning-free", bytes);
            return this;
        }

        /** DEGRADED below this free percentage (and the bytes); 0 to use the bytes alone. In [0, 100). */
        public Builder warningFreePercent(double percent) {
            this.warningFreePercent = percent(".warning-free-percent", percent);
            return this;
        }

        /** DOWN below this many free bytes (and the percentage); 0 to use the percentage alone. */
        public Builder criticalFree(long bytes) {
            this.criticalFree = bytes(".critical-free", bytes);
            return this;
        }

        /** DOWN below this free percentage (and the bytes); 0 to use the bytes alone. In [0, 100). */
        public Builder criticalFreePercent(double percent) {
            this.criticalFreePercent = percent(".critical-free-percent", percent);
            return this;
        }

        public DiskSpaceConfig build() {
            if (this.criticalFree > this.warningFree && this.warningFree > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".critical-free",
                        "must not be above warning-free (" + this.warningFree + " bytes), was " + this.criticalFree);
            }
            if (this.criticalFreePercent > this.warningFreePercent && this.warningFreePercent > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".critical-free-percent",
                        "must not be above warning-free-percent (" + this.warningFreePercent + "), was "
                                + this.criticalFreePercent);
            }
            return new DiskSpaceConfig(this);
        }

        private long bytes(String suffix, long bytes) {
            if (bytes < 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + suffix,
                        "must not be negative, was " + bytes);
            }
            return bytes;
        }

        private double percent(String suffix, double percent) {
            if (!(percent >= 0 && percent < 100)) {
                throw new InvalidConfigurationException(this.propertyPrefix + suffix,
                        "must be at least 0 and below 100, was " + percent);
            }
            return percent;
        }
    }
}
