package dev.diagnostics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import org.junit.jupiter.api.Test;

import dev.diagnostics.jwt.JwtFailureReason;

/** The JWT benchmark measures what it claims: each measured and baseline method called once, directly. */
class JwtClassificationBenchmarkTests {

    @Test
    void baselinesFailAndTheClassifierNamesTheSameFailure() throws Exception {
        JwtClassificationBenchmark benchmark = new JwtClassificationBenchmark();
        benchmark.setUp();

        assertThat(benchmark.rawVerifyBadSignature()).isInstanceOf(SignatureVerificationException.class);
        assertThat(benchmark.classifyBadSignature().orElseThrow().reason()).isEqualTo(JwtFailureReason.BAD_SIGNATURE);
        assertThat(benchmark.classifyCaughtBadSignature().reason()).isEqualTo(JwtFailureReason.BAD_SIGNATURE);
        assertThat(benchmark.rawVerifyExpired()).isInstanceOf(TokenExpiredException.class);
        assertThat(benchmark.classifyExpired().orElseThrow().reason()).isEqualTo(JwtFailureReason.EXPIRED);
        assertThat(benchmark.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(benchmark.fingerprint()).startsWith(java.util.HexFormat.of().formatHex(benchmark.rawHmacOverLabel(),
                0, 8));
        assertThat(benchmark.plainSha256()).hasSize(32);
        assertThat(benchmark.classifier().counts().total(JwtFailureReason.BAD_SIGNATURE)).isEqualTo(2);
    }
}
