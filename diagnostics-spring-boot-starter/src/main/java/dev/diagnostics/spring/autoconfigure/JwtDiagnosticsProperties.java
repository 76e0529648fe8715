package dev.diagnostics.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code jwt} check under {@code diagnostics.jwt}. The key is never copied here: name the
 * property or environment variable that holds it, or define a java-jwt {@code Algorithm} (or a
 * {@code dev.diagnostics.jwt.JwtKey}) bean. Only binds: the core builders validate every value.
 */
@ConfigurationProperties("diagnostics.jwt")
public class JwtDiagnosticsProperties {

    /**
     * Whether to check the application's JWT key (strength, self-test, same key on every instance) when one is
     * configured by 'secret-property', 'secret-env' or an Algorithm or JwtKey bean.
     */
    private boolean enabled = true;

    /**
     * Name of the property that holds the HMAC secret, for example 'app.jwt.secret'. Its value is read, never
     * shown; a missing or blank value makes the check DOWN.
     */
    private String secretProperty;

    /**
     * Name of the environment variable that holds the HMAC secret, for example 'JWT_SECRET'.
     */
    private String secretEnv;

    /**
     * How the secret's text becomes key bytes: 'text' (its UTF-8 bytes, as java-jwt's HMAC256(String) uses them),
     * 'base64' or 'hex'.
     */
    private String secretEncoding = "text";

    /**
     * The JWS algorithm of the secret: HS256, HS384 or HS512.
     */
    private String algorithm = "HS256";

    /**
     * The 'iss' that issued tokens carry and the verifier requires; the self-test signs and verifies with it.
     */
    private String issuer;

    /**
     * The 'aud' values that issued tokens carry and the verifier requires.
     */
    private List<String> audience = new ArrayList<>();

    /**
     * Clock tolerance of the verifier for exp, nbf and iat.
     */
    private Duration leeway = Duration.ZERO;

    /**
     * Whether a missing or weak key, or a failed self-test, stops startup instead of making the check DOWN.
     */
    private boolean strict = false;

    /**
     * The key fingerprint every instance must have (as the check shows it); a different one is DOWN.
     */
    private String expectedFingerprint;

    /**
     * This instance's id among the service's instances; default: host name and process id.
     */
    private String instanceId;

    /**
     * How often this instance publishes its key fingerprint to the registry.
     */
    private Duration publishInterval = Duration.ofSeconds(10);

    /**
     * How long an instance that stopped publishing stays in the comparison; default 3 times the publish interval.
     */
    private Duration instanceTtl;

    /**
     * How long one check waits for the registry and the Redis clock.
     */
    private Duration registryTimeout = Duration.ofMillis(300);

    /**
     * Bad signatures within the window that make the check DEGRADED ("tokens signed with another secret").
     */
    private int badSignatureThreshold = 10;

    /**
     * The window of the bad-signature count.
     */
    private Duration badSignatureWindow = Duration.ofMinutes(1);

    /**
     * Tokens longer than this are rejected by the classifier without decoding them.
     */
    private int maxTokenLength = 8192;

    private final Registry registry = new Registry();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSecretProperty() {
        return this.secretProperty;
    }

    public void setSecretProperty(String secretProperty) {
        this.secretProperty = secretProperty;
    }

    public String getSecretEnv() {
        return this.secretEnv;
    }

    public void setSecretEnv(String secretEnv) {
        this.secretEnv = secretEnv;
    }

    public String getSecretEncoding() {
        return this.secretEncoding;
    }

    public void setSecretEncoding(String secretEncoding) {
        this.secretEncoding = secretEncoding;
    }

    public String getAlgorithm() {
        return this.algorithm;
    }

    public void setAlgorithm(String algorithm) {
        this.algorithm = algorithm;
    }

    public String getIssuer() {
        return this.issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public List<String> getAudience() {
        return this.audience;
    }

    public void setAudience(List<String> audience) {
        this.audience = audience;
    }

    public Duration getLeeway() {
        return this.leeway;
    }

    public void setLeeway(Duration leeway) {
        this.leeway = leeway;
    }

    public boolean isStrict() {
        return this.strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public String getExpectedFingerprint() {
        return this.expectedFingerprint;
    }

    public void setExpectedFingerprint(String expectedFingerprint) {
        this.expectedFingerprint = expectedFingerprint;
    }

    public String getInstanceId() {
        return this.instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getPublishInterval() {
        return this.publishInterval;
    }

    public void setPublishInterval(Duration publishInterval) {
        this.publishInterval = publishInterval;
    }

    public Duration getInstanceTtl() {
        return this.instanceTtl;
    }

    public void setInstanceTtl(Duration instanceTtl) {
        this.instanceTtl = instanceTtl;
    }

    public Duration getRegistryTimeout() {
        return this.registryTimeout;
    }

    public void setRegistryTimeout(Duration registryTimeout) {
        this.registryTimeout = registryTimeout;
    }

    public int getBadSignatureThreshold() {
        return this.badSignatureThreshold;
    }

    public void setBadSignatureThreshold(int badSignatureThreshold) {
        this.badSignatureThreshold = badSignatureThreshold;
    }

    public Duration getBadSignatureWindow() {
        return this.badSignatureWindow;
    }

    public void setBadSignatureWindow(Duration badSignatureWindow) {
        this.badSignatureWindow = badSignatureWindow;
    }

    public int getMaxTokenLength() {
        return this.maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    public Registry getRegistry() {
        return this.registry;
    }

    /** Where instances compare their key fingerprints. */
    public static class Registry {

        /**
         * Whether to compare key fingerprints across instances through Redis, when the application has a Lettuce
         * connection factory (Spring Data Redis). Without Redis, instances are not compared.
         */
        private boolean enabled = true;

        /**
         * The Redis hash that holds the announcements; unique to the service. Default:
         * 'diagnostics:jwt:' followed by spring.application.name.
         */
        private String key;

        /**
         * Whether to measure this instance's clock skew against the Redis server's TIME.
         */
        private boolean clockSkew = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getKey() {
            return this.key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public boolean isClockSkew() {
            return this.clockSkew;
        }

        public void setClockSkew(boolean clockSkew) {
            this.clockSkew = clockSkew;
        }
    }
}
