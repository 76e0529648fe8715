package dev.diagnostics.jwt;

import java.util.Locale;

/**
 * The JWS algorithms the {@code jwt} check knows (RFC 7518 section 3.1), with what a key for each must be: the HMAC
 * ones need a secret of at least as many bits as their hash (section 3.2); RSA ones a modulus of at least 2048 bits
 * (section 3.3); ECDSA ones a key on their one named curve (section 3.4).
 */
public enum JwtAlgorithm {

    HS256(Family.HMAC, 256, "HmacSHA256", null),
    HS384(Family.HMAC, 384, "HmacSHA384", null),
    HS512(Family.HMAC, 512, "HmacSHA512", null),
    RS256(Family.RSA, 2048, null, null),
    RS384(Family.RSA, 2048, null, null),
    RS512(Family.RSA, 2048, null, null),
    ES256(Family.EC, 256, null, "P-256"),
    ES384(Family.EC, 384, null, "P-384"),
    ES512(Family.EC, 521, null, "P-521");

    /** The key type an algorithm uses. */
    public enum Family {
        HMAC, RSA, EC
    }

    private final Family family;

    private final int minimumKeyBits;

    private final String macName;

    private final String curve;

    JwtAlgorithm(Family family, int minimumKeyBits, String macName, String curve) {
        this.family = family;
        this.minimumKeyBits = minimumKeyBits;
        this.macName = macName;
        this.curve = curve;
    }

    public Family family() {
        return this.family;
    }

    /** The smallest key size allowed: secret bits for HMAC, modulus bits for RSA, curve size for EC. */
    public int minimumKeyBits() {
        return this.minimumKeyBits;
    }

    /** The JCA name of the HMAC ({@code HmacSHA256}); {@code null} for other families. */
    public String macName() {
        return this.macName;
    }

    /** The one curve an ECDSA algorithm is defined on ({@code P-256}); {@code null} for other families. */
    public String curve() {
        return this.curve;
    }

    /**
     * The algorithm of a JWS {@code alg} name, in any case.
     *
     * @throws IllegalArgumentException naming the supported algorithms when the name is not one of them
     */
    public static JwtAlgorithm of(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a supported JWS algorithm; use one of "
                + java.util.Arrays.toString(values()));
    }
}
