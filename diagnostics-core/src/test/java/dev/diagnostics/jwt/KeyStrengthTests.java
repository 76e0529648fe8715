package dev.diagnostics.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeyStrengthTests {

    private static List<String> codes(JwtKey key) {
        return KeyStrength.assess(key).stream().map(KeyStrength.Problem::code).toList();
    }

    private static JwtKey text(JwtAlgorithm algorithm, String secret) {
        return JwtKey.hmac(algorithm, secret, JwtKey.SecretEncoding.TEXT);
    }

    @Test
    void randomSecretsOfTheHashSizePass() {
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS256, TestKeys.randomSecret(32), JwtKey.SecretEncoding.BASE64)))
                .isEmpty();
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS512, TestKeys.randomSecret(64), JwtKey.SecretEncoding.BASE64)))
                .isEmpty();
        // A random Base64 text used as is (its UTF-8 bytes) is long enough and not words.
        assertThat(codes(text(JwtAlgorithm.HS256, TestKeys.randomSecret(32)))).isEmpty();
        assertThat(codes(text(JwtAlgorithm.HS256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")))
                .isEmpty();
    }

    @Test
    void hmacSecretShorterThanItsHashIsTooShort() {
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS256, TestKeys.randomSecret(31), JwtKey.SecretEncoding.BASE64)))
                .containsExactly("jwt.key-too-short");
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS384, TestKeys.randomSecret(32), JwtKey.SecretEncoding.BASE64)))
                .containsExactly("jwt.key-too-short");
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS512, TestKeys.randomSecret(48), JwtKey.SecretEncoding.BASE64)))
                .containsExactly("jwt.key-too-short");
        assertThat(KeyStrength.assess(JwtKey.hmac(JwtAlgorithm.HS512, TestKeys.randomSecret(48),
                JwtKey.SecretEncoding.BASE64)).get(0).message()).contains("384 bits").contains("at least 512");
    }

    @Test
    void placeholdersAndCommonPasswordsAreRejectedWhateverTheirLength() {
        assertThat(codes(text(JwtAlgorithm.HS256, "secret"))).contains("jwt.key-too-short", "jwt.key-placeholder");
        assertThat(codes(text(JwtAlgorithm.HS256, "your-256-bit-secret"))).contains("jwt.key-placeholder");
        assertThat(codes(text(JwtAlgorithm.HS256, "changeme-changeme-changeme-changeme-changeme")))
                .containsExactly("jwt.key-placeholder");
        assertThat(codes(text(JwtAlgorithm.HS256, "Password123!Password123!Password123!")))
                .containsExactly("jwt.key-placeholder");
        assertThat(codes(text(JwtAlgorithm.HS256, "this-is-my-super-secret-jwt-signing-key-2024")))
                .containsExactly("jwt.key-placeholder");
    }

    @Test
    void humanMemorablePassphrasesAreRejectedWhateverTheirLength() {
        assertThat(codes(text(JwtAlgorithm.HS256, "correct-horse-battery-staple-orders-service")))
                .containsExactly("jwt.key-memorable");
        assertThat(codes(text(JwtAlgorithm.HS256, "OrdersServiceSigningKeyForProductionUse")))
                .containsExactly("jwt.key-memorable");
        assertThat(codes(text(JwtAlgorithm.HS256, "the quick brown fox jumps over the lazy dog")))
                .containsExactly("jwt.key-memorable");
        // Given as Base64, it decodes to the same words: still a passphrase.
        String encoded = java.util.Base64.getEncoder()
                .encodeToString("correct-horse-battery-staple-orders-service".getBytes(StandardCharsets.US_ASCII));
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS256, encoded, JwtKey.SecretEncoding.BASE64)))
                .containsExactly("jwt.key-memorable");
    }

    @Test
    void fewDistinctCharactersOrARepeatedPatternIsLowEntropy() {
        assertThat(codes(text(JwtAlgorithm.HS256, "x7Q2".repeat(8)))).containsExactly("jwt.key-low-entropy");
        assertThat(codes(text(JwtAlgorithm.HS256, "9081726354".repeat(4)))).containsExactly("jwt.key-low-entropy");
        assertThat(codes(JwtKey.hmac(JwtAlgorithm.HS256, new byte[32]))).containsExactly("jwt.key-low-entropy");
    }

    @Test
    void rsaNeedsAtLeast2048Bits() {
        KeyPair small = TestKeys.rsa(1024);
        KeyPair enough = TestKeys.rsa(2048);
        assertThat(codes(JwtKey.asymmetric(JwtAlgorithm.RS256, small.getPublic(), small.getPrivate())))
                .containsExactly("jwt.key-rsa-too-small");
        assertThat(codes(JwtKey.asymmetric(JwtAlgorithm.RS256, enough.getPublic(), null))).isEmpty();
    }

    @Test
    void ecKeysMustBeOnTheAlgorithmsNamedCurve() {
        KeyPair p256 = TestKeys.ec("secp256r1");
        KeyPair p384 = TestKeys.ec("secp384r1");
        assertThat(codes(JwtKey.asymmetric(JwtAlgorithm.ES256, p256.getPublic(), p256.getPrivate()))).isEmpty();
        assertThat(codes(JwtKey.asymmetric(JwtAlgorithm.ES384, p384.getPublic(), null))).isEmpty();
        List<KeyStrength.Problem> wrongCurve = KeyStrength.assess(JwtKey.asymmetric(JwtAlgorithm.ES256,
                p384.getPublic(), null));
        assertThat(wrongCurve).extracting(KeyStrength.Problem::code).containsExactly("jwt.key-ec-curve");
        assertThat(wrongCurve.get(0).message()).contains("P-384").contains("P-256");
    }
}
