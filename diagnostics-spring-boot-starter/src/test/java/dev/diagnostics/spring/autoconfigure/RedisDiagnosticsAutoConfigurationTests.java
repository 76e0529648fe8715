package dev.diagnostics.spring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckReport;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.redis.RedisCheck;
import dev.diagnostics.redis.RedisCheckConfig;
import dev.diagnostics.redis.RedisMetrics;
import dev.diagnostics.spring.actuate.CheckHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The redis diagnostics in Spring Boot's own light test runner, on the machine's Redis (127.0.0.1:6379, never
 * reconfigured) and on a port where nothing listens.
 */
class RedisDiagnosticsAutoConfigurationTests {

    private static final String CANARY = "Canary-redis-5d1c";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379")
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    DataRedisHealthContributorAutoConfiguration.class,
                    DataRedisReactiveHealthContributorAutoConfiguration.class, DiagnosticsAutoConfiguration.class,
                    RedisDiagnosticsAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class));

    @Test
    void springBootsRedisIndicatorIsReplacedByOursUnderTheSameNameInReadiness() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("redisHealthContributor")).isSameAs(context.getBean(RedisCheck.class));
            assertThat(context.getBeansOfType(DataRedisHealthIndicator.class)).isEmpty();
            assertThat(context.getBeansOfType(DataRedisReactiveHealthIndicator.class)).isEmpty();
            HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
            HealthContributor redis = registry.getContributor("redis");
            assertThat(redis).isInstanceOf(CheckHealthIndicator.class);
            HealthEngine engine = context.getBean(HealthEngine.class);
            assertThat(names(engine)).containsExactly("deadlocks", "redis");
            assertThat(registration(engine, "redis").groups()).containsExactly(HealthGroups.READINESS);
            CheckReport report = await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.evaluateCheck("redis"), (r) -> r.status() == Status.UP);
            assertThat(report.result().details()).containsKey("version");
            Health health = ((HealthIndicator) redis).health();
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
        });
    }

    @Test
    void applicationsOwnRedisHealthIndicatorIsKept() {
        HealthIndicator own = () -> Health.up().withDetail("mine", true).build();
        this.runner.withBean("redisHealthIndicator", HealthIndicator.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class);
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("redis")).isSameAs(own);
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void applicationsOwnRedisHealthContributorIsKept() {
        HealthIndicator own = () -> Health.up().build();
        this.runner.withBean("redisHealthContributor", HealthContributor.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class);
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("redis")).isSameAs(own);
        });
    }

    @Test
    void turnedOffKeepsSpringBootsOwnRedisIndicator() {
        this.runner.withPropertyValues("diagnostics.redis.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class);
            assertThat(context.getBean("redisHealthContributor")).isNotInstanceOf(RedisCheck.class);
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void springBootsOwnSwitchForRedisHealthTurnsOursOffToo() {
        this.runner.withPropertyValues("management.health.redis.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class).doesNotHaveBean("redisHealthContributor");
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void engineTurnedOffKeepsSpringBootsOwnRedisIndicator() {
        this.runner.withPropertyValues("diagnostics.health.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class);
            assertThat(context.getBean("redisHealthContributor")).isNotInstanceOf(RedisCheck.class);
        });
    }

    @Test
    void withoutLettuceNothingRedisIsConfigured() {
        this.runner.withClassLoader(new FilteredClassLoader(RedisClient.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class);
            assertThat(context).doesNotHaveBean("redisHealthContributor");
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void withoutSpringDataRedisNothingRedisIsConfigured() {
        this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisCheck.class);
            assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
        });
    }

    @Test
    void withoutAConnectionFactoryNothingRedisIsConfigured() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DiagnosticsAutoConfiguration.class,
                        RedisDiagnosticsAutoConfiguration.class))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(RedisCheck.class);
                    assertThat(names(context.getBean(HealthEngine.class))).containsExactly("deadlocks");
                });
    }

    @Test
    void refusedConnectionIsDownAsSuchWithinTheBudgetAndNeverShowsThePassword() throws IOException {
        int closedPort = closedPort();
        this.runner.withPropertyValues("spring.data.redis.port=" + closedPort,
                "spring.data.redis.password=" + CANARY).run((context) -> {
                    assertThat(context).hasNotFailed();
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    CheckReport report = await().atMost(Duration.ofSeconds(10))
                            .until(() -> engine.evaluateCheck("redis"), (r) -> r.status() == Status.DOWN
                                    && r.result().diagnosis().map(Diagnosis::code)
                                            .filter("redis.connection-refused"::equals).isPresent());
                    assertThat(report.result().toString()).doesNotContain(CANARY);
                    assertThat(String.valueOf(report.result().details())).doesNotContain(CANARY)
                            .contains(String.valueOf(closedPort));
                    assertThat(String.valueOf(context.getBean(RedisCheck.class))).doesNotContain(CANARY);
                });
    }

    @Test
    void meterBinderIsRegisteredWithMicrometer() {
        this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(RedisMetrics.class);
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> engine.evaluateCheck("redis").status() == Status.UP);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.getMeters()).anySatisfy((meter) -> assertThat(meter.getId().getName())
                            .startsWith("diagnostics.redis."));
                });
    }

    @Test
    void settingsReachTheCheckAndPerCheckOverridesApply() {
        this.runner.withPropertyValues("diagnostics.redis.deadline=150ms", "diagnostics.checks.redis.critical=false")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(registration(context.getBean(HealthEngine.class), "redis").critical()).isFalse();
                });
    }

    @Test
    void propertyDefaultsAreTheCoreDefaults() {
        DiagnosticsProperties.Redis properties = new DiagnosticsProperties().getRedis();
        RedisCheckConfig defaults = RedisCheckConfig.defaults();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getDeadline()).isEqualTo(defaults.deadline());
        assertThat(properties.getMemoryWarning()).isEqualTo(defaults.memoryWarning());
    }

    @ParameterizedTest
    @CsvSource({ "diagnostics.redis.deadline, 0ms", "diagnostics.redis.deadline, -1s",
            "diagnostics.redis.memory-warning, 0", "diagnostics.redis.memory-warning, 1.5" })
    void badValueFailsStartupNamingTheProperty(String property, String value) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("'" + property + "'");
            assertThat(((InvalidConfigurationException) root).property()).isEqualTo(property);
        });
    }

    @Test
    void standaloneUriCarriesTheFactorysAddressCredentialsDatabaseAndTls() {
        RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration("redis.internal", 6380);
        standalone.setDatabase(3);
        standalone.setUsername("app");
        standalone.setPassword(RedisPassword.of(CANARY));
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .useSsl().verifyPeer(SslVerifyMode.CA).startTls().and()
                .clientName("orders")
                .commandTimeout(Duration.ofSeconds(2))
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(standalone, client);

        RedisURI uri = LettuceFactoryConnection.uri(factory);

        assertThat(uri.getHost()).isEqualTo("redis.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        assertThat(credentials(uri).getUsername()).isEqualTo("app");
        assertThat(new String(credentials(uri).getPassword())).isEqualTo(CANARY);
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getVerifyMode()).isEqualTo(SslVerifyMode.CA);
        assertThat(uri.isStartTls()).isTrue();
        assertThat(uri.getClientName()).isEqualTo("orders");
        assertThat(LettuceFactoryConnection.target(factory)).isEqualTo("redis.internal:6380");
        assertThat(LettuceFactoryConnection.secrets(factory)).containsExactly(CANARY);
        assertThat(uri.toString()).doesNotContain(CANARY);
    }

    @Test
    void sentinelUriNamesTheMasterAndEverySentinelWithTheirOwnPassword() {
        RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration().master("mymaster")
                .sentinel("10.0.0.1", 26379)
                .sentinel("10.0.0.2", 26379);
        sentinel.setDatabase(1);
        sentinel.setPassword(RedisPassword.of(CANARY));
        sentinel.setSentinelPassword(RedisPassword.of(CANARY + "-sentinel"));
        LettuceConnectionFactory factory = new LettuceConnectionFactory(sentinel,
                LettuceClientConfiguration.defaultConfiguration());

        RedisURI uri = LettuceFactoryConnection.uri(factory);

        assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(uri.getSentinels()).extracting(RedisURI::getHost).containsExactlyInAnyOrder("10.0.0.1",
                "10.0.0.2");
        assertThat(uri.getSentinels()).allSatisfy(
                (node) -> assertThat(new String(credentials(node).getPassword())).isEqualTo(CANARY + "-sentinel"));
        assertThat(new String(credentials(uri).getPassword())).isEqualTo(CANARY);
        assertThat(uri.getDatabase()).isEqualTo(1);
        assertThat(LettuceFactoryConnection.target(factory)).startsWith("sentinel master mymaster via ")
                .contains("10.0.0.1:26379").contains("10.0.0.2:26379");
        assertThat(LettuceFactoryConnection.secrets(factory)).containsExactlyInAnyOrder(CANARY,
                CANARY + "-sentinel");
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> names(HealthEngine engine) {
        return engine.registrations().stream().map(CheckRegistration::name).toList();
    }

    private static CheckRegistration registration(HealthEngine engine, String name) {
        return engine.registrations().stream()
                .filter((registration) -> registration.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
