package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.SystemTimeSource;

/** Real sockets on 127.0.0.1; DNS faults through a fake lookup, so no test depends on a name server. */
class TcpCheckTests {

    private final SystemTimeSource time = new SystemTimeSource();

    private TcpCheck check;

    @AfterEach
    void close() {
        if (this.check != null) {
            this.check.close();
        }
        this.time.close();
    }

    @Test
    void listeningPortIsUpWithItsConnectTime() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.check = new TcpCheck(config("api", "127.0.0.1:" + server.getLocalPort()), this.time);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SystemMetrics.tcp(this.check).bindTo(registry);

            CheckResult result = this.check.check();

            assertThat(result.status()).isEqualTo(Status.UP);
            assertThat(target(result)).containsEntry("result", "connected").containsEntry("address", "127.0.0.1")
                    .containsKey("connectMs").doesNotContainKey("dnsMs");
            assertThat(registry.get(MeterNames.TCP_CONNECT).tag("target", "api").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void resolvedNameShowsItsDnsTimeAndAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HostLookup lookup = (host) -> new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0,
                1 }) };
            this.check = new TcpCheck(config("api", "api.internal:" + server.getLocalPort()), this.time, lookup);

            CheckResult result = this.check.check();

            assertThat(result.status()).isEqualTo(Status.UP);
            assertThat(target(result)).containsEntry("address", "127.0.0.1").containsKey("dnsMs");
        }
    }

    @Test
    void refusedPortIsClassified() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        this.check = new TcpCheck(config("api", "127.0.0.1:" + port), this.time);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tcp.connection-refused");
        assertThat(result.diagnosis().orElseThrow().cause()).isEqualTo("'api' (127.0.0.1:" + port + ") refused the"
                + " connection at 127.0.0.1: nothing listens on port " + port);
        assertThat(target(result)).containsEntry("result", "refused");
    }

    @Test
    void socketThatNeverAcceptsIsATimeoutWithinTheDeadline() throws Exception {
        try (BacklogFullServer server = new BacklogFullServer()) {
            this.check = new TcpCheck(TcpCheckConfig.builder().target("api", "127.0.0.1:" + server.port())
                    .deadline(Duration.ofMillis(300)).build(), this.time);

            CheckResult result = this.check.check();

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tcp.timeout");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("did not answer at 127.0.0.1 within 300 ms",
                    "firewall");
        }
    }

    @Test
    void unknownHostIsClassified() throws Exception {
        this.check = new TcpCheck(config("payments", "payments.invalid:443"), this.time, (host) -> {
            throw new UnknownHostException(host + ": Name or service not known");
        });

        CheckResult result = this.check.check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tcp.unknown-host");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("'payments' (payments.invalid:443) does not"
                + " resolve");
    }

    @Test
    void resolverThatNeverAnswersIsADnsTimeoutAndIsNotAskedAgainWhileHanging() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger lookups = new AtomicInteger();
        this.check = new TcpCheck(TcpCheckConfig.builder().target("payments", "payments.internal:443")
                .deadline(Duration.ofMillis(100)).build(), this.time, (host) -> {
                    lookups.incrementAndGet();
                    try {
                        never.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    throw new UnknownHostException(host);
                });
        try {
            CheckResult first = this.check.check();
            CheckResult second = this.check.check();

            assertThat(first.diagnosis().orElseThrow().code()).isEqualTo("tcp.dns-timeout");
            assertThat(second.diagnosis().orElseThrow().code()).isEqualTo("tcp.dns-timeout");
            assertThat(lookups).hasValue(1);
        }
        finally {
            never.countDown();
        }
    }

    @Test
    void everyFailingTargetIsNamedAndTheHealthyOnesShown() throws Exception {
        int refused;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = closed.getLocalPort();
        }
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.check = new TcpCheck(TcpCheckConfig.builder()
                    .target("up", "127.0.0.1:" + server.getLocalPort())
                    .target("down", "127.0.0.1:" + refused)
                    .target("ghost", "ghost.invalid:80")
                    .build(), this.time, (host) -> {
                        throw new UnknownHostException(host);
                    });

            CheckResult result = this.check.check();

            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("tcp.connection-refused");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("'down'", "'ghost'").doesNotContain("'up'");
            assertThat(targets(result)).extracting((target) -> target.get("result"))
                    .containsExactly("connected", "refused", "unknown-host");
        }
    }

    @Test
    void badSettingsAreRejectedByProperty() {
        assertThatThrownBy(() -> TcpCheckConfig.builder().target("db", "db.internal"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tcp.targets.db'");
        assertThatThrownBy(() -> TcpCheckConfig.builder().target("db", "db.internal:70000"))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tcp.targets.db'");
        assertThatThrownBy(() -> TcpCheckConfig.builder().target("db", "::1:5432"))
                .hasMessageContaining("[::1]:443");
        assertThatThrownBy(() -> TcpCheckConfig.builder().deadline(Duration.ZERO))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tcp.deadline'");
        assertThatThrownBy(() -> TcpCheckConfig.builder().build())
                .hasMessageStartingWith("Invalid configuration 'diagnostics.tcp.targets'");
        assertThat(TcpCheckConfig.builder().target("db", "[::1]:5432").build().targets().get(0).host())
                .isEqualTo("::1");
    }

    private static TcpCheckConfig config(String name, String address) {
        return TcpCheckConfig.builder().target(name, address).deadline(Duration.ofSeconds(2)).build();
    }

    private static Map<String, Object> target(CheckResult result) {
        return targets(result).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(CheckResult result) {
        return (List<Map<String, Object>>) result.details().get("targets");
    }
}
