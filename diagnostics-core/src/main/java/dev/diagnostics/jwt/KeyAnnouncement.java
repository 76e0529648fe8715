package dev.diagnostics.jwt;

import java.time.Instant;
import java.util.Objects;

/**
 * What one instance tells the others through a {@link KeyFingerprintRegistry}: which key it uses, by fingerprint
 * only.
 *
 * @param instanceId the instance (a pod or host name), unique among the service's instances
 * @param fingerprint the key's {@link JwtKeyFingerprint}
 * @param algorithm the JWS algorithm name, such as {@code HS256}
 * @param publishedAt when the instance published it, by its own clock
 */
public record KeyAnnouncement(String instanceId, String fingerprint, String algorithm, Instant publishedAt) {

    public KeyAnnouncement {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** The form a registry stores: {@code fingerprint|algorithm|epochMillis}; none of them contains a '|'. */
    public String encode() {
        return this.fingerprint + "|" + this.algorithm + "|" + this.publishedAt.toEpochMilli();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @return the announcement, or {@code null} when the text is not one (another writer's value)
     */
    public static KeyAnnouncement decode(String instanceId, String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split("\\|");
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        try {
            return new KeyAnnouncement(instanceId, parts[0], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2])));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
