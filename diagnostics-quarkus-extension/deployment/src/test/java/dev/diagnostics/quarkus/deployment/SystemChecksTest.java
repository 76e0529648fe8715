package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * The system checks in a real Quarkus application: a required file that is too small, a dependency that refuses
 * connections and a key store that cannot be read are DOWN in readiness with their diagnoses; disk space is in
 * readiness; cpu is reported but in no probe; the key store's password appears nowhere.
 */
class SystemChecksTest {

    private static final String CANARY = "Canary-quarkus-keystore-2b9d";

    private static final Path MODEL = model();

    private static final int REFUSED = refusedPort();

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.files.required.\"model\".path", MODEL.toString())
            .overrideRuntimeConfigKey("quarkus.diagnostics.files.required.\"model\".min-size", "1K")
            .overrideRuntimeConfigKey("quarkus.diagnostics.tcp.targets.\"payments\"", "127.0.0.1:" + REFUSED)
            .overrideRuntimeConfigKey("quarkus.diagnostics.tls.keystores.\"server\".path",
                    MODEL.resolveSibling("absent.p12").toString())
            .overrideRuntimeConfigKey("quarkus.diagnostics.tls.keystores.\"server\".password", CANARY);

    @Test
    void readinessNamesEachFaultWithItsDiagnosis() {
        Response ready = HealthResponses.get("/q/health/ready", 503);

        assertThat(HealthResponses.names(ready)).containsExactlyInAnyOrder("files", "tcp", "tls", "diskSpace", "memory");
        assertThat(diagnosis(ready, "files")).isEqualTo("files.too-small");
        assertThat(diagnosis(ready, "tcp")).isEqualTo("tcp.connection-refused");
        assertThat(diagnosis(ready, "tls")).isEqualTo("tls.unreadable");
        assertThat(HealthResponses.data(ready, "diskSpace")).containsKey("details.paths");
        assertThat(ready.asString()).doesNotContain(CANARY);
    }

    @Test
    void cpuIsReportedInNoProbe() {
        Response wellness = HealthResponses.get("/q/health/well", 200);

        assertThat(HealthResponses.names(wellness)).containsExactly("cpu");
        assertThat(HealthResponses.names(HealthResponses.get("/q/health/live", 200))).doesNotContain("cpu");
        assertThat(HealthResponses.get("/q/health", 503).asString()).doesNotContain(CANARY);
    }

    private static Object diagnosis(Response response, String name) {
        Map<String, Object> data = HealthResponses.data(response, name);
        return data.get("diagnosis.code");
    }

    private static Path model() {
        try {
            Path directory = Files.createTempDirectory("diagnostics-quarkus-files");
            return Files.writeString(directory.resolve("model.bin"), "too small");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int refusedPort() {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return closed.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
