package dev.diagnostics.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckReport;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtFailureReason;
import dev.diagnostics.jwt.KeyFingerprintRegistry;

/** The jwt check in Spring Boot's light test runner; the Redis registry on the machine's Redis under a unique key. */
class JwtDiagnosticsAutoConfigurationTests {

    private static final String CANARY = "cAnArY" + randomSecret().substring(0, 40);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DiagnosticsAutoConfiguration.class,
                    JwtDiagnosticsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

    @Test
    void secretByReferenceGivesAReadinessCheckTheClassifierAndMeters() {
        this.runner.withPropertyValues("app.jwt.secret=" + CANARY, "diagnostics.jwt.secret-property=app.jwt.secret",
                "diagnostics.jwt.audience=orders").run((context) -> {
                    assertThat(context).hasNotFailed();
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    CheckReport report = engine.evaluateCheck(JwtCheck.NAME);
                    assertThat(report.status()).isEqualTo(Status.UP);
                    assertThat(report.groups()).contains(HealthGroups.READINESS);
                    assertThat(report.result().details()).containsEntry("keySource", "property 'app.jwt.secret'")
                            .containsEntry("selfTest", "passed").containsEntry("registry",
                                    "none: instances are not compared (needs a shared registry such as Redis)");

                    JwtFailureClassifier classifier = context.getBean(JwtFailureClassifier.class);
                    String forged = JWT.create().withAudience("orders").withKeyId("0000111122223333")
                            .sign(Algorithm.HMAC256(randomSecret()));
                    assertThat(classifier.classify(forged).orElseThrow().reason())
                            .isEqualTo(JwtFailureReason.BAD_SIGNATURE);
                    assertThat(context.getBean(MeterRegistry.class).get("diagnostics.jwt.failures")
                            .tag("reason", "bad-signature").functionCounter().count()).isEqualTo(1);

                    String json = HealthReportJson.toJson(engine.evaluate(), true);
                    assertThat(json).doesNotContain(CANARY);
                });
    }

    @Test
    void aReferenceToAnUnsetVariableIsDownNamingIt() {
        this.runner.withPropertyValues("diagnostics.jwt.secret-env=DIAGNOSTICS_TEST_UNSET_JWT_SECRET").run((context) -> {
            CheckReport report = context.getBean(HealthEngine.class).evaluateCheck(JwtCheck.NAME);
            assertThat(report.status()).isEqualTo(Status.DOWN);
            assertThat(report.result().diagnosis().orElseThrow().code()).isEqualTo("jwt.key-missing");
            assertThat(report.result().diagnosis().orElseThrow().cause())
                    .contains("environment variable DIAGNOSTICS_TEST_UNSET_JWT_SECRET is not set");
        });
    }

    @Test
    void strictModeStopsStartupOnAWeakKeyWithoutShowingIt() {
        String weak = "cAnArY-short";
        this.runner.withPropertyValues("app.jwt.secret=" + weak, "diagnostics.jwt.secret-property=app.jwt.secret",
                "diagnostics.jwt.strict=true").run((context) -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof InvalidConfigurationException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isNotNull();
                    assertThat(((InvalidConfigurationException) failure).property()).isEqualTo("app.jwt.secret");
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append(t);
                    }
                    assertThat(messages.toString()).contains("jwt.strict").doesNotContain(weak);
                });
    }

    @Test
    void anAlgorithmBeanIsFingerprintedWithoutReadingItsSecret() {
        String secret = randomSecret();
        this.runner.withBean(Algorithm.class, () -> Algorithm.HMAC256(secret)).run((context) -> {
            JwtCheck check = context.getBean(JwtCheck.class);
            assertThat(check.kid()).matches("[0-9a-f]{16}");
            assertThat(context.getBean(HealthEngine.class).evaluateCheck(JwtCheck.NAME).result().details())
                    .containsEntry("keySource", "the application's java-jwt Algorithm bean");
        });
    }

    @Test
    void withoutAKeyOrWithoutJavaJwtThereIsNoCheck() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(JwtCheck.class)
                .doesNotHaveBean(CheckRegistration.class));
        this.runner.withPropertyValues("diagnostics.jwt.secret-property=app.jwt.secret")
                .withClassLoader(new FilteredClassLoader("com.auth0.jwt"))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtCheck.class));
    }

    @Test
    void withRedisTheInstancesAreComparedThroughTheApplicationsRedis() {
        String key = "diagnostics-test:jwt:" + UUID.randomUUID();
        String secret = randomSecret();
        ApplicationContextRunner withRedis = this.runner
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379",
                        "diagnostics.jwt.registry.key=" + key, "diagnostics.jwt.secret-property=app.jwt.secret",
                        "diagnostics.jwt.secret-encoding=base64", "diagnostics.jwt.registry-timeout=2s");
        withRedis.withPropertyValues("app.jwt.secret=" + secret, "diagnostics.jwt.instance-id=pod-a").run((a) -> {
            assertThat(a).hasSingleBean(KeyFingerprintRegistry.class);
            withRedis.withPropertyValues("app.jwt.secret=" + randomSecret(), "diagnostics.jwt.instance-id=pod-b")
                    .run((b) -> {
                        b.getBean(JwtCheck.class).publish().toCompletableFuture().join();
                        a.getBean(JwtCheck.class).publish().toCompletableFuture().join();
                        var result = a.getBean(JwtCheck.class).check();
                        assertThat(result.status()).isEqualTo(Status.DOWN);
                        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.key-mismatch");
                        assertThat(result.details().get("registry").toString()).contains("127.0.0.1:6379")
                                .contains(key);
                        assertThat(result.details()).containsKey("clockSkewMs");
                    });
            a.getBean(LettuceConnectionFactory.class).getConnection().keyCommands()
                    .del(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
