package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.time.SystemTimeSource;

/**
 * Certificates made in the test by keytool, served by a TLS server on 127.0.0.1 and read from files: each fault the
 * check exists to find.
 */
class TlsCheckTests {

    private static TestCertificates certificates;

    private final SystemTimeSource time = new SystemTimeSource();

    private TlsCheck check;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.get();
    }

    @AfterEach
    void close() {
        if (this.check != null) {
            this.check.close();
        }
        this.time.close();
    }

    @Test
    void endpointWithAFullValidChainIsUp() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates,
                certificates.fullChain(certificates.valid))) {
            CheckResult result = checkEndpoint(server);

            assertThat(result.status()).as(String.valueOf(result.diagnosis())).isEqualTo(Status.UP);
            Map<String, Object> endpoint = endpoints(result).get(0);
            assertThat(endpoint).containsKey("protocol").containsKey("handshakeMs");
            assertThat(chainOf(endpoint)).containsEntry("subject", "CN=localhost").containsEntry("chainLength", 3);
            assertThat(((Number) chainOf(endpoint).get("daysLeft")).doubleValue()).isBetween(363.0, 365.0);
            assertThat(this.check.daysLeft("server")).isBetween(363.0, 365.0);
        }
    }

    @Test
    void expiredCertificateIsDown() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates,
                certificates.fullChain(certificates.expired))) {
            CheckResult result = checkEndpoint(server);

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.expired");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("endpoint 'server'", "CN=localhost",
                    "expired 29 days ago");
            assertThat(this.check.daysLeft("server")).isLessThan(-28);
        }
    }

    @Test
    void certificateExpiringInTenDaysIsDegraded() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates,
                certificates.fullChain(certificates.tenDays))) {
            CheckResult result = checkEndpoint(server);

            assertThat(result.status()).isEqualTo(Status.DEGRADED);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.expiring");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("expires in 9 days");
            assertThat(((Number) chainOf(endpoints(result).get(0)).get("daysLeft")).doubleValue()).isEqualTo(9.0);
        }
    }

    @Test
    void chainWithoutItsIntermediateIsIncomplete() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates, List.of(certificates.valid))) {
            CheckResult result = checkEndpoint(server);

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.chain-incomplete");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("issued by 'CN=Test Intermediate'",
                    "intermediate certificate is not sent");
            assertThat(result.diagnosis().orElseThrow().remedy()).contains("full chain");
        }
    }

    @Test
    void certificateForAnotherHostIsAMismatch() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates,
                certificates.fullChain(certificates.wrongHost))) {
            CheckResult result = checkEndpoint(server);

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.hostname-mismatch");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("[other.example]", "not for '127.0.0.1'");
        }
    }

    @Test
    void chainNotLeadingToTheTrustStoreIsUntrusted() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates,
                certificates.fullChain(certificates.valid))) {
            // The JDK's own trust store does not hold the test root.
            this.check = new TlsCheck(TlsCheckConfig.builder()
                    .endpoint(TlsEndpoint.parse("server", server.address(), "test"))
                    .handshakeTimeout(Duration.ofSeconds(5)).build(), this.time);

            CheckResult result = this.check.check();

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.untrusted");
        }
    }

    @Test
    void trustStoreFileIsReadAtBuildAndTrustsItsCertificates() throws Exception {
        Path file = certificates.write("trust-file.p12", certificates.trustStore());
        try (LoopbackTlsServer server = new LoopbackTlsServer(certificates,
                certificates.fullChain(certificates.valid))) {
            this.check = new TlsCheck(TlsCheckConfig.builder()
                    .endpoint(TlsEndpoint.parse("server", server.address(), "test"))
                    .trustStoreFile(file, null, TestCertificates.PASSWORD.toCharArray())
                    .handshakeTimeout(Duration.ofSeconds(5)).build(), this.time);

            CheckResult result = this.check.check();

            assertThat(result.status()).as(String.valueOf(result.diagnosis())).isEqualTo(Status.UP);
        }
    }

    @Test
    void unreadableTrustStoreFileIsAConfigurationErrorThatNeverShowsThePassword() throws Exception {
        Path file = certificates.write("trust-wrong.p12", certificates.trustStore());
        assertThatThrownBy(() -> TlsCheckConfig.builder().propertyPrefix("quarkus.diagnostics.tls")
                .trustStoreFile(file, null, "Canary-wrong-7d1c".toCharArray()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.tls.trust-store'")
                .hasMessageNotContaining("Canary-wrong-7d1c");
        assertThatThrownBy(() -> TlsCheckConfig.builder().trustStoreFile(file.resolveSibling("absent.p12"), null,
                null)).hasMessageStartingWith("Invalid configuration 'diagnostics.tls.trust-store'")
                .hasMessageContaining("absent.p12");
        assertThatThrownBy(() -> TlsCheckConfig.builder().trustStoreFile(null, null, null))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tls.trust-store.path'");
    }

    @Test
    void endpointThatRefusesIsUnreachable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        this.check = new TlsCheck(TlsCheckConfig.builder()
                .endpoint(TlsEndpoint.parse("server", "127.0.0.1:" + port, "test")).build(), this.time);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.unreachable");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("connection refused");
    }

    @Test
    void keyStoreFileIsReadWithItsPasswordWhichIsNeverShown() throws Exception {
        Path file = certificates.write("expiring.p12", certificates.keyStore(
                certificates.fullChain(certificates.tenDays)));
        this.check = new TlsCheck(TlsCheckConfig.builder()
                .source(CertificateSource.keyStore("server", file, null, TestCertificates.PASSWORD.toCharArray()))
                .build(), this.time);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().cause()).contains("source 'server' entry 'server'",
                "expires in 9 days");
        assertThat(json(result)).doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void keyStoreWithAWrongPasswordIsUnreadableWithoutShowingIt() throws Exception {
        Path file = certificates.write("valid.p12", certificates.keyStore(certificates.fullChain(certificates.valid)));
        String wrong = "Canary-wrong-pass-91ab";
        CertificateSource source = CertificateSource.keyStore("server", file, "PKCS12", wrong.toCharArray());
        this.check = new TlsCheck(TlsCheckConfig.builder().source(source).build(), this.time);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.unreadable");
        assertThat(json(result) + result + source).doesNotContain(wrong).doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void pemFileWithAnExpiredCertificateIsDown() throws Exception {
        Path pem = certificates.writePem("expired.pem.crt", certificates.fullChain(certificates.expired));
        this.check = new TlsCheck(TlsCheckConfig.builder().source(CertificateSource.pem("api", pem)).build(),
                this.time);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.expired");
    }

    @Test
    void selfSignedKeyEntryIsDegradedUnlessExpected() throws Exception {
        CertificateSource source = CertificateSource.keyStore("dev", certificates.selfSignedKeyStore, null,
                TestCertificates.PASSWORD.toCharArray());
        this.check = new TlsCheck(TlsCheckConfig.builder().source(source).build(), this.time);
        CheckResult unexpected = this.check.check();
        this.check.close();
        this.check = new TlsCheck(TlsCheckConfig.builder().source(source.selfSignedExpected(true)).build(),
                this.time);
        CheckResult expected = this.check.check();

        assertThat(unexpected.status()).isEqualTo(Status.DEGRADED);
        assertThat(unexpected.diagnosis().orElseThrow().code()).isEqualTo("tls.self-signed");
        assertThat(expected.status()).isEqualTo(Status.UP);
    }

    @Test
    void trustStoreEntriesHaveOnlyTheirDatesChecked() throws Exception {
        Path file = certificates.write("trust.p12", certificates.trustStore());
        this.check = new TlsCheck(TlsCheckConfig.builder()
                .source(CertificateSource.keyStore("trust", file, null, TestCertificates.PASSWORD.toCharArray()))
                .build(), this.time);

        assertThat(this.check.check().status()).isEqualTo(Status.UP);
    }

    @Test
    void expiryIsJudgedAtTheTimeSourcesNow() throws Exception {
        Path pem = certificates.writePem("valid.pem.crt", certificates.fullChain(certificates.valid));
        dev.diagnostics.time.ManualTimeSource later = new dev.diagnostics.time.ManualTimeSource(
                Instant.now().plus(Duration.ofDays(350)));
        this.check = new TlsCheck(TlsCheckConfig.builder().source(CertificateSource.pem("api", pem)).build(), later);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tls.expiring");
    }

    @Test
    void badSettingsAreRejectedByProperty() {
        assertThatThrownBy(() -> TlsCheckConfig.builder().handshakeTimeout(Duration.ZERO))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tls.handshake-timeout'");
        assertThatThrownBy(() -> TlsCheckConfig.builder().expiryWarning(Duration.ofDays(-1)))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tls.expiry-warning'");
        assertThatThrownBy(() -> TlsEndpoint.parse("api", "localhost", "diagnostics.tls.endpoints.api"))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tls.endpoints.api'");
        assertThatThrownBy(() -> TlsCheckConfig.builder()
                .endpoint(TlsEndpoint.parse("api", "localhost:443", "x"))
                .source(CertificateSource.pem("api", Path.of("api.pem"))))
                .hasMessageContaining("another certificate source or endpoint is named 'api'");
    }

    private CheckResult checkEndpoint(LoopbackTlsServer server) throws Exception {
        this.check = new TlsCheck(TlsCheckConfig.builder()
                .endpoint(TlsEndpoint.parse("server", server.address(), "test"))
                .trustStore(certificates.trustStore())
                .handshakeTimeout(Duration.ofSeconds(5))
                .build(), this.time);
        return this.check.check();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> endpoints(CheckResult result) {
        return (List<Map<String, Object>>) result.details().get("endpoints");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chainOf(Map<String, Object> endpoint) {
        return (Map<String, Object>) endpoint.get("chain");
    }

    private static String json(CheckResult result) {
        return ResultText.of(result);
    }
}
