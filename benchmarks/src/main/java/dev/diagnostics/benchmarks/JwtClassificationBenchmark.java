package dev.diagnostics.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.JWTVerifier;

import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.JwtKeyFingerprint;

/**
 * What classifying a rejected token costs against what the application pays anyway: java-jwt's
 * {@code JWTVerifier.verify} on the same token, which throws.
 *
 * <ul>
 * <li>{@link #rawVerifyBadSignature} (baseline) and {@link #classifyBadSignature}: an HS256 token signed with another
 * secret, naming a foreign {@code kid}; {@link #classifyCaughtBadSignature} is the path where the application
 * verified, caught the exception and hands it to the classifier (verify + classify).</li>
 * <li>{@link #rawVerifyExpired} (baseline) and {@link #classifyExpired}: a correctly signed token expired an hour
 * ago.</li>
 * <li>{@link #fingerprint}: {@link JwtKeyFingerprint#of} for an HS256 secret (computed once per check build, never per
 * request); baselines {@link #rawHmacOverLabel} (the same HMAC with the JCA directly) and {@link #plainSha256} (what
 * a naive, unsafe fingerprint would cost).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class JwtClassificationBenchmark {

    private JWTVerifier verifier;

    private JwtFailureClassifier classifier;

    String badSignature;

    String expired;

    private JwtKey key;

    private byte[] secret;

    private static final byte[] LABEL = JwtKeyFingerprint.LABEL.getBytes(StandardCharsets.US_ASCII);

    @Setup(Level.Trial)
    public void setUp() {
        this.secret = "q9Vf3LkPz8Xc2TgB7nHs4JwR6mYd1UaE".getBytes(StandardCharsets.US_ASCII);
        Algorithm ours = Algorithm.HMAC256(this.secret);
        this.key = JwtKey.hmac(JwtAlgorithm.HS256, this.secret);
        String kid = JwtKeyFingerprint.of(this.key);
        this.verifier = JWT.require(ours).withAudience("orders").build();
        this.classifier = JwtFailureClassifier.builder(this.verifier, "HS256", new Pools.UnscheduledTimeSource())
                .ourKeyIds(Set.of(kid)).leeway(Duration.ZERO).build();
        Instant now = Instant.now();
        this.badSignature = JWT.create().withKeyId("c3d4e5f6a7b8c9d0").withAudience("orders").withSubject("alice")
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofDays(365)))
                .sign(Algorithm.HMAC256("Zr4Wq8Ty2Ui6Op0As5Df9Gh3Jk7Lx1Cv"));
        this.expired = JWT.create().withKeyId(kid).withAudience("orders").withSubject("alice")
                .withIssuedAt(now.minus(Duration.ofHours(2))).withExpiresAt(now.minus(Duration.ofHours(1)))
                .sign(ours);
    }

    @Benchmark
    public Object rawVerifyBadSignature() {
        return rawVerify(this.badSignature);
    }

    @Benchmark
    public Optional<JwtFailure> classifyBadSignature() {
        return this.classifier.classify(this.badSignature);
    }

    @Benchmark
    public JwtFailure classifyCaughtBadSignature() {
        try {
            this.verifier.verify(this.badSignature);
            return null;
        }
        catch (JWTVerificationException ex) {
            return this.classifier.classify(this.badSignature, ex);
        }
    }

    @Benchmark
    public Object rawVerifyExpired() {
        return rawVerify(this.expired);
    }

    @Benchmark
    public Optional<JwtFailure> classifyExpired() {
        return this.classifier.classify(this.expired);
    }

    @Benchmark
    public String fingerprint() {
        return JwtKeyFingerprint.of(this.key);
    }

    @Benchmark
    public byte[] rawHmacOverLabel() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
        return mac.doFinal(LABEL);
    }

    @Benchmark
    public byte[] plainSha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(this.secret);
    }

    private Object rawVerify(String token) {
        try {
            return this.verifier.verify(token);
        }
        catch (JWTVerificationException ex) {
            return ex;
        }
    }

    /** For the sanity test: the classifier's verdicts on the two tokens. */
    JwtFailureClassifier classifier() {
        return this.classifier;
    }
}
