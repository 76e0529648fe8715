package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtFailureReason;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.JwtKeyFingerprint;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * No {@code quarkus.diagnostics.jwt} key settings, only SmallRye JWT's: an RSA public key in a PEM file
 * ({@code mp.jwt.verify.publickey.location}), its private key ({@code smallrye.jwt.sign.key.location}), issuer and
 * audiences. The check reads the same key the application verifies with: UP, RS256, the RFC 7638 thumbprint, the
 * self-test passed with the pair; the classifier requires SmallRye's issuer and audience.
 */
class JwtSmallRyeKeyTest {

    static final KeyPair PAIR = rsa(SharedTestValues.shared("jwt-smallrye.private-key",
            () -> Base64.getEncoder().encodeToString(rsa(null).getPrivate().getEncoded())));

    static final Path PUBLIC_PEM = Path.of(SharedTestValues.shared("jwt-smallrye.public-pem",
            () -> pem("public", "PUBLIC KEY", PAIR.getPublic().getEncoded()).toString()));

    static final Path PRIVATE_PEM = Path.of(SharedTestValues.shared("jwt-smallrye.private-pem",
            () -> pem("private", "PRIVATE KEY", PAIR.getPrivate().getEncoded()).toString()));

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, SharedTestValues.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            // A free port: other builds on this machine may hold the default test port.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideRuntimeConfigKey("mp.jwt.verify.publickey.location", PUBLIC_PEM.toString())
            .overrideRuntimeConfigKey("smallrye.jwt.sign.key.location", PRIVATE_PEM.toString())
            .overrideRuntimeConfigKey("mp.jwt.verify.issuer", "https://issuer.test")
            .overrideRuntimeConfigKey("mp.jwt.verify.audiences", "orders,billing")
            .overrideRuntimeConfigKey("mp.jwt.verify.clock.skew", "30");

    @Inject
    JwtFailureClassifier classifier;

    /** A new pair, or the pair of a PKCS#8 RSA private key in Base64. */
    private static KeyPair rsa(String privateKey) {
        try {
            if (privateKey != null) {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
                return new KeyPair(factory.generatePublic(new RSAPublicKeySpec(key.getModulus(),
                        key.getPublicExponent())), key);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path pem(String name, String label, byte[] der) {
        try {
            Path file = Files.createTempFile("jwt-" + name, ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, "-----BEGIN " + label + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END " + label + "-----\n");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void theCheckAssessesTheKeySmallRyeVerifiesWith() {
        Map<String, Object> jwt = HealthResponses.data(HealthResponses.get("/q/health/ready", 200), "jwt");

        assertThat(jwt).containsEntry("status", "UP")
                .containsEntry("details.algorithm", "RS256")
                .containsEntry("details.selfTest", "passed")
                .containsEntry("details.fingerprint", JwtKeyFingerprint.of(JwtKey.asymmetric(JwtAlgorithm.RS256,
                        PAIR.getPublic(), null)));
        assertThat((String) jwt.get("details.keySource")).contains("mp.jwt.verify.publickey.location")
                .contains(PUBLIC_PEM.toString()).contains("smallrye.jwt.sign.key.location");
    }

    @Test
    void theClassifierUsesSmallRyesIssuerAndAudiences() {
        Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) PAIR.getPublic(), (RSAPrivateKey) PAIR.getPrivate());
        Instant now = Instant.now();

        String valid = JWT.create().withIssuer("https://issuer.test").withAudience("orders", "billing")
                .withExpiresAt(now.plusSeconds(60)).sign(rs256);
        String otherIssuer = JWT.create().withIssuer("https://elsewhere.test").withAudience("orders")
                .withExpiresAt(now.plusSeconds(60)).sign(rs256);
        String hmacConfusion = JWT.create().withIssuer("https://issuer.test").withAudience("orders")
                .sign(Algorithm.HMAC256(PAIR.getPublic().getEncoded()));

        assertThat(this.classifier.classify(valid)).isEmpty();
        assertThat(this.classifier.classify(otherIssuer).orElseThrow().reason())
                .isEqualTo(JwtFailureReason.WRONG_CLAIM);
        assertThat(this.classifier.classify(hmacConfusion).orElseThrow().reason())
                .isEqualTo(JwtFailureReason.ALGORITHM_MISMATCH);
    }
}
