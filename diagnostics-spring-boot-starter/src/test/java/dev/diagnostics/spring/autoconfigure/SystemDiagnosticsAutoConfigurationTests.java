package dev.diagnostics.spring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckReport;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.spring.actuate.CheckHealthIndicator;
import dev.diagnostics.system.DiskSpaceCheck;
import dev.diagnostics.system.HotThreadsCheck;
import dev.diagnostics.system.TcpCheck;
import dev.diagnostics.system.TlsCheck;

import static org.assertj.core.api.Assertions.assertThat;

/** The system checks in Spring Boot's light test runner, with Spring Boot's own diskSpace and ssl indicators. */
class SystemDiagnosticsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DiagnosticsAutoConfiguration.class,
                    SystemDiagnosticsAutoConfiguration.class, SslAutoConfiguration.class,
                    DiskSpaceHealthContributorAutoConfiguration.class, SslHealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class));

    @Test
    void byDefaultDiskSpaceReplacesSpringBootsAndCpuIsAdded() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("diskSpaceHealthIndicator")).isSameAs(context.getBean(DiskSpaceCheck.class));
            assertThat(context.getBeansOfType(DiskSpaceHealthIndicator.class)).isEmpty();
            HealthEngine engine = context.getBean(HealthEngine.class);
            assertThat(names(engine)).containsExactlyInAnyOrder("deadlocks", "diskSpace", "cpu");
            assertThat(registration(engine, "diskSpace").groups()).containsExactly(HealthGroups.READINESS);
            assertThat(registration(engine, "cpu").groups()).isEmpty();
            assertThat(registration(engine, "cpu").critical()).isFalse();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("diskSpace"))
                    .isInstanceOf(CheckHealthIndicator.class);
            // Nothing to check: Spring Boot's ssl indicator stays.
            assertThat(context).hasSingleBean(SslHealthIndicator.class).doesNotHaveBean(TlsCheck.class);
            assertThat(engine.evaluateCheck("diskSpace").result().details()).containsKey("paths");
        });
    }

    @Test
    void turnedOffKeepSpringBootsOwnIndicators() {
        this.runner.withPropertyValues("diagnostics.disk-space.enabled=false", "diagnostics.cpu.enabled=false")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(DiskSpaceHealthIndicator.class)
                            .doesNotHaveBean(DiskSpaceCheck.class).doesNotHaveBean(HotThreadsCheck.class);
                    assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
                });
    }

    @Test
    void springBootsOwnSwitchesTurnOursOffToo(@TempDir Path directory) throws IOException {
        Path pem = Files.writeString(directory.resolve("empty.pem"), "no certificate here");
        this.runner.withPropertyValues("management.health.diskspace.enabled=false", "management.health.ssl.enabled=false",
                "diagnostics.tls.pem.api.path=" + pem).run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(DiskSpaceCheck.class).doesNotHaveBean(TlsCheck.class)
                            .doesNotHaveBean(DiskSpaceHealthIndicator.class).doesNotHaveBean(SslHealthIndicator.class);
                    assertThat(names(context.getBean(HealthEngine.class))).containsExactlyInAnyOrder("deadlocks",
                            "cpu");
                });
    }

    @Test
    void applicationsOwnDiskSpaceIndicatorIsKept() {
        HealthIndicator own = () -> Health.up().build();
        this.runner.withBean("diskSpaceHealthIndicator", HealthIndicator.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DiskSpaceCheck.class);
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("diskSpace")).isSameAs(own);
        });
    }

    @Test
    void configuredCertificatesReplaceSpringBootsSslIndicatorUnderItsName(@TempDir Path directory)
            throws IOException {
        Path pem = Files.writeString(directory.resolve("empty.pem"), "no certificate here");
        this.runner.withPropertyValues("diagnostics.tls.pem.api.path=" + pem).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SslHealthIndicator.class);
            assertThat(context.getBean("sslHealthIndicator")).isSameAs(context.getBean(TlsCheck.class));
            HealthEngine engine = context.getBean(HealthEngine.class);
            assertThat(names(engine)).contains("ssl");
            assertThat(registration(engine, "ssl").cacheTtl()).isEqualTo(TlsCheck.DEFAULT_CACHE_TTL);
            CheckReport ssl = engine.evaluateCheck("ssl");
            assertThat(ssl.status()).isEqualTo(Status.DOWN);
            assertThat(ssl.result().diagnosis().orElseThrow().code()).isEqualTo("tls.unreadable");
        });
    }

    @Test
    void configuredDependenciesGetTheirChecks(@TempDir Path directory) throws IOException {
        Path model = Files.writeString(directory.resolve("model.bin"), "weights");
        int refused;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = closed.getLocalPort();
        }
        this.runner.withPropertyValues("diagnostics.files.required.model.path=" + model,
                "diagnostics.files.required.model.min-size=1KB", "diagnostics.tcp.targets.payments=127.0.0.1:"
                        + refused, "diagnostics.config.required=HOME_OF_NOBODY_X1",
                "diagnostics.config.fail-on-startup=false").run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TcpCheck.class);
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    assertThat(names(engine)).containsExactlyInAnyOrder("deadlocks", "config", "files", "diskSpace",
                            "tcp", "cpu");
                    assertThat(engine.evaluateCheck("files").result().diagnosis().orElseThrow().code())
                            .isEqualTo("files.too-small");
                    assertThat(engine.evaluateCheck("tcp").result().diagnosis().orElseThrow().code())
                            .isEqualTo("tcp.connection-refused");
                    assertThat(engine.evaluateCheck("config").result().diagnosis().orElseThrow().cause())
                            .contains("HOME_OF_NOBODY_X1 is not set");
                    for (String name : List.of("config", "files", "tcp")) {
                        assertThat(registration(engine, name).groups()).containsExactly(HealthGroups.READINESS);
                    }
                });
    }

    @Test
    void badSettingFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("diagnostics.tcp.targets.payments=payments.internal").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith("Invalid configuration 'diagnostics.tcp.targets.payments'");
        });
        this.runner.withPropertyValues("diagnostics.cpu.load-warning=2").run((context) -> assertThat(
                context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "Invalid configuration 'diagnostics.cpu.load-warning'"));
        this.runner.withPropertyValues("diagnostics.disk-space.warning-free-percent=150").run((context) -> assertThat(
                context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "Invalid configuration 'diagnostics.disk-space.warning-free-percent'"));
    }

    @Test
    void unreadableTrustStoreFailsStartupNamingItsProperty(@TempDir Path directory) {
        this.runner.withPropertyValues("diagnostics.tls.endpoints.api.address=127.0.0.1:443",
                "diagnostics.tls.trust-store.path=" + directory.resolve("absent.p12"),
                "diagnostics.tls.trust-store.password=Canary-trust-pass-1e4d").run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidConfigurationException.class)
                            .hasMessageStartingWith("Invalid configuration 'diagnostics.tls.trust-store'")
                            .hasMessageNotContaining("Canary-trust-pass-1e4d");
                });
    }

    @Test
    void metersAreBoundToTheApplicationsRegistry() {
        this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run((context) -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find(MeterNames.DISK_FREE).gauges()).isNotEmpty()
                            .allSatisfy((gauge) -> assertThat(gauge.value()).isPositive());
                    assertThat(registry.find(MeterNames.CPU_LOAD).gauge()).isNotNull();
                });
    }

    private static List<String> names(HealthEngine engine) {
        return engine.registrations().stream().map(CheckRegistration::name).toList();
    }

    private static CheckRegistration registration(HealthEngine engine, String name) {
        return engine.registrations().stream().filter((r) -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
