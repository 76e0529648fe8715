package dev.diagnostics.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.algorithms.Algorithm;

class JwtKeyFingerprintTests {

    @Test
    void hmacFingerprintIsKeyedNotAPlainHashOfTheSecret() throws Exception {
        String secret = TestKeys.randomSecret(32);
        JwtKey key = JwtKey.hmac(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.TEXT);
        String fingerprint = JwtKeyFingerprint.of(key);

        assertThat(fingerprint).matches("[0-9a-f]{16}");
        assertThat(JwtKeyFingerprint.of(JwtKey.hmac(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.TEXT)))
                .isEqualTo(fingerprint);
        assertThat(JwtKeyFingerprint.of(JwtKey.hmac(JwtAlgorithm.HS256, TestKeys.randomSecret(32),
                JwtKey.SecretEncoding.TEXT))).isNotEqualTo(fingerprint);
        String plainHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(plainHash).doesNotStartWith(fingerprint);
    }

    @Test
    void fingerprintOfAJavaJwtAlgorithmEqualsTheFingerprintOfItsSecret() {
        String secret = TestKeys.randomSecret(48);
        for (JwtAlgorithm algorithm : new JwtAlgorithm[] { JwtAlgorithm.HS256, JwtAlgorithm.HS384,
                JwtAlgorithm.HS512 }) {
            Algorithm javaJwt = switch (algorithm) {
                case HS256 -> Algorithm.HMAC256(secret);
                case HS384 -> Algorithm.HMAC384(secret);
                default -> Algorithm.HMAC512(secret);
            };
            String viaSigning = JwtKeyFingerprint.ofHmacOverLabel(
                    javaJwt.sign(JwtKeyFingerprint.LABEL_HEAD, JwtKeyFingerprint.LABEL_TAIL));
            assertThat(viaSigning).isEqualTo(JwtKeyFingerprint.of(JwtKey.hmac(algorithm, secret,
                    JwtKey.SecretEncoding.TEXT)));
        }
    }

    /** RFC 7638 section 3.1's example key and thumbprint. */
    @Test
    void rsaFingerprintIsTheRfc7638Thumbprint() throws Exception {
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(n)), BigInteger.valueOf(65537)));

        assertThat(JwtKeyFingerprint.of(JwtKey.asymmetric(JwtAlgorithm.RS256, key, null)))
                .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void ecFingerprintIsAThumbprintOfThePublicKey() {
        var pair = TestKeys.ec("secp256r1");
        String fingerprint = JwtKeyFingerprint.of(JwtKey.asymmetric(JwtAlgorithm.ES256, pair.getPublic(), null));
        assertThat(fingerprint).matches("[A-Za-z0-9_-]{43}");
        assertThat(JwtKeyFingerprint.of(JwtKey.asymmetric(JwtAlgorithm.ES256, pair.getPublic(), pair.getPrivate())))
                .isEqualTo(fingerprint);
    }
}
