package dev.diagnostics.jwt;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The key material the {@code jwt} check assesses and fingerprints: an HMAC secret, or an RSA or EC public key with
 * its private key when this instance signs tokens too.
 *
 * <p>Immutable; the secret is copied in and never handed out except to the library's own signing and fingerprinting
 * code. {@link #toString()} names the algorithm and the kind of key only, never the key.
 */
public final class JwtKey {

    /** How a secret given as text turns into key bytes. */
    public enum SecretEncoding {

        /** The text's UTF-8 bytes, as {@code Algorithm.HMAC256(String)} of java-jwt uses them. */
        TEXT,

        /** Standard or URL-safe Base64, with or without padding. */
        BASE64,

        /** Hexadecimal digits. */
        HEX;

        /** The encoding of a setting's value, in any case. */
        public static SecretEncoding of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            catch (RuntimeException ex) {
                throw new IllegalArgumentException("must be one of text, base64 or hex, was '" + name + "'");
            }
        }
    }

    private final JwtAlgorithm algorithm;

    private final byte[] secret;

    private final boolean secretIsText;

    private final PublicKey publicKey;

    private final PrivateKey privateKey;

    private JwtKey(JwtAlgorithm algorithm, byte[] secret, boolean secretIsText, PublicKey publicKey,
            PrivateKey privateKey) {
        this.algorithm = algorithm;
        this.secret = secret;
        this.secretIsText = secretIsText;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * An HMAC secret given as bytes.
     *
     * @throws IllegalArgumentException when the algorithm is not an HMAC one or the secret is empty
     */
    public static JwtKey hmac(JwtAlgorithm algorithm, byte[] secret) {
        requireFamily(algorithm, JwtAlgorithm.Family.HMAC);
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        return new JwtKey(algorithm, secret.clone(), false, null, null);
    }

    /**
     * An HMAC secret given as text (a property or an environment variable).
     *
     * @throws IllegalArgumentException when the text is empty or not valid in its encoding (the message never
     * contains the text)
     */
    public static JwtKey hmac(JwtAlgorithm algorithm, String secret, SecretEncoding encoding) {
        requireFamily(algorithm, JwtAlgorithm.Family.HMAC);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        byte[] bytes;
        switch (encoding) {
            case TEXT -> bytes = secret.getBytes(StandardCharsets.UTF_8);
            case BASE64 -> {
                String trimmed = secret.trim();
                try {
                    bytes = (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0)
                            ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
                }
                catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("the HMAC secret is not valid Base64 (" + secret.length()
                            + " characters)");
                }
            }
            case HEX -> {
                try {
                    bytes = HexFormat.of().parseHex(secret.trim());
                }
                catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("the HMAC secret is not valid hexadecimal (" + secret.length()
                            + " characters)");
                }
            }
            default -> throw new IllegalArgumentException("unknown encoding " + encoding);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        return new JwtKey(algorithm, bytes, encoding == SecretEncoding.TEXT, null, null);
    }

    /**
     * An RSA or EC key: the public key that verifies, and the private key when this instance signs too.
     *
     * @param privateKey may be {@code null} for an instance that only verifies
     * @throws IllegalArgumentException when the key type does not suit the algorithm
     */
    public static JwtKey asymmetric(JwtAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        if (algorithm.family() == JwtAlgorithm.Family.RSA && !(publicKey instanceof RSAPublicKey)) {
            throw new IllegalArgumentException(algorithm + " needs an RSA public key, was " + publicKey.getAlgorithm());
        }
        if (algorithm.family() == JwtAlgorithm.Family.EC && !(publicKey instanceof ECPublicKey)) {
            throw new IllegalArgumentException(algorithm + " needs an EC public key, was " + publicKey.getAlgorithm());
        }
        if (algorithm.family() == JwtAlgorithm.Family.HMAC) {
            throw new IllegalArgumentException(algorithm + " takes a secret, not a public key");
        }
        return new JwtKey(algorithm, null, false, publicKey, privateKey);
    }

    private static void requireFamily(JwtAlgorithm algorithm, JwtAlgorithm.Family family) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.family() != family) {
            throw new IllegalArgumentException(algorithm + " is not an " + family + " algorithm");
        }
    }

    public JwtAlgorithm algorithm() {
        return this.algorithm;
    }

    /** Whether this is an HMAC secret. */
    public boolean isSecret() {
        return this.secret != null;
    }

    /** Whether this instance can sign with it: a secret, or a key pair with its private key. */
    public boolean canSign() {
        return this.secret != null || this.privateKey != null;
    }

    /** The public key of an RSA or EC key, {@code null} for a secret. */
    public PublicKey publicKey() {
        return this.publicKey;
    }

    /** The private key, {@code null} for a secret or a verify-only key. */
    public PrivateKey privateKey() {
        return this.privateKey;
    }

    /** A copy of the secret; package-private so only this library's signing and fingerprinting code sees it. */
    byte[] secret() {
        return (this.secret != null) ? this.secret.clone() : null;
    }

    /** Whether the secret came from text (so the word and password rules apply to it). */
    boolean secretIsText() {
        return this.secretIsText;
    }

    /** The secret's length in bits; 0 for RSA and EC keys. */
    public int secretBits() {
        return (this.secret != null) ? this.secret.length * 8 : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwtKey that && this.algorithm == that.algorithm
                && Arrays.equals(this.secret, that.secret) && Objects.equals(this.publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.algorithm, Arrays.hashCode(this.secret), this.publicKey);
    }

    /** The algorithm and kind of key; never the key. */
    @Override
    public String toString() {
        return "JwtKey[" + this.algorithm + ", " + ((this.secret != null) ? this.secret.length * 8 + "-bit secret"
                : this.publicKey.getAlgorithm() + " public key" + ((this.privateKey != null) ? " with private key"
                        : "")) + "]";
    }
}
