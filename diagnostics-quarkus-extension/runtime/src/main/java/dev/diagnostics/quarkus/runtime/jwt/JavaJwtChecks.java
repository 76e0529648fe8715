package dev.diagnostics.quarkus.runtime.jwt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtCheckConfig;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.JwtMetrics;
import dev.diagnostics.jwt.KeyFingerprintRegistry;
import dev.diagnostics.jwt.KeySource;
import dev.diagnostics.jwt.MicroProfileJwtSettings;
import dev.diagnostics.quarkus.runtime.DiagnosticsConfig;
import dev.diagnostics.quarkus.runtime.JwtChecks;
import dev.diagnostics.quarkus.runtime.JwtRegistrySource;
import dev.diagnostics.time.TimeSource;

/**
 * The {@code jwt} check, built at startup from {@code quarkus.diagnostics.jwt.*}: the key from the property or
 * environment variable named by {@code secret-property} / {@code secret-env} (read through MicroProfile Config or the
 * environment, never copied), else from SmallRye JWT's key settings ({@link MicroProfileJwtSettings}), whose issuer,
 * audiences and clock skew also apply unless set here. Publishing to the Redis registry (when the lettuce integration
 * offers one) starts here and stops on shutdown.
 *
 * <p>Also produces the {@link JwtFailureClassifier} for the application to call where it verifies tokens: a
 * {@code @Dependent} bean that is {@code null} while there is no usable key.
 *
 * <p>Added by the deployment module only when java-jwt is on the class path.
 */
@Singleton
public class JavaJwtChecks implements JwtChecks {

    private static final Logger logger = Logger.getLogger(JavaJwtChecks.class);

    private static final String PREFIX = DiagnosticsConfig.JWT_PREFIX;

    private JwtCheck check;

    private JwtRegistrySource.Registry registry;

    JavaJwtChecks(DiagnosticsConfig config, TimeSource time, Instance<JwtRegistrySource> registries) {
        DiagnosticsConfig.Jwt jwt = config.jwt();
        if (!jwt.enabled()) {
            logger.debug(PREFIX + ".enabled=false: no jwt check");
            return;
        }
        // Built first, so a bad value fails startup even when no key is configured yet.
        checkConfig(jwt, null);
        Config mp = ConfigProvider.getConfig();
        JwtCheck.Builder builder = JwtCheck.builder(time);
        MicroProfileJwtSettings smallrye = null;
        if (jwt.secretProperty().filter((name) -> !name.isBlank()).isPresent()
                || jwt.secretEnv().filter((name) -> !name.isBlank()).isPresent()) {
            JwtAlgorithm algorithm = parse(PREFIX + ".algorithm", () -> JwtAlgorithm.of(jwt.algorithm()));
            JwtKey.SecretEncoding encoding = parse(PREFIX + ".secret-encoding",
                    () -> JwtKey.SecretEncoding.of(jwt.secretEncoding()));
            Optional<String> property = jwt.secretProperty().filter((name) -> !name.isBlank()).map(String::strip);
            KeySource source = property.map(KeySource::property)
                    .orElseGet(() -> KeySource.environmentVariable(jwt.secretEnv().orElseThrow().strip()));
            String value = property.isPresent() ? mp.getOptionalValue(source.setting(), String.class).orElse(null)
                    : System.getenv(source.setting());
            builder.secret(algorithm, value, encoding, source);
        }
        else if (jwt.smallryeConfig()) {
            smallrye = MicroProfileJwtSettings.read((name) -> mp.getOptionalValue(name, String.class),
                    Thread.currentThread().getContextClassLoader());
            if (!smallrye.keyConfigured()) {
                if (smallrye.remoteLocation() != null) {
                    logger.infof("The JWT verification key is a remote key set (%s), which the jwt check does not"
                            + " fetch: no jwt check. Set %s.secret-property or a local key to have one.",
                            smallrye.remoteLocation(), PREFIX);
                }
                return;
            }
            smallrye.applyKey(builder);
        }
        else {
            return;
        }
        JwtCheckConfig checkConfig = checkConfig(jwt, smallrye);
        builder.config(checkConfig);
        if (jwt.registry().enabled() && registries.isResolvable()) {
            String key = jwt.registry().key().filter((name) -> !name.isBlank()).orElseGet(() -> "diagnostics:jwt:"
                    + mp.getOptionalValue("quarkus.application.name", String.class).orElse("application"));
            this.registry = registries.get().open(key, checkConfig.instanceTtl()).orElse(null);
            if (this.registry != null) {
                builder.registry(this.registry.registry());
                if (jwt.registry().clockSkew()) {
                    builder.referenceClock(this.registry.clock());
                }
            }
        }
        this.check = builder.build().start();
    }

    private static JwtCheckConfig checkConfig(DiagnosticsConfig.Jwt jwt, MicroProfileJwtSettings smallrye) {
        JwtCheckConfig.Builder builder = JwtCheckConfig.builder()
                .propertyPrefix(PREFIX)
                .issuer(jwt.issuer().orElse((smallrye != null) ? smallrye.issuer() : null))
                .audience(jwt.audience().orElse((smallrye != null) ? smallrye.audience() : List.of()))
                .leeway(jwt.leeway().orElse((smallrye != null && smallrye.leeway() != null) ? smallrye.leeway()
                        : Duration.ZERO))
                .strict(jwt.strict())
                .expectedFingerprint(jwt.expectedFingerprint().orElse(null))
                .instanceId(jwt.instanceId().orElse(null))
                .publishInterval(jwt.publishInterval())
                .registryTimeout(jwt.registryTimeout())
                .badSignatureThreshold(jwt.badSignatureThreshold())
                .badSignatureWindow(jwt.badSignatureWindow())
                .maxTokenLength(jwt.maxTokenLength());
        jwt.instanceTtl().ifPresent(builder::instanceTtl);
        return builder.build();
    }

    private static <T> T parse(String property, Supplier<T> parser) {
        try {
            return parser.get();
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationException(property, ex.getMessage());
        }
    }

    @Override
    public List<CheckRegistration> registrations() {
        return (this.check != null) ? List.of(JwtCheck.registration(JwtCheck.NAME, this.check).build()) : List.of();
    }

    @Override
    public List<MeterBinder> meterBinders() {
        return (this.check != null) ? List.of(new JwtMetrics(this.check.counts())) : List.of();
    }

    @Override
    public Optional<String> kid() {
        return (this.check != null) ? Optional.ofNullable(this.check.kid()) : Optional.empty();
    }

    @Override
    public Optional<KeyFingerprintRegistry> registry() {
        return (this.registry != null) ? Optional.of(this.registry.registry()) : Optional.empty();
    }

    /**
     * The classifier: it verifies a token with the application's settings, says why it fails and counts the reason in
     * {@code diagnostics.jwt.failures}. {@code null} while there is no usable key (none configured, or missing).
     */
    @Produces
    @Dependent
    JwtFailureClassifier jwtFailureClassifier() {
        return (this.check != null) ? this.check.classifier() : null;
    }

    /** Stops publishing; the registry's connection is closed by its source. */
    @PreDestroy
    void close() {
        if (this.check != null) {
            this.check.close();
        }
    }
}
