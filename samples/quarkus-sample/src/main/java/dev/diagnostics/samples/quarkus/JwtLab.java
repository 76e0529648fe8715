package dev.diagnostics.samples.quarkus;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtCheckConfig;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.KeyFingerprintRegistry;
import dev.diagnostics.jwt.KeySource;
import dev.diagnostics.quarkus.runtime.JwtChecks;
import dev.diagnostics.time.TimeSource;

/**
 * JWT faults: a rogue instance that joins the key registry with another secret (needs the registry, i.e. Redis), and a
 * burst of tokens signed with another secret (works without Redis).
 */
@Singleton
public class JwtLab {

    static final String ROGUE_INSTANCE = "lab-rogue-instance";

    private final JwtChecks jwtChecks;

    private final JwtFailureClassifier classifier;

    private final TimeSource time;

    private JwtCheck rogue;

    JwtLab(JwtChecks jwtChecks, JwtFailureClassifier classifier, TimeSource time) {
        this.jwtChecks = jwtChecks;
        this.classifier = classifier;
        this.time = time;
    }

    synchronized boolean isRogueRunning() {
        return this.rogue != null;
    }

    /**
     * Starts a second "instance" in this JVM with its own random secret, publishing to the same registry as the real
     * one; the {@code jwt} check turns DOWN naming both keys.
     *
     * @return the rogue's key fingerprint
     * @throws IllegalStateException when there is no registry (no Redis)
     */
    synchronized String startRogue() {
        KeyFingerprintRegistry shared = this.jwtChecks.registry().orElseThrow(() -> new IllegalStateException(
                "no key registry: start the sample with REDIS_URL set; without Redis, instances are not compared (try"
                        + " POST /lab/jwt/foreign-tokens instead)"));
        if (this.rogue == null) {
            this.rogue = JwtCheck.builder(this.time)
                    .secret(JwtAlgorithm.HS256, randomSecret(), JwtKey.SecretEncoding.BASE64,
                            KeySource.environmentVariable("JWT_SECRET of the rogue instance"))
                    .config(JwtCheckConfig.builder().instanceId(ROGUE_INSTANCE).publishInterval(Duration.ofSeconds(5))
                            .instanceTtl(Duration.ofSeconds(15)).build())
                    .registry(shared).build().start();
        }
        return this.rogue.kid();
    }

    /** Stops the rogue; its announcement drops out of the comparison after its TTL (15 s). */
    synchronized boolean stopRogue() {
        if (this.rogue == null) {
            return false;
        }
        this.rogue.close();
        this.rogue = null;
        return true;
    }

    /** Presents tokens signed with another secret to the classifier, as clients of another instance would. */
    int foreignTokens(int count) {
        if (this.classifier == null) {
            throw new IllegalStateException("no usable JWT key: see the 'jwt' check");
        }
        Algorithm other = Algorithm.HMAC256(Base64.getDecoder().decode(randomSecret()));
        String token = JWT.create().withKeyId("0ther0ther0ther0").withSubject("lab").sign(other);
        for (int i = 0; i < count; i++) {
            this.classifier.classify(token);
        }
        return count;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @PreDestroy
    void close() {
        stopRogue();
    }
}
