package dev.diagnostics.spring;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application whose Redis refuses its password: a private {@code redis-server} that this test starts with
 * another password and stops. The application's password is a canary that must never appear in the health JSON, the
 * metrics or the logs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.password=" + RedisFaultHttpTests.CANARY,
        "management.endpoint.health.show-details=always",
        "management.endpoints.web.exposure.include=health,metrics",
        "logging.level.dev.diagnostics=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RedisFaultHttpTests {

    static final String CANARY = "Canary-redis-9b2e";

    private static Process server;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) throws Exception {
        int redisPort = freePort();
        Path dir = Files.createTempDirectory("diag-redis-auth");
        server = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--requirepass", "not-the-canary", "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepts(redisPort));
        registry.add("spring.data.redis.port", () -> redisPort);
    }

    @AfterAll
    static void stopPrivateRedis() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void wrongPasswordIsDownAsAuthenticationAndTheCanaryNeverAppears(CapturedOutput output) {
        ActuatorClient client = new ActuatorClient(this.port);
        Response health = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/actuator/health"),
                        (response) -> response.body().contains("\"diagnosis\""));

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.<String>read("$.components.redis.details.diagnosis.code")).containsIgnoringCase("auth");
        assertThat(health.body()).doesNotContain(CANARY);
        Response metrics = client.get("/actuator/metrics");
        List<String> names = metrics.read("$.names");
        for (String name : names) {
            if (name.startsWith("diagnostics.")) {
                assertThat(client.get("/actuator/metrics/" + name).body()).doesNotContain(CANARY);
            }
        }
        assertThat(output.getAll()).doesNotContain(CANARY);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CacheApplication {
    }
}
