package dev.diagnostics.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.system.DiskSpaceCheck;
import dev.diagnostics.system.HotThreadsCheck;
import dev.diagnostics.system.RequiredConfiguration;
import dev.diagnostics.system.RequiredFilesCheck;
import dev.diagnostics.system.SystemMetrics;
import dev.diagnostics.system.TcpCheck;
import dev.diagnostics.system.TlsCheck;
import dev.diagnostics.time.TimeSource;

/**
 * The system checks, configured by {@code diagnostics.config|files|disk-space|tls|tcp|cpu.*}:
 *
 * <ul>
 * <li>{@code config} (readiness), when {@code diagnostics.config.required} lists names: the same facts
 * {@link RequiredConfigurationVerifier} checks at startup, read from the {@link Environment};</li>
 * <li>{@code files} (readiness), when {@code diagnostics.files.required} lists files;</li>
 * <li>{@code diskSpace} (readiness), on by default, replacing Spring Boot's {@code diskSpace} indicator through its
 * own back-off: its bean is conditional on no bean named {@code diskSpaceHealthIndicator}, an alias of ours;</li>
 * <li>{@code ssl} (readiness), the TLS certificate check, when there is something to check (SSL bundles, key stores,
 * PEM files, endpoints), replacing Spring Boot's {@code ssl} indicator under its name the same way (alias
 * {@code sslHealthIndicator});</li>
 * <li>{@code tcp} (readiness), when {@code diagnostics.tcp.targets} lists targets;</li>
 * <li>{@code cpu} (no probe group, not critical), on by default.</li>
 * </ul>
 *
 * <p>The back-off works both ways: an application that defines {@code diskSpaceHealthIndicator} or
 * {@code sslHealthIndicator} keeps its own and gets none of ours; {@code diagnostics.disk-space.enabled=false} and
 * {@code diagnostics.tls.enabled=false} keep Spring Boot's. Spring Boot's own switches,
 * {@code management.health.diskspace.enabled} and {@code management.health.ssl.enabled} (and
 * {@code management.health.defaults.enabled}), turn ours off as they do Spring Boot's indicators.
 * {@code diagnostics.checks.<name>.*} applies to each check.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple"
                + ".SimpleMetricsExportAutoConfiguration" },
        // Our beans must exist when Spring Boot's indicators decide whether to back off.
        beforeName = {
                "org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration",
                "org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration" })
@ConditionalOnClass(HealthEngine.class)
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SystemDiagnosticsProperties.class)
public final class SystemDiagnosticsAutoConfiguration {

    /** The name of the TLS check in Spring Boot: that of the indicator it replaces. */
    public static final String TLS_CHECK_NAME = "ssl";

    SystemDiagnosticsAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnConfigured("diagnostics.config.required")
    static class RequiredConfigurationCheckConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "configCheckRegistration")
        CheckRegistration configCheckRegistration(Environment environment, SystemDiagnosticsProperties properties) {
            RequiredConfiguration required = SystemChecks.requiredConfiguration(properties.getConfig());
            return RequiredConfiguration.registration(required.check(environment::getProperty)).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnConfigured("diagnostics.files.required")
    static class RequiredFilesConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RequiredFilesCheck requiredFilesCheck(SystemDiagnosticsProperties properties) {
            return SystemChecks.files(properties.getFiles());
        }

        @Bean
        @ConditionalOnMissingBean(name = "filesCheckRegistration")
        CheckRegistration filesCheckRegistration(RequiredFilesCheck requiredFilesCheck) {
            return RequiredFilesCheck.registration(requiredFilesCheck).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "diagnostics.disk-space.enabled", matchIfMissing = true)
    @ConditionalOnEnabledHealthIndicator("diskspace")
    @ConditionalOnMissingBean(name = "diskSpaceHealthIndicator")
    static class DiskSpaceConfiguration {

        /** Named {@code diskSpaceHealthIndicator} too, which is what makes Spring Boot's indicator back off. */
        @Bean(name = { "diskSpaceCheck", "diskSpaceHealthIndicator" })
        DiskSpaceCheck diskSpaceCheck(SystemDiagnosticsProperties properties) {
            return new DiskSpaceCheck(SystemChecks.diskSpace(properties.getDiskSpace()));
        }

        @Bean
        @ConditionalOnMissingBean(name = "diskSpaceCheckRegistration")
        CheckRegistration diskSpaceCheckRegistration(DiskSpaceCheck diskSpaceCheck) {
            return DiskSpaceCheck.registration(diskSpaceCheck).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "diagnostics.tls.enabled", matchIfMissing = true)
    @ConditionalOnEnabledHealthIndicator("ssl")
    @ConditionalOnConfigured({ "diagnostics.tls.keystores", "diagnostics.tls.pem", "diagnostics.tls.endpoints",
        "spring.ssl.bundle" })
    @ConditionalOnMissingBean(name = "sslHealthIndicator")
    static class TlsConfiguration {

        /** Named {@code sslHealthIndicator} too, which is what makes Spring Boot's indicator back off. */
        @Bean(name = { "tlsCheck", "sslHealthIndicator" })
        TlsCheck tlsCheck(SystemDiagnosticsProperties properties, TimeSource time, ObjectProvider<SslBundles> bundles) {
            return new TlsCheck(SystemChecks.tls(properties.getTls(), bundles.getIfAvailable()), time);
        }

        @Bean
        @ConditionalOnMissingBean(name = "tlsCheckRegistration")
        CheckRegistration tlsCheckRegistration(TlsCheck tlsCheck) {
            return TlsCheck.registration(TLS_CHECK_NAME, tlsCheck).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnConfigured("diagnostics.tcp.targets")
    static class TcpConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TcpCheck tcpCheck(SystemDiagnosticsProperties properties, TimeSource time) {
            return new TcpCheck(SystemChecks.tcp(properties.getTcp()), time);
        }

        @Bean
        @ConditionalOnMissingBean(name = "tcpCheckRegistration")
        CheckRegistration tcpCheckRegistration(TcpCheck tcpCheck) {
            return TcpCheck.registration(tcpCheck).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "diagnostics.cpu.enabled", matchIfMissing = true)
    static class CpuConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HotThreadsCheck hotThreadsCheck(SystemDiagnosticsProperties properties, TimeSource time) {
            return new HotThreadsCheck(SystemChecks.cpu(properties.getCpu()), time);
        }

        @Bean
        @ConditionalOnMissingBean(name = "cpuCheckRegistration")
        CheckRegistration cpuCheckRegistration(HotThreadsCheck hotThreadsCheck) {
            return HotThreadsCheck.registration(hotThreadsCheck).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        /** The meters {@code diagnostics.disk.*}, {@code .tls.*}, {@code .tcp.*} and {@code .cpu.*} of the checks. */
        @Bean
        @ConditionalOnMissingBean(name = "systemDiagnosticsMetrics")
        MeterBinder systemDiagnosticsMetrics(ObjectProvider<DiskSpaceCheck> disk, ObjectProvider<TlsCheck> tls,
                ObjectProvider<TcpCheck> tcp, ObjectProvider<HotThreadsCheck> cpu) {
            return (registry) -> {
                disk.ifAvailable((check) -> SystemMetrics.diskSpace(check).bindTo(registry));
                tls.ifAvailable((check) -> SystemMetrics.tls(check).bindTo(registry));
                tcp.ifAvailable((check) -> SystemMetrics.tcp(check).bindTo(registry));
                cpu.ifAvailable((check) -> SystemMetrics.cpu(check).bindTo(registry));
            };
        }
    }
}
