package dev.diagnostics.foreign;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.Status;

/**
 * A health probe that another framework or the application already has (a Spring Boot {@code HealthIndicator}, a
 * MicroProfile {@code HealthCheck}), run by the engine like any check: in parallel, with its timeout, within the
 * report's budget, single-flight, cached and with hysteresis.
 *
 * <p>The framework adapter supplies a {@link Probe} that calls the framework's probe and says what its status means
 * to the engine; the probe's own result travels with the engine's result as {@link CheckResult#original()}, so the
 * adapter can show it exactly as the framework would (its status, including custom ones, and details that need not
 * be JSON-safe), adding only the engine's timing and, where there is one, a diagnosis. A result that is not UP gets
 * a generic diagnosis naming the probe ({@code health.foreign.down}, {@code health.foreign.degraded},
 * {@code health.foreign.unknown}); a probe that throws, hangs or returns nothing gets the engine's own.
 *
 * <p>Not {@linkplain #external() external}: the engine cannot know what the probe talks to.
 */
public final class ForeignCheck implements HealthCheck {

    private final String description;

    private final Probe probe;

    private ForeignCheck(String description, Probe probe) {
        this.description = description;
        this.probe = probe;
    }

    /**
     * @param description what the probe is, for diagnoses, for example
     *        {@code Spring Boot health contributor 'mongo' (MongoHealthIndicator)}; must not carry a secret
     * @param probe calls the framework's probe
     */
    public static ForeignCheck of(String description, Probe probe) {
        return new ForeignCheck(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(probe, "probe"));
    }

    /** What the probe is, as given. */
    public String description() {
        return this.description;
    }

    @Override
    public CheckResult check() throws Exception {
        Observation observation = this.probe.observe();
        if (observation == null) {
            return null;
        }
        CheckResult.Builder result = CheckResult.status(observation.status()).original(observation.original());
        if (observation.status() != Status.UP) {
            String outcome = observation.status().name().toLowerCase(Locale.ROOT);
            result.diagnosis("health.foreign." + outcome,
                    capitalized(this.description) + " reported " + observation.reportedStatus(),
                    "Read the details it reports beside this diagnosis: they come from its own probe, which says why;"
                            + " if they do not, run that probe by hand.");
        }
        return result.build();
    }

    /**
     * The original result of the framework's probe, when the result was adapted from one of that type.
     *
     * @param result an engine result
     * @param type the framework's result type, for example Spring Boot's {@code Health}
     */
    public static <T> Optional<T> original(CheckResult result, Class<T> type) {
        return result.original().filter(type::isInstance).map(type::cast);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @Override
    public String toString() {
        return "ForeignCheck[" + this.description + "]";
    }

    /** Calls the framework's probe once; the engine calls it on its own thread and interrupts it at its timeout. */
    @FunctionalInterface
    public interface Probe {

        /**
         * @return what the framework's probe returned; {@code null} when it returned nothing (reported as DOWN)
         * @throws Exception whatever the framework's probe throws (reported as DOWN with a sanitised error)
         */
        Observation observe() throws Exception;
    }

    /**
     * What a framework's probe returned.
     *
     * @param status what it means to the engine (for aggregation, hysteresis, events and metrics)
     * @param reportedStatus the framework's own status code, for diagnoses, for example {@code OUT_OF_SERVICE}
     * @param original the framework's result, carried as {@link CheckResult#original()}
     */
    public record Observation(Status status, String reportedStatus, Object original) {

        public Observation {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reportedStatus, "reportedStatus");
            Objects.requireNonNull(original, "original");
        }
    }
}
