package dev.diagnostics.jwt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key's fingerprint: what instances compare to know they use the same key, and a good {@code kid} for the tokens
 * they issue. It identifies a key without revealing it.
 *
 * <ul>
 * <li>HMAC secret: the HMAC of the algorithm's own hash, keyed with the secret, over the fixed label
 * {@value #LABEL}, truncated to 8 bytes (16 hex digits). Never a plain hash of the secret: RFC 7638 section 7 warns
 * that a hash of a symmetric key lets anyone test guesses of it offline; a keyed MAC over a constant gives nothing to
 * test a guess against without the key.</li>
 * <li>RSA or EC public key: the RFC 7638 JWK thumbprint (SHA-256, base64url, 43 characters), the same one a JWKS
 * publisher computes.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class JwtKeyFingerprint {

    /** The fixed message of the HMAC fingerprint: {@value}. */
    public static final String LABEL = "diagnostics.jwt-key-fingerprint-v1";

    /** The label as the two halves java-jwt's {@code Algorithm.sign(header, payload)} joins with a dot. */
    static final byte[] LABEL_HEAD = "diagnostics".getBytes(StandardCharsets.US_ASCII);

    static final byte[] LABEL_TAIL = "jwt-key-fingerprint-v1".getBytes(StandardCharsets.US_ASCII);

    private static final int HMAC_BYTES = 8;

    private JwtKeyFingerprint() {
    }

    /** The fingerprint of a key. */
    public static String of(JwtKey key) {
        if (key.isSecret()) {
            byte[] secret = key.secret();
            try {
                Mac mac = Mac.getInstance(key.algorithm().macName());
                mac.init(new SecretKeySpec(secret, key.algorithm().macName()));
                return ofHmacOverLabel(mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)));
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("No " + key.algorithm().macName() + " in this JVM", ex);
            }
            finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        return thumbprint(key);
    }

    /**
     * The fingerprint from the HMAC of the {@link #LABEL} computed elsewhere (by a java-jwt {@code Algorithm} whose
     * secret the library cannot read).
     */
    static String ofHmacOverLabel(byte[] macOverLabel) {
        return HexFormat.of().formatHex(macOverLabel, 0, HMAC_BYTES);
    }

    /** The RFC 7638 thumbprint of an RSA or EC public key. */
    static String thumbprint(JwtKey key) {
        String json;
        if (key.publicKey() instanceof RSAPublicKey rsa) {
            json = "{\"e\":\"" + unsigned(rsa.getPublicExponent(), 0) + "\",\"kty\":\"RSA\",\"n\":\""
                    + unsigned(rsa.getModulus(), 0) + "\"}";
        }
        else if (key.publicKey() instanceof ECPublicKey ec) {
            String curve = KeyStrength.curveOf(ec.getParams());
            if (curve == null) {
                curve = "unnamed";
            }
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            json = "{\"crv\":\"" + curve + "\",\"kty\":\"EC\",\"x\":\"" + unsigned(ec.getW().getAffineX(), size)
                    + "\",\"y\":\"" + unsigned(ec.getW().getAffineY(), size) + "\"}";
        }
        else {
            throw new IllegalArgumentException("not an RSA or EC key: " + key);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("No SHA-256 in this JVM", ex);
        }
    }

    /** Big-endian bytes without a sign byte, left-padded to {@code size} when given, base64url without padding. */
    private static String unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (size > bytes.length) {
            byte[] padded = new byte[size];
            System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
