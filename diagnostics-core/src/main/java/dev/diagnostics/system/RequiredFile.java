package dev.diagnostics.system;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.diagnostics.InvalidConfigurationException;

/**
 * A file the application needs (a model, a key, reference data): where it is, the size it must have and, optionally,
 * the SHA-256 it must match. Immutable; {@link #builder(String, Path)} rejects a bad value at once, naming the
 * property under its {@linkplain Builder#propertyPrefix(String) prefix}.
 */
public final class RequiredFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    private final String name;

    private final Path path;

    private final long minSize;

    private final long maxSize;

    private final String sha256;

    private final String propertyPrefix;

    private RequiredFile(Builder builder) {
        this.name = builder.name;
        this.path = builder.path;
        this.minSize = builder.minSize;
        this.maxSize = builder.maxSize;
        this.sha256 = builder.sha256;
        this.propertyPrefix = builder.propertyPrefix;
    }

    /**
     * @param name a short label shown in results: letters, digits, '_', '.', '-', at most 64
     * @param path where the file is
     */
    public static Builder builder(String name, Path path) {
        return new Builder(name, path, "diagnostics.files.required." + name);
    }

    /**
     * A builder whose messages name the file's properties under the given prefix, from the start (a missing path is
     * reported as {@code <propertyPrefix>.path}).
     */
    public static Builder builder(String name, Path path, String propertyPrefix) {
        return new Builder(name, path, Objects.requireNonNull(propertyPrefix, "propertyPrefix"));
    }

    public String name() {
        return this.name;
    }

    public Path path() {
        return this.path;
    }

    /** The smallest acceptable size in bytes; 0 accepts an empty file. */
    public long minSize() {
        return this.minSize;
    }

    /** The largest acceptable size in bytes; {@link Long#MAX_VALUE} when unbounded. */
    public long maxSize() {
        return this.maxSize;
    }

    /** The expected SHA-256 in lowercase hex, or {@code null} when the content is not verified. */
    public String sha256() {
        return this.sha256;
    }

    /** Where this file's settings live, to name them in diagnoses ({@code diagnostics.files.required.model}). */
    public String propertyPrefix() {
        return this.propertyPrefix;
    }

    @Override
    public String toString() {
        return "RequiredFile[" + this.name + ", " + this.path + ", size " + this.minSize + ".." + this.maxSize
                + ((this.sha256 != null) ? ", sha256" : "") + "]";
    }

    /** Builds a {@link RequiredFile}. Not thread-safe. */
    public static final class Builder {

        private final String name;

        private final Path path;

        private long minSize;

        private long maxSize = Long.MAX_VALUE;

        private String sha256;

        private String propertyPrefix;

        private Builder(String name, Path path, String propertyPrefix) {
            this.propertyPrefix = propertyPrefix;
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidConfigurationException(propertyPrefix, "file names are 1-64 letters,"
                        + " digits, '_', '.' or '-', starting with a letter or digit; was '" + name + "'");
            }
            if (path == null) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".path", "must be set");
            }
            this.name = name;
            this.path = path;
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.files.required.<name>}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** The smallest acceptable size in bytes, at least 0. Default 0. */
        public Builder minSize(long minSize) {
            if (minSize < 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".min-size",
                        "must not be negative, was " + minSize);
            }
            this.minSize = minSize;
            return this;
        }

        /** The largest acceptable size in bytes, at least 1. Default unbounded. */
        public Builder maxSize(long maxSize) {
            if (maxSize < 1) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".max-size",
                        "must be at least 1 byte, was " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /**
         * The SHA-256 the content must match, as 64 hex digits (as {@code sha256sum} prints it; case does not
         * matter), or {@code null} not to verify the content.
         */
        public Builder sha256(String sha256) {
            if (sha256 == null || sha256.isBlank()) {
                this.sha256 = null;
                return this;
            }
            String normalized = sha256.strip().toLowerCase(Locale.ROOT);
            if (!SHA_256.matcher(normalized).matches()) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".sha256",
                        "must be 64 hexadecimal digits (as sha256sum prints it); was " + sha256.strip().length()
                                + " characters");
            }
            this.sha256 = normalized;
            return this;
        }

        public RequiredFile build() {
            if (this.minSize > this.maxSize) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".min-size",
                        "must not be above max-size (" + this.maxSize + "), was " + this.minSize);
            }
            return new RequiredFile(this);
        }
    }
}
