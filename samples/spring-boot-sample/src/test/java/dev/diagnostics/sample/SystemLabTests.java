package dev.diagnostics.sample;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The system lab as a user runs it: a corrupted model file, busy report workers, disk space and the config check. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SystemLabTests {

    /** Generous: CPU windows are 2 s and a machine shared with other builds may give the workers little CPU. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @AfterEach
    void clear() {
        send("DELETE", "/lab/cpu");
        send("DELETE", "/lab/files");
    }

    @Test
    void corruptedModelTakesReadinessDownUntilItIsRestored() {
        Response ready = until("/actuator/health/readiness",
                (response) -> "UP".equals(response.read("$.components.files.status")));
        assertThat(ready.<String>read("$.components.files.details.files[0].sha256")).isEqualTo("matches");
        assertThat(ready.<String>read("$.components.diskSpace.status")).isIn("UP", "DEGRADED");
        assertThat(ready.<List<Object>>read("$.components.diskSpace.details.paths")).isNotEmpty();

        assertThat(send("POST", "/lab/files/corrupt").code()).isEqualTo(200);
        Response down = until("/actuator/health/readiness", (response) -> response.code() == 503);
        assertThat(down.<String>read("$.components.files.details.diagnosis.code")).isEqualTo("files.checksum-mismatch");
        assertThat(down.<String>read("$.components.files.details.diagnosis.cause")).contains("file 'model'");

        send("DELETE", "/lab/files");
        until("/actuator/health/readiness", (response) -> "UP".equals(response.read("$.components.files.status")));
    }

    @Test
    void busyReportWorkerIsNamedByTheCpuCheck() {
        Response busy = send("POST", "/lab/cpu/busy?threads=1&seconds=60");
        assertThat(busy.<List<String>>read("$.threads")).containsExactly("report-worker-1");

        Response health = until("/actuator/health",
                (response) -> "DEGRADED".equals(response.read("$.components.cpu.status"))
                        && response.body().contains("report-worker-1"));
        assertThat(health.code()).isEqualTo(200);
        assertThat(health.<String>read("$.components.cpu.details.diagnosis.cause")).contains("'report-worker-1'",
                "dev.diagnostics.sample.system.ReportWorkers.aggregate");
        assertThat(send("GET", "/actuator/health/readiness").body()).doesNotContain("\"cpu\"");
    }

    @Test
    void requiredSettingsAreReportedByTheConfigCheck() {
        Response health = until("/actuator/health", (response) -> response.body().contains("\"config\""));

        assertThat(health.<String>read("$.components.config.status")).isEqualTo("UP");
        assertThat(health.<Integer>read("$.components.config.details.required")).isEqualTo(2);
        assertThat(health.body()).doesNotContain("local-development-token");
    }

    private Response send(String method, String path) {
        return SampleHttp.send(this.http, this.port, method, path);
    }

    private Response until(String path, Predicate<Response> condition) {
        return SampleHttp.until(this.http, this.port, path, condition, DEADLINE);
    }
}
