package dev.diagnostics.system;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Settings of the {@link TlsCheck}: local certificate sources, remote endpoints, how early an expiry is reported, the
 * handshake deadline, and the trust store endpoints are judged against. Immutable; {@link #builder()} rejects a bad
 * value at once, naming the property under the {@linkplain Builder#propertyPrefix(String) prefix} (default
 * {@code diagnostics.tls}).
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>expiry-warning</td><td>30 days</td><td>DEGRADED when a certificate expires sooner</td></tr>
 * <tr><td>handshake-timeout</td><td>400 ms</td><td>DNS, connect and handshake of one endpoint (endpoints run in
 * parallel)</td></tr>
 * <tr><td>trust store</td><td>the JDK's</td><td>what endpoints' chains must lead to</td></tr>
 * </table>
 */
public final class TlsCheckConfig {

    private final List<CertificateSource> sources;

    private final List<TlsEndpoint> endpoints;

    private final Duration expiryWarning;

    private final Duration handshakeTimeout;

    private final KeyStore trustStore;

    private TlsCheckConfig(Builder builder) {
        this.sources = List.copyOf(builder.sources.values());
        this.endpoints = List.copyOf(builder.endpoints.values());
        this.expiryWarning = builder.expiryWarning;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.trustStore = builder.trustStore;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<CertificateSource> sources() {
        return this.sources;
    }

    public List<TlsEndpoint> endpoints() {
        return this.endpoints;
    }

    /** A certificate expiring within this is reported DEGRADED. */
    public Duration expiryWarning() {
        return this.expiryWarning;
    }

    /** How long one endpoint's DNS, connect and handshake may take together. */
    public Duration handshakeTimeout() {
        return this.handshakeTimeout;
    }

    /** The trust store endpoints are judged against; {@code null} for the JDK's default. */
    public KeyStore trustStore() {
        return this.trustStore;
    }

    /** Whether there is anything to check. */
    public boolean isEmpty() {
        return this.sources.isEmpty() && this.endpoints.isEmpty();
    }

    @Override
    public String toString() {
        return "TlsCheckConfig[sources=" + this.sources + ", endpoints=" + this.endpoints + ", expiryWarning="
                + this.expiryWarning + ", handshakeTimeout=" + this.handshakeTimeout + "]";
    }

    /** Builds a {@link TlsCheckConfig}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, CertificateSource> sources = new LinkedHashMap<>();

        private final Map<String, TlsEndpoint> endpoints = new LinkedHashMap<>();

        private Duration expiryWarning = Duration.ofDays(30);

        private Duration handshakeTimeout = Duration.ofMillis(400);

        private KeyStore trustStore;

        private String propertyPrefix = "diagnostics.tls";

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.tls}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Adds a local source; names are unique across sources and endpoints. */
        public Builder source(CertificateSource source) {
            Objects.requireNonNull(source, "source");
            unique(source.name());
            this.sources.put(source.name(), source);
            return this;
        }

        /** Adds a remote endpoint; names are unique across sources and endpoints. */
        public Builder endpoint(TlsEndpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            unique(endpoint.name());
            this.endpoints.put(endpoint.name(), endpoint);
            return this;
        }

        /** DEGRADED when a certificate expires within this; zero or positive, at most 10 years. Default 30 days. */
        public Builder expiryWarning(Duration expiryWarning) {
            if (expiryWarning == null || expiryWarning.isNegative()
                    || expiryWarning.compareTo(Duration.ofDays(3650)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".expiry-warning",
                        "must be from 0 to 3650 days, was " + expiryWarning);
            }
            this.expiryWarning = expiryWarning;
            return this;
        }

        /** DNS, connect and handshake of one endpoint; positive, at most 1 minute. Default 400 ms. */
        public Builder handshakeTimeout(Duration handshakeTimeout) {
            InvalidConfigurationException.requirePositive(this.propertyPrefix + ".handshake-timeout",
                    handshakeTimeout);
            if (handshakeTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new InvalidConfigurationException(this.propertyPrefix + ".handshake-timeout",
                        "must be at most 1 minute, was " + handshakeTimeout);
            }
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        /** The trust store endpoints' chains must lead to; {@code null} for the JDK's default. */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        /**
         * The trust store endpoints' chains must lead to, read now from a key store file (PKCS12, or JKS for a
         * {@code .jks} file, unless {@code type} says): every certificate in it is trusted, a key entry's by its
         * chain's last certificate. A file that cannot be read is a configuration error naming
         * {@code <prefix>.trust-store}, never showing the password.
         *
         * @param password the store's password, or {@code null}; used only to open it
         */
        public Builder trustStoreFile(Path path, String type, char[] password) {
            String property = this.propertyPrefix + ".trust-store";
            if (path == null) {
                throw new InvalidConfigurationException(property + ".path", "must be set");
            }
            try {
                List<CertificateSource.Entry> entries = CertificateSource.keyStore("trust-store", path, type, password)
                        .load();
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (CertificateSource.Entry entry : entries) {
                    store.setCertificateEntry("trusted-" + (i++), entry.chain().get(entry.chain().size() - 1));
                }
                this.trustStore = store;
                return this;
            }
            catch (Exception ex) {
                throw new InvalidConfigurationException(property, "the trust store " + path + " cannot be read: "
                        + dev.diagnostics.Redaction.describe(ex));
            }
        }

        public TlsCheckConfig build() {
            return new TlsCheckConfig(this);
        }

        private void unique(String name) {
            if (this.sources.containsKey(name) || this.endpoints.containsKey(name)) {
                throw new InvalidConfigurationException(this.propertyPrefix + "." + name,
                        "another certificate source or endpoint is named '" + name + "'");
            }
        }
    }
}
