package dev.diagnostics.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis fault lab over real HTTP with the 'redis' profile, on a private {@code redis-server} with
 * {@code maxmemory 2mb} and {@code noeviction} that this test starts and stops.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("redis")
@DirtiesContext
class RedisFaultLabTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static Process server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) throws Exception {
        int redisPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("sample-redis-lab");
        server = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--maxmemory", "2mb", "--maxmemory-policy", "noeviction", "--save", "", "--appendonly", "no",
                "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepts(redisPort));
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
    }

    @AfterAll
    static void stopPrivateRedis() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @AfterEach
    void clear() {
        send("DELETE", "/lab/redis");
    }

    @Test
    void redisCheckIsUpInReadinessWithTheServersMemory() {
        Response readiness = until("/actuator/health/readiness", (response) -> "UP".equals(response.status()));

        assertThat(readiness.<Map<String, Object>>read("$.components")).containsKey("redis");
        assertThat(readiness.<String>read("$.components.redis.status")).isEqualTo("UP");
        assertThat(readiness.<Map<String, Object>>read("$.components.redis.details")).containsKey("version");
    }

    @Test
    void fillingRedisToItsMaxmemoryIsDiagnosedAsOutOfMemoryUntilTheLabsKeysAreDeleted() {
        until("/actuator/health", (response) -> "UP".equals(response.read("$.components.redis.status")));

        Response fill = send("POST", "/lab/redis/fill?mb=8");

        assertThat(fill.code()).as(fill.body()).isEqualTo(200);
        assertThat(fill.<Boolean>read("$.outOfMemory")).isTrue();
        assertThat(fill.<String>read("$.redisError")).startsWith("OOM");
        // Redis refuses a write that would cross maxmemory, so INFO shows it just below: 'redis.memory-near-limit'
        // (DEGRADED) with the OOM errors counted, or 'redis.oom' (DOWN) once used memory reaches maxmemory.
        Response health = until("/actuator/health",
                (response) -> !"UP".equals(response.read("$.components.redis.status")));
        assertThat(health.<String>read("$.components.redis.details.diagnosis.code")).isIn("redis.oom",
                "redis.memory-near-limit");
        assertThat(health.<String>read("$.components.redis.details.diagnosis.cause")).contains("noeviction");
        assertThat(health.<Integer>read("$.components.redis.details.oomErrors")).isPositive();
        assertThat(health.<Double>read("$.components.redis.details.memoryRatio")).isGreaterThan(0.9);

        Response deleted = send("DELETE", "/lab/redis");
        assertThat(deleted.<Integer>read("$.deleted")).isPositive();
        until("/actuator/health", (response) -> "UP".equals(response.read("$.components.redis.status")));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private Response until(String path, Predicate<Response> condition) {
        return SampleHttp.until(this.http, this.port, path, condition, DEADLINE);
    }

    private Response send(String method, String path) {
        return SampleHttp.send(this.http, this.port, method, path);
    }
}
