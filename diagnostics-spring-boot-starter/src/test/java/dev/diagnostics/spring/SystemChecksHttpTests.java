package dev.diagnostics.spring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application answering HTTP with an SSL bundle whose self-signed certificate (made by keytool) expires in 10
 * days and a required file with a recorded checksum: Spring Boot's {@code diskSpace} and {@code ssl} indicators are
 * replaced by ours under their names, the bundle's password appears nowhere, and corrupting the file takes the
 * instance out of readiness with a diagnosis.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "management.endpoint.health.show-details=always",
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.group.readiness.include=readinessState" })
class SystemChecksHttpTests {

    private static final String CANARY = "Canary-bundle-pass-4c7a";

    private static final byte[] MODEL = "model weights v1\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    private static Path directory;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) throws Exception {
        directory = Files.createTempDirectory("diagnostics-system-http");
        Path keyStore = directory.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "10", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", CANARY, "-keypass", CANARY, "-noprompt").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        Path model = Files.write(directory.resolve("model.bin"), MODEL);
        registry.add("spring.ssl.bundle.jks.server.keystore.location", () -> "file:" + keyStore);
        registry.add("spring.ssl.bundle.jks.server.keystore.password", () -> CANARY);
        registry.add("spring.ssl.bundle.jks.server.keystore.type", () -> "PKCS12");
        registry.add("diagnostics.files.required.model.path", model::toString);
        registry.add("diagnostics.files.required.model.sha256", () -> sha256(MODEL));
    }

    @Test
    void springBootsIndicatorsAreReplacedAndACorruptedFileTakesTheInstanceOutOfReadiness() throws Exception {
        ActuatorClient client = new ActuatorClient(this.port);
        Response health = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/actuator/health"), (response) -> response.body().contains("\"ssl\""));

        // Ours, not Spring Boot's: each says how long it took, the disk one which paths it read.
        assertThat(health.<Map<String, Object>>read("$.components.diskSpace.details")).containsKeys("paths",
                "durationMs");
        assertThat(health.<String>read("$.components.ssl.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.ssl.details.diagnosis.code")).isEqualTo("tls.expiring");
        assertThat(health.<String>read("$.components.ssl.details.diagnosis.cause")).contains("source 'server'");
        assertThat(health.<Map<String, Object>>read("$.components.cpu.details")).containsKey("processCpuLoad");
        assertThat(health.body()).doesNotContain(CANARY);
        Response readiness = client.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.<Map<String, Object>>read("$.components")).containsOnlyKeys("readinessState",
                "diskSpace", "ssl", "files", "memory");
        assertThat(client.get("/actuator/metrics").<List<String>>read("$.names")).contains("diagnostics.disk.free",
                "diagnostics.tls.days.left", "diagnostics.cpu.load");

        Path model = directory.resolve("model.bin");
        byte[] corrupted = MODEL.clone();
        corrupted[10] ^= 0x20;
        Files.write(model, corrupted);
        Files.setLastModifiedTime(model, FileTime.from(Instant.now().plusSeconds(10)));
        Response down = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/actuator/health/readiness"), (response) -> response.status() == 503);
        assertThat(down.<String>read("$.components.files.details.diagnosis.code"))
                .isEqualTo("files.checksum-mismatch");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SystemApplication {
    }
}
