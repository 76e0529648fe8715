package dev.diagnostics.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.time.ManualTimeSource;

class MicroProfileJwtSettingsTests {

    private static final String CANARY = "Canary-5b1e-NeverShown-SecretText";

    private final Map<String, String> properties = new HashMap<>();

    private final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-03-01T12:00:00Z"));

    private MicroProfileJwtSettings read() {
        return read(getClass().getClassLoader());
    }

    private MicroProfileJwtSettings read(ClassLoader loader) {
        return MicroProfileJwtSettings.read((name) -> Optional.ofNullable(this.properties.get(name)), loader);
    }

    private CheckResult check(MicroProfileJwtSettings settings) {
        JwtCheckConfig config = JwtCheckConfig.builder().issuer(settings.issuer()).audience(settings.audience())
                .leeway((settings.leeway() != null) ? settings.leeway() : Duration.ZERO).build();
        return settings.applyKey(JwtCheck.builder(this.time).config(config)).build().check();
    }

    @Test
    void nothingConfiguredMeansNoKey() {
        this.properties.put("mp.jwt.verify.issuer", "orders");

        MicroProfileJwtSettings settings = read();

        assertThat(settings.keyConfigured()).isFalse();
        assertThat(settings.key()).isNull();
        assertThat(settings.issuer()).isEqualTo("orders");
    }

    @Test
    void readsAPublicKeyFileWithTheVerifierSettings(@TempDir Path dir) throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        Path pem = JwtKeyMaterialTests.Pem.write(dir, "public.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
        this.properties.put("mp.jwt.verify.publickey.location", pem.toString());
        this.properties.put("mp.jwt.verify.issuer", "https://issuer.example");
        this.properties.put("mp.jwt.verify.audiences", "orders, billing");
        this.properties.put("mp.jwt.verify.clock.skew", "30");

        MicroProfileJwtSettings settings = read();

        assertThat(settings.key().publicKey()).isEqualTo(pair.getPublic());
        assertThat(settings.key().algorithm()).isEqualTo(JwtAlgorithm.RS256);
        assertThat(settings.key().canSign()).isFalse();
        assertThat(settings.source().setting()).isEqualTo("mp.jwt.verify.publickey.location");
        assertThat(settings.source().description()).contains(pem.toString());
        assertThat(settings.audience()).containsExactly("orders", "billing");
        assertThat(settings.leeway()).isEqualTo(Duration.ofSeconds(30));
        CheckResult result = check(settings);
        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("fingerprint", JwtKeyFingerprint.of(settings.key()))
                .containsEntry("selfTest", "not run: verify-only key (no private key)");
    }

