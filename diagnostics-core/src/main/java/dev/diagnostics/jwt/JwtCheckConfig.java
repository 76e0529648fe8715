package dev.diagnostics.jwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link JwtCheck}. Immutable; {@link #builder()} rejects a bad value at once, naming the property
 * under the {@linkplain Builder#propertyPrefix(String) prefix} (default {@code diagnostics.jwt}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>issuer</td><td>none</td><td>the {@code iss} issued tokens carry and the verifier requires</td></tr>
 * <tr><td>audience</td><td>none</td><td>the {@code aud} values issued tokens carry and the verifier requires</td></tr>
 * <tr><td>leeway</td><td>0</td><td>clock tolerance of {@code exp}, {@code nbf}, {@code iat}; at most 5 min</td></tr>
 * <tr><td>strict</td><td>false</td><td>a missing or weak key, or a failed self-test, fails startup</td></tr>
 * <tr><td>expected-fingerprint</td><td>none</td><td>the fingerprint every instance must have</td></tr>
 * <tr><td>instance-id</td><td>host:pid</td><td>this instance in the registry</td></tr>
 * <tr><td>publish-interval</td><td>10 s</td><td>how often the fingerprint is published (1 s to 10 min)</td></tr>
 * <tr><td>instance-ttl</td><td>3 x publish-interval</td><td>an instance silent this long is left out</td></tr>
 * <tr><td>registry-timeout</td><td>300 ms</td><td>how long a check waits for the registry and its clock</td></tr>
 * <tr><td>bad-signature-threshold</td><td>10</td><td>bad signatures within the window that make the check
 * DEGRADED</td></tr>
 * <tr><td>bad-signature-window</td><td>1 min</td><td>the window of that count</td></tr>
 * <tr><td>max-token-length</td><td>8192</td><td>longer tokens are rejected without decoding</td></tr>
 * </table>
 */
public final class JwtCheckConfig {

    /** Default {@code max-token-length}: far above any real token, far below what would cost CPU to decode. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");

    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final String issuer;

    private final List<String> audience;

    private final Duration leeway;

    private final boolean strict;

    private final String expectedFingerprint;

    private final String instanceId;

    private final Duration publishInterval;

    private final Duration instanceTtl;

    private final Duration registryTimeout;

    private final int badSignatureThreshold;

    private final Duration badSignatureWindow;

    private final int maxTokenLength;

    private final String propertyPrefix;

    private JwtCheckConfig(Builder builder) {
        this.issuer = builder.issuer;
        this.audience = List.copyOf(builder.audience);
        this.leeway = builder.leeway;
        this.strict = builder.strict;
        this.expectedFingerprint = builder.expectedFingerprint;
        this.instanceId = (builder.instanceId != null) ? builder.instanceId : defaultInstanceId();
        this.publishInterval = builder.publishInterval;
        this.instanceTtl = (builder.instanceTtl != null) ? builder.instanceTtl : builder.publishInterval.multipliedBy(3);
        if (this.instanceTtl.compareTo(this.publishInterval) <= 0) {
            throw new InvalidConfigurationException(builder.propertyPrefix + ".instance-ttl",
                    "must be longer than publish-interval (" + this.publishInterval + "), was " + this.instanceTtl);
        }
        this.registryTimeout = builder.registryTimeout;
        this.badSignatureThreshold = builder.badSignatureThreshold;
        this.badSignatureWindow = builder.badSignatureWindow;
        this.maxTokenLength = builder.maxTokenLength;
        this.propertyPrefix = builder.propertyPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static JwtCheckConfig defaults() {
        return builder().build();
    }

    /** The host name (the pod name in Kubernetes) and the process id. */
    static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            }
            catch (java.io.IOException ex) {
                host = "unknown-host";
            }
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "_") + ":" + ProcessHandle.current().pid();
        return (id.length() <= 128) ? id : id.substring(id.length() - 128);
    }

    public String issuer() {
        return this.issuer;
    }

    public List<String> audience() {
        return this.audience;
    }

    public Duration leeway() {
        return this.leeway;
    }

    public boolean strict() {
        return this.strict;
    }

    public String expectedFingerprint() {
        return this.expectedFingerprint;
    }

    public String instanceId() {
        return this.instanceId;
    }

    public Duration publishInterval() {
        return this.publishInterval;
    }

    public Duration instanceTtl() {
        return this.instanceTtl;
    }

    public Duration registryTimeout() {
        return this.registryTimeout;
    }

    public int badSignatureThreshold() {
        return this.badSignatureThreshold;
    }

    public Duration badSignatureWindow() {
        return this.badSignatureWindow;
    }

    public int maxTokenLength() {
        return this.maxTokenLength;
    }

    /** The prefix properties are named after in error messages. */
    public String propertyPrefix() {
        return this.propertyPrefix;
    }

    @Override
    public String toString() {
        return "JwtCheckConfig[issuer=" + this.issuer + ", audience=" + this.audience + ", leeway=" + this.leeway
                + ", strict=" + this.strict + ", instanceId=" + this.instanceId + ", publishInterval="
                + this.publishInterval + ", instanceTtl=" + this.instanceTtl + "]";
    }

    /** Builds a {@link JwtCheckConfig}. Not thread-safe. */
    public static final class Builder {

        private String issuer;

        private final List<String> audience = new ArrayList<>();

        private Duration leeway = Duration.ZERO;

        private boolean strict;

        private String expectedFingerprint;

        private String instanceId;

        private Duration publishInterval = Duration.ofSeconds(10);

        private Duration instanceTtl;

        private Duration registryTimeout = Duration.ofMillis(300);

        private int badSignatureThreshold = 10;

        private Duration badSignatureWindow = Duration.ofMinutes(1);

        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;

        private String propertyPrefix = "diagnostics.jwt";

        private Builder() {
        }

        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** The {@code iss} issued tokens carry and the verifier requires; {@code null} or blank for none. */
        public Builder issuer(String issuer) {
            this.issuer = (issuer == null || issuer.isBlank()) ? null : issuer.strip();
            return this;
        }

        /** The {@code aud} values issued tokens carry and the verifier requires. */
        public Builder audience(List<String> audience) {
            this.audience.clear();
            if (audience != null) {
                audience.stream().filter((value) -> value != null && !value.isBlank()).map(String::strip)
                        .forEach(this.audience::add);
            }
            return this;
        }

        /** Clock tolerance; 0 to 5 minutes. */
        public Builder leeway(Duration leeway) {
            if (leeway == null || leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
                throw invalid("leeway", "must be between 0 and 5 minutes, was " + leeway);
            }
            this.leeway = leeway;
            return this;
        }

        /** Whether a missing or weak key, or a failed self-test, fails startup instead of making the check DOWN. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** The fingerprint every instance must have (from a deployment's known key); {@code null} for none. */
        public Builder expectedFingerprint(String expectedFingerprint) {
            if (expectedFingerprint != null && !expectedFingerprint.isBlank()
                    && !FINGERPRINT.matcher(expectedFingerprint.strip()).matches()) {
                throw invalid("expected-fingerprint", "must be 8 to 64 letters, digits, '-' or '_' (a fingerprint"
                        + " the jwt check shows), was " + expectedFingerprint.length() + " characters");
            }
            this.expectedFingerprint = (expectedFingerprint == null || expectedFingerprint.isBlank()) ? null
                    : expectedFingerprint.strip();
            return this;
        }

        /** This instance's id in the registry; {@code null} for host:pid. */
        public Builder instanceId(String instanceId) {
            if (instanceId != null && !instanceId.isBlank() && !INSTANCE_ID.matcher(instanceId).matches()) {
                throw invalid("instance-id", "must be 1 to 128 letters, digits or ._:@/-, was '" + instanceId + "'");
            }
            this.instanceId = (instanceId == null || instanceId.isBlank()) ? null : instanceId;
            return this;
        }

        /** How often this instance publishes its fingerprint; 1 s to 10 min. */
        public Builder publishInterval(Duration publishInterval) {
            this.publishInterval = between("publish-interval", publishInterval, Duration.ofSeconds(1),
                    Duration.ofMinutes(10));
            return this;
        }

        /** How long an instance stays in the comparison without publishing; longer than the interval. */
        public Builder instanceTtl(Duration instanceTtl) {
            this.instanceTtl = (instanceTtl != null) ? between("instance-ttl", instanceTtl, Duration.ofSeconds(2),
                    Duration.ofHours(1)) : null;
            return this;
        }

        /** How long one check waits for the registry or its clock; 10 ms to 10 s. */
        public Builder registryTimeout(Duration registryTimeout) {
            this.registryTimeout = between("registry-timeout", registryTimeout, Duration.ofMillis(10),
                    Duration.ofSeconds(10));
            return this;
        }

        /** Bad signatures within the window that make the check DEGRADED; 1 to 1,000,000. */
        public Builder badSignatureThreshold(int badSignatureThreshold) {
            if (badSignatureThreshold < 1 || badSignatureThreshold > 1_000_000) {
                throw invalid("bad-signature-threshold", "must be between 1 and 1000000, was " + badSignatureThreshold);
            }
            this.badSignatureThreshold = badSignatureThreshold;
            return this;
        }

        /** The window of the bad-signature count; 1 s to 1 h. */
        public Builder badSignatureWindow(Duration badSignatureWindow) {
            this.badSignatureWindow = between("bad-signature-window", badSignatureWindow, Duration.ofSeconds(1),
                    Duration.ofHours(1));
            return this;
        }

        /** Longer tokens are rejected before decoding; 256 to 1,048,576 characters. */
        public Builder maxTokenLength(int maxTokenLength) {
            if (maxTokenLength < 256 || maxTokenLength > 1 << 20) {
                throw invalid("max-token-length", "must be between 256 and 1048576, was " + maxTokenLength);
            }
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        public JwtCheckConfig build() {
            return new JwtCheckConfig(this);
        }

        private Duration between(String field, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw invalid(field, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        private InvalidConfigurationException invalid(String field, String message) {
            return new InvalidConfigurationException(this.propertyPrefix + "." + field, message);
        }
    }
}
