package dev.diagnostics.quarkus.runtime;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.jwt.KeyFingerprintRegistry;

/**
 * The {@code jwt} check and its meters, contributed by the java-jwt integration when java-jwt is present and a key is
 * configured. The engine registers the check beside the application's own, so {@code quarkus.diagnostics.checks.jwt.*}
 * applies to it; an application check named {@code jwt} takes its place.
 *
 * <p>An application may inject this bean for the key's fingerprint, to put as {@code kid} in the tokens it issues; the
 * failure classifier to call where it verifies tokens is a bean of its own
 * ({@code dev.diagnostics.jwt.JwtFailureClassifier}).
 */
public interface JwtChecks {

    /** The checks to register: none, or the one {@code jwt} check. */
    List<CheckRegistration> registrations();

    /** The meters to bind when the application has a {@link io.micrometer.core.instrument.MeterRegistry}. */
    List<MeterBinder> meterBinders();

    /** The key's fingerprint, the {@code kid} to put in issued tokens; empty when there is no usable key. */
    Optional<String> kid();

    /** The registry instances compare their keys through; empty without Redis. */
    Optional<KeyFingerprintRegistry> registry();
}
