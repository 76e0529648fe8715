package dev.diagnostics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable outcome of one check: status, JSON-safe details, an optional {@link Diagnosis}, a sanitised error,
 * how long the check took and when it finished.
 *
 * <p>A {@link HealthCheck} builds one with {@link #up()}, {@link #degraded()}, {@link #down()} or
 * {@link #status(Status)}; the engine stamps the duration and time checked. Details accept only values that render
 * as JSON without surprises: strings, numbers, booleans, {@code null}, enums (as their name), {@link Duration} and
 * {@link Instant} (as ISO-8601 text), and lists and string-keyed maps of those. Anything else is rejected at once,
 * naming the detail, so no object's {@code toString()} can leak into a health endpoint.
 */
public final class CheckResult {

    private final Status status;

    private final Map<String, Object> details;

    private final Diagnosis diagnosis;

    private final String error;

    private final Duration duration;

    private final Instant checkedAt;

    private final Object original;

    private CheckResult(Status status, Map<String, Object> details, Diagnosis diagnosis, String error,
            Duration duration, Instant checkedAt, Object original) {
        this.status = status;
        this.details = details;
        this.diagnosis = diagnosis;
        this.error = error;
        this.duration = duration;
        this.checkedAt = checkedAt;
        this.original = original;
    }

    public static Builder up() {
        return new Builder(Status.UP);
    }

    public static Builder degraded() {
        return new Builder(Status.DEGRADED);
    }

    public static Builder down() {
        return new Builder(Status.DOWN);
    }

    public static Builder unknown() {
        return new Builder(Status.UNKNOWN);
    }

    public static Builder status(Status status) {
        return new Builder(Objects.requireNonNull(status, "status"));
    }

    public Status status() {
        return this.status;
    }

    /** Unmodifiable, in insertion order. */
    public Map<String, Object> details() {
        return this.details;
    }

    public Optional<Diagnosis> diagnosis() {
        return Optional.ofNullable(this.diagnosis);
    }

    /** The sanitised error, if the check failed with one. */
    public Optional<String> error() {
        return Optional.ofNullable(this.error);
    }

    /** How long the check ran; {@link Duration#ZERO} until the engine stamps it. */
    public Duration duration() {
        return this.duration;
    }

    /** When the check finished; {@code null} until the engine stamps it. */
    public Instant checkedAt() {
        return this.checkedAt;
    }

    /**
     * The result of another framework's own health probe that this result was adapted from (a Spring Boot
     * {@code Health}, a MicroProfile {@code HealthCheckResponse}), carried as it is so that framework's adapter can
     * show it exactly as the framework would, with details that need not be JSON-safe. Core never renders it: it is
     * not in {@link dev.diagnostics.json.HealthReportJson}'s output, nor in {@link #toString()}.
     *
     * @return the original result, if this one was adapted from one (see {@link dev.diagnostics.foreign.ForeignCheck})
     */
    public Optional<Object> original() {
        return Optional.ofNullable(this.original);
    }

    /** A copy with the engine's timing. */
    public CheckResult withTiming(Duration duration, Instant checkedAt) {
        return new CheckResult(this.status, this.details, this.diagnosis, this.error,
                Objects.requireNonNull(duration, "duration"), Objects.requireNonNull(checkedAt, "checkedAt"),
                this.original);
    }

    /** A copy with another status and everything else kept (used by hysteresis and criticality). */
    public CheckResult withStatus(Status status) {
        return new CheckResult(Objects.requireNonNull(status, "status"), this.details, this.diagnosis, this.error,
                this.duration, this.checkedAt, this.original);
    }

    /** A builder that starts from this result. */
    public Builder toBuilder() {
        Builder builder = new Builder(this.status);
        builder.details.putAll(this.details);
        builder.diagnosis = this.diagnosis;
        builder.error = this.error;
        builder.original = this.original;
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CheckResult that)) {
            return false;
        }
        return this.status == that.status && this.details.equals(that.details)
                && Objects.equals(this.diagnosis, that.diagnosis) && Objects.equals(this.error, that.error)
                && this.duration.equals(that.duration) && Objects.equals(this.checkedAt, that.checkedAt)
                && Objects.equals(this.original, that.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.status, this.details, this.diagnosis, this.error, this.duration, this.checkedAt,
                this.original);
    }

    /** Status, diagnosis code and duration only: details and errors stay out of logs that print results. */
    @Override
    public String toString() {
        return "CheckResult[" + this.status + ((this.diagnosis != null) ? ", " + this.diagnosis.code() : "")
                + ", " + this.duration.toMillis() + " ms]";
    }

    /** Builds a {@link CheckResult}. Not thread-safe. */
    public static final class Builder {

        private final Status status;

        private final Map<String, Object> details = new LinkedHashMap<>();

        private Diagnosis diagnosis;

        private String error;

        private Object original;

        private Builder(Status status) {
            this.status = status;
        }

        /**
         * Adds a detail.
         *
         * @throws IllegalArgumentException naming the key when the value is not JSON-safe
         */
        public Builder detail(String key, Object value) {
            Objects.requireNonNull(key, "detail key");
            this.details.put(key, jsonSafe(key, value));
            return this;
        }

        /** Adds every entry as a detail, with the same rules as {@link #detail(String, Object)}. */
        public Builder details(Map<String, ?> details) {
            details.forEach(this::detail);
            return this;
        }

        public Builder diagnosis(Diagnosis diagnosis) {
            this.diagnosis = diagnosis;
            return this;
        }

        public Builder diagnosis(String code, String cause, String remedy) {
            return diagnosis(Diagnosis.of(code, cause, remedy));
        }

        /** Sets the error to a one-line, masked description of the failure (no stack trace). */
        public Builder error(Throwable failure) {
            this.error = (failure != null) ? Redaction.describe(failure) : null;
            return this;
        }

        /** Sets the error text; secrets in it are masked. */
        public Builder error(String error) {
            this.error = Redaction.redact(error);
            return this;
        }

        /**
         * Carries the framework result this one was adapted from; see {@link CheckResult#original()}. Only the adapter
         * of the framework that produced it reads it back.
         */
        public Builder original(Object original) {
            this.original = original;
            return this;
        }

        public CheckResult build() {
            return new CheckResult(this.status, Collections.unmodifiableMap(new LinkedHashMap<>(this.details)),
                    this.diagnosis, this.error, Duration.ZERO, null, this.original);
        }

        private static Object jsonSafe(String key, Object value) {
            if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                    || value instanceof Long || value instanceof Double || value instanceof Float
                    || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
                    || value instanceof BigInteger) {
                return value;
            }
            if (value instanceof Character || value instanceof Enum<?>) {
                return (value instanceof Enum<?> e) ? e.name() : value.toString();
            }
            if (value instanceof Duration || value instanceof Instant) {
                return value.toString();
            }
            if (value instanceof Collection<?> collection) {
                List<Object> copy = new ArrayList<>(collection.size());
                for (Object element : collection) {
                    copy.add(jsonSafe(key + "[]", element));
                }
                return Collections.unmodifiableList(copy);
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String name)) {
                        throw new IllegalArgumentException("Detail '" + key + "' is a map with a non-string key");
                    }
                    copy.put(name, jsonSafe(key + "." + name, entry.getValue()));
                }
                return Collections.unmodifiableMap(copy);
            }
            throw new IllegalArgumentException("Detail '" + key + "' has type " + value.getClass().getName()
                    + ", which is not JSON-safe; use a string, number, boolean, enum, Duration, Instant, list or map");
        }
    }
}
