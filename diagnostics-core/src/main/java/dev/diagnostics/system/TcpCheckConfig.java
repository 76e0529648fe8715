package dev.diagnostics.system;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link TcpCheck}: the targets and one deadline for resolving and connecting to all of them (they
 * are probed in parallel). Immutable; {@link #builder()} rejects a bad value at once, naming the property under the
 * {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.tcp}).
 */
public final class TcpCheckConfig {

    private final List<TcpTarget> targets;

    private final Duration deadline;

    private TcpCheckConfig(Builder builder) {
        this.targets = List.copyOf(builder.targets.values());
        this.deadline = builder.deadline;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<TcpTarget> targets() {
        return this.targets;
    }

    /** How long DNS resolution and the connection together may take, for every target at once. */
    public Duration deadline() {
        return this.deadline;
    }

    @Override
    public String toString() {
        return "TcpCheckConfig[targets=" + this.targets + ", deadline=" + this.deadline + "]";
    }

    /** Builds a {@link TcpCheckConfig}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, TcpTarget> targets = new LinkedHashMap<>();

        private Duration deadline = Duration.ofMillis(400);

        private String propertyPrefix = "diagnostics.tcp";

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.tcp}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Adds a target parsed from {@code host:port}, named after its key under {@code <prefix>.targets}. */
        public Builder target(String name, String hostAndPort) {
            return target(TcpTarget.parse(name, hostAndPort, this.propertyPrefix + ".targets." + name));
        }

        public Builder target(TcpTarget target) {
            Objects.requireNonNull(target, "target");
            if (target.port() < 1 || target.port() > 65535) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".targets." + target.name(),
                        "the port must be from 1 to 65535, was " + target.port());
            }
            if (this.targets.putIfAbsent(target.name(), target) != null) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".targets." + target.name(),
                        "another target has this name");
            }
            return this;
        }

        public Builder targets(Collection<TcpTarget> targets) {
            targets.forEach(this::target);
            return this;
        }

        /**
         * How long DNS and the connection together may take (targets are probed in parallel); positive, at most 1
         * minute. Keep it below the check's timeout. Default 400 ms.
         */
        public Builder deadline(Duration deadline) {
            InvalidConfigurationException.requirePositive(this.propertyPrefix + ".deadline", deadline);
            if (deadline.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".deadline",
                        "must be at most 1 minute, was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        public TcpCheckConfig build() {
            if (this.targets.isEmpty()) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".targets", "lists no target");
            }
            return new TcpCheckConfig(this);
        }
    }
}
