package dev.diagnostics.spring.autoconfigure;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.JWTVerifier;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtCheckConfig;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.JwtMetrics;
import dev.diagnostics.jwt.KeyFingerprintRegistry;
import dev.diagnostics.jwt.KeySource;
import dev.diagnostics.jwt.ReferenceClock;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.time.TimeSource;

/**
 * The {@code jwt} check (readiness) for applications that sign or verify tokens with java-jwt: key strength, a
 * sign-and-verify self-test at startup, the same key on every instance (through Redis when the application has a
 * Lettuce connection factory), clock skew against Redis, and the failure classifier as a bean for the application to
 * call where it verifies tokens (see {@code dev.diagnostics.spring.jwt.JwtFailureEntryPoint} for Spring Security).
 *
 * <p>Active only when a key is configured: {@code diagnostics.jwt.secret-property} or {@code secret-env} (the key is
 * read by reference, never copied into our configuration), or a {@link JwtKey} or java-jwt {@link Algorithm} bean.
 * A {@link JWTVerifier} bean of the application is used for the self-test and the classifier.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple"
                + ".SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ JwtCheck.class, Algorithm.class })
@ConditionalOnBooleanProperty(name = "diagnostics.health.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "diagnostics.jwt.enabled", matchIfMissing = true)
@Conditional(JwtDiagnosticsAutoConfiguration.KeyConfigured.class)
@EnableConfigurationProperties(JwtDiagnosticsProperties.class)
@Import(JwtRedisRegistryConfiguration.class)
public final class JwtDiagnosticsAutoConfiguration {

    static final String PROPERTY_PREFIX = "diagnostics.jwt";

    JwtDiagnosticsAutoConfiguration() {
    }

    /** Publishing to the registry starts when the check is created and stops when it is closed. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    JwtCheck jwtCheck(JwtDiagnosticsProperties properties, TimeSource time, Environment environment,
            ObjectProvider<JwtKey> keys, ObjectProvider<Algorithm> algorithms,
            ObjectProvider<JWTVerifier> verifiers, ObjectProvider<KeyFingerprintRegistry> registries,
            ObjectProvider<ReferenceClock> clocks) {
        JwtCheck.Builder check = JwtCheck.builder(time).config(config(properties));
        if (hasText(properties.getSecretProperty()) || hasText(properties.getSecretEnv())) {
            JwtAlgorithm algorithm = parse(PROPERTY_PREFIX + ".algorithm",
                    () -> JwtAlgorithm.of(properties.getAlgorithm()));
            JwtKey.SecretEncoding encoding = parse(PROPERTY_PREFIX + ".secret-encoding",
                    () -> JwtKey.SecretEncoding.of(properties.getSecretEncoding()));
            KeySource source = hasText(properties.getSecretProperty())
                    ? KeySource.property(properties.getSecretProperty().strip())
                    : KeySource.environmentVariable(properties.getSecretEnv().strip());
            check.secret(algorithm, environment.getProperty(source.setting()), encoding, source);
        }
        else if (keys.getIfUnique() != null) {
            check.key(keys.getIfUnique(), KeySource.bean("the application's JwtKey bean"));
        }
        else if (algorithms.getIfUnique() != null) {
            check.algorithm(algorithms.getIfUnique(), KeySource.bean("the application's java-jwt Algorithm bean"));
        }
        else {
            check.missingKey(KeySource.bean("the application's JwtKey or Algorithm bean"),
                    "is ambiguous: there are several and none is primary");
        }
        check.verifier(verifiers.getIfUnique()).registry(registries.getIfUnique()).referenceClock(clocks.getIfUnique());
        return check.build().start();
    }

    /** The check in readiness; {@code diagnostics.checks.jwt.*} still applies. */
    @Bean
    @ConditionalOnMissingBean(name = "jwtCheckRegistration")
    CheckRegistration jwtCheckRegistration(JwtCheck jwtCheck) {
        return JwtCheck.registration(JwtCheck.NAME, jwtCheck).build();
    }

    /**
     * Call it where the application verifies tokens: it verifies, says why a token fails and counts it. Absent (a
     * null bean) while there is no key.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtFailureClassifier jwtFailureClassifier(JwtCheck jwtCheck) {
        return jwtCheck.classifier();
    }

    static JwtCheckConfig config(JwtDiagnosticsProperties properties) {
        return JwtCheckConfig.builder()
                .propertyPrefix(PROPERTY_PREFIX)
                .issuer(properties.getIssuer())
                .audience(properties.getAudience())
                .leeway(properties.getLeeway())
                .strict(properties.isStrict())
                .expectedFingerprint(properties.getExpectedFingerprint())
                .instanceId(properties.getInstanceId())
                .publishInterval(properties.getPublishInterval())
                .instanceTtl(properties.getInstanceTtl())
                .registryTimeout(properties.getRegistryTimeout())
                .badSignatureThreshold(properties.getBadSignatureThreshold())
                .badSignatureWindow(properties.getBadSignatureWindow())
                .maxTokenLength(properties.getMaxTokenLength())
                .build();
    }

    private static <T> T parse(String property, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationException(property, ex.getMessage());
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        /** {@code diagnostics.jwt.failures{reason}}, bound by Spring Boot to the application's registry. */
        @Bean
        @ConditionalOnMissingBean(name = "jwtDiagnosticsMetrics")
        JwtMetrics jwtDiagnosticsMetrics(JwtCheck jwtCheck) {
            return new JwtMetrics(jwtCheck.counts());
        }
    }

    /** A key is configured: by reference to a property or variable, or as an application bean. */
    static final class KeyConfigured extends AnyNestedCondition {

        KeyConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "diagnostics.jwt.secret-property")
        static final class SecretProperty {
        }

        @ConditionalOnProperty(name = "diagnostics.jwt.secret-env")
        static final class SecretEnv {
        }

        @ConditionalOnBean(JwtKey.class)
        static final class KeyBean {
        }

        @ConditionalOnBean(Algorithm.class)
        static final class AlgorithmBean {
        }
    }
}