    @Test
    void readsFileUrlsAndClassPathResources(@TempDir Path dir) throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        Path pem = JwtKeyMaterialTests.Pem.write(dir, "ec.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
        this.properties.put("mp.jwt.verify.publickey.location", pem.toUri().toString());
        assertThat(read().key().publicKey()).isEqualTo(pair.getPublic());

        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
            this.properties.put("mp.jwt.verify.publickey.location", "classpath:ec.pem");
            assertThat(read(loader).key().algorithm()).isEqualTo(JwtAlgorithm.ES256);
            this.properties.put("mp.jwt.verify.publickey.location", "/ec.pem");
            assertThat(read(loader).key().publicKey()).isEqualTo(pair.getPublic());
        }
    }

    @Test
    void aLocationThatDoesNotExistIsAMissingKeyNamingTheProperty() {
        this.properties.put("mp.jwt.verify.publickey.location", "/nowhere/public.pem");

        MicroProfileJwtSettings settings = read();

        assertThat(settings.keyConfigured()).isTrue();
        assertThat(settings.key()).isNull();
        assertThat(settings.problem()).startsWith("is not found");
        CheckResult result = check(settings);
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.key-missing");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("mp.jwt.verify.publickey.location").contains("/nowhere");
    }

    @Test
    void smallRyeVerifyKeyLocationWinsOverTheMicroProfileOne(@TempDir Path dir) throws Exception {
        KeyPair used = TestKeys.rsa(2048);
        Path pem = JwtKeyMaterialTests.Pem.write(dir, "used.pem", "PUBLIC KEY", used.getPublic().getEncoded());
        this.properties.put("smallrye.jwt.verify.key.location", pem.toString());
        this.properties.put("mp.jwt.verify.publickey.location", "/nowhere/ignored.pem");

        assertThat(read().key().publicKey()).isEqualTo(used.getPublic());
    }

    @Test
    void aRemoteKeySetIsNotReadAndMakesNoKey() {
        this.properties.put("mp.jwt.verify.publickey.location", "https://issuer.example/jwks");

        MicroProfileJwtSettings settings = read();

        assertThat(settings.keyConfigured()).isFalse();
        assertThat(settings.remoteLocation()).isEqualTo("https://issuer.example/jwks");
    }

    @Test
    void thePublicKeyWithTheSigningKeyMakesAPairTheSelfTestSignsWith(@TempDir Path dir) throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        this.properties.put("mp.jwt.verify.publickey",
                JwtKeyMaterialTests.Pem.of("PUBLIC KEY", pair.getPublic().getEncoded()));
        this.properties.put("smallrye.jwt.sign.key.location", JwtKeyMaterialTests.Pem.write(dir, "private.pem",
                "PRIVATE KEY", pair.getPrivate().getEncoded()).toString());

        MicroProfileJwtSettings settings = read();

        assertThat(settings.key().canSign()).isTrue();
        assertThat(settings.source().description()).contains("mp.jwt.verify.publickey")
                .contains("smallrye.jwt.sign.key.location");
        assertThat(check(settings).details()).containsEntry("selfTest", "passed");
    }

    @Test
    void aSigningKeyOfAnotherPairFailsTheSelfTest(@TempDir Path dir) throws Exception {
        KeyPair verifying = TestKeys.rsa(2048);
        KeyPair other = TestKeys.rsa(2048);
        this.properties.put("mp.jwt.verify.publickey",
                JwtKeyMaterialTests.Pem.of("PUBLIC KEY", verifying.getPublic().getEncoded()));
        this.properties.put("smallrye.jwt.sign.key.location", JwtKeyMaterialTests.Pem.write(dir, "private.pem",
                "PRIVATE KEY", other.getPrivate().getEncoded()).toString());

        CheckResult result = check(read());

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.self-test-failed");
    }

    @Test
    void aSigningKeyAloneGivesItsPublicHalf(@TempDir Path dir) throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        this.properties.put("smallrye.jwt.sign.key.location", JwtKeyMaterialTests.Pem.write(dir, "private.pem",
                "PRIVATE KEY", pair.getPrivate().getEncoded()).toString());

        MicroProfileJwtSettings settings = read();

        assertThat(settings.key().publicKey()).isEqualTo(pair.getPublic());
        assertThat(check(settings).details()).containsEntry("selfTest", "passed");
    }

    @Test
    void aPlainSecretKeyIsItsTextAndIsAssessedAsSuch() {
        this.properties.put("smallrye.jwt.verify.secretkey", "changeme");
        this.properties.put("smallrye.jwt.verify.algorithm", "HS256");

        MicroProfileJwtSettings settings = read();
        CheckResult result = check(settings);

        assertThat(settings.key().isSecret()).isTrue();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isIn("jwt.key-too-short", "jwt.key-placeholder");
        assertThat(result.toString() + result.details() + result.diagnosis()).doesNotContain("changeme");
    }

    @Test
    void anOctJwkSecretKeyIsDecodedAndTheAlgorithmIsItsAlg() {
        byte[] secret = new byte[64];
        new java.security.SecureRandom().nextBytes(secret);
        this.properties.put("smallrye.jwt.verify.secretkey", "{\"kty\":\"oct\",\"alg\":\"HS512\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\"}");

        MicroProfileJwtSettings settings = read();

        assertThat(settings.key().algorithm()).isEqualTo(JwtAlgorithm.HS512);
        assertThat(settings.key()).isEqualTo(JwtKey.hmac(JwtAlgorithm.HS512, secret));
        assertThat(check(settings).status()).isEqualTo(Status.UP);
    }

    @Test
    void theConfiguredAlgorithmWinsAndAMismatchIsReportedNotThrown() {
        KeyPair pair = TestKeys.rsa(2048);
        this.properties.put("mp.jwt.verify.publickey",
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        this.properties.put("mp.jwt.verify.publickey.algorithm", "ES256");

        MicroProfileJwtSettings settings = read();

        assertThat(settings.key()).isNull();
        assertThat(settings.problem()).contains("does not suit ES256");
    }

    @Test
    void anUnknownAlgorithmOrClockSkewFailsNamingTheProperty() {
        this.properties.put("smallrye.jwt.verify.secretkey", CANARY);
        this.properties.put("mp.jwt.verify.publickey.algorithm", "XX999");
        assertThatThrownBy(this::read).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("mp.jwt.verify.publickey.algorithm").hasMessageNotContaining(CANARY);

        this.properties.remove("mp.jwt.verify.publickey.algorithm");
        this.properties.put("mp.jwt.verify.clock.skew", "a minute");
        assertThatThrownBy(this::read).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("mp.jwt.verify.clock.skew");
    }

    @Test
    void unreadableKeyTextIsReportedWithoutTheText(@TempDir Path dir) throws Exception {
        this.properties.put("mp.jwt.verify.publickey", CANARY);
        MicroProfileJwtSettings inline = read();
        Path file = Files.writeString(dir.resolve("garbage.pem"), "{\"kty\":\"oct\",\"k\":\"" + CANARY);
        this.properties.remove("mp.jwt.verify.publickey");
        this.properties.put("mp.jwt.verify.publickey.location", file.toString());
        MicroProfileJwtSettings located = read();

        for (MicroProfileJwtSettings settings : List.of(inline, located)) {
            assertThat(settings.key()).isNull();
            assertThat(settings.problem()).startsWith("cannot be read").doesNotContain(CANARY);
            CheckResult result = check(settings);
            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.toString() + result.details() + result.diagnosis() + settings)
                    .doesNotContain(CANARY);
        }
    }
}
