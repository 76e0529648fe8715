package dev.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CheckResultTests {

    @Test
    void detailsAcceptJsonSafeValuesAndConvertTimeAndEnums() {
        CheckResult result = CheckResult.up()
                .detail("latency", Duration.ofMillis(12))
                .detail("at", Instant.parse("2026-01-01T00:00:00Z"))
                .detail("status", Status.DEGRADED)
                .detail("holders", List.of(Map.of("thread", "http-exec-7", "heldMs", 45_000L)))
                .detail("none", null)
                .build();

        assertThat(result.details()).containsEntry("latency", "PT0.012S")
                .containsEntry("at", "2026-01-01T00:00:00Z")
                .containsEntry("status", "DEGRADED")
                .containsEntry("none", null);
        assertThat(result.details().get("holders")).isEqualTo(List.of(Map.of("thread", "http-exec-7",
                "heldMs", 45_000L)));
    }

    @Test
    void objectsThatAreNotJsonSafeAreRejectedNamingTheDetail() {
        Object dataSource = new Object() {
            @Override
            public String toString() {
                return "jdbc:postgresql://db?password=secret";
            }
        };

        assertThatIllegalArgumentException().isThrownBy(() -> CheckResult.up().detail("pool", dataSource))
                .withMessageContaining("Detail 'pool'").withMessageNotContaining("secret");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckResult.up().detail("nested", List.of(Map.of("x", new Object()))))
                .withMessageContaining("nested[].x");
    }

    @Test
    void resultsAreImmutable() {
        CheckResult result = CheckResult.up().detail("a", 1).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> result.details().put("b", 2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(result.withStatus(Status.DOWN).status()).isEqualTo(Status.DOWN);
        assertThat(result.status()).isEqualTo(Status.UP);
    }

    @Test
    void errorsAreSanitisedAndToStringShowsNoDetails() {
        CheckResult result = CheckResult.down()
                .error(new IllegalStateException("login failed for redis://app:s3cr3t@127.0.0.1:6379"))
                .detail("url", "jdbc:postgresql://127.0.0.1/app")
                .diagnosis("redis.auth", "Redis refused the password", "Check REDIS_PASSWORD")
                .build();

        assertThat(result.error().orElseThrow()).contains("redis://app:" + Redaction.MASK + "@127.0.0.1:6379")
                .doesNotContain("s3cr3t");
        assertThat(result.toString()).contains("DOWN", "redis.auth").doesNotContain("jdbc");
    }

    @Test
    void diagnosisCodesAreStableIdentifiers() {
        assertThatIllegalArgumentException().isThrownBy(() -> Diagnosis.of("Pool Exhausted", "c", "r"))
                .withMessageContaining("'Pool Exhausted'");
        assertThat(Diagnosis.of("pool.exhausted", "c", "r").code()).isEqualTo("pool.exhausted");
    }

    @Test
    void statusAggregationOrder() {
        assertThat(Status.worst(Status.UP, Status.DOWN)).isEqualTo(Status.DOWN);
        assertThat(Status.worst(Status.DEGRADED, Status.UP)).isEqualTo(Status.DEGRADED);
        assertThat(Status.worst(Status.UNKNOWN, Status.UP)).isEqualTo(Status.UP);
        assertThat(Status.worst(Status.DEGRADED, Status.DOWN)).isEqualTo(Status.DOWN);
        assertThat(Status.DEGRADED.httpStatus()).isEqualTo(200);
        assertThat(Status.DOWN.httpStatus()).isEqualTo(503);
    }
}
