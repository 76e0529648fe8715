package dev.diagnostics.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthReport;
import dev.diagnostics.Status;

/** Checks and engines shared by the benchmarks, and the checks that prove a benchmark measured the right thing. */
final class Fixtures {

    /** How many checks every engine benchmark registers. */
    static final int CHECKS = 10;

    private Fixtures() {
    }

    static String name(int index) {
        return String.format("check-%02d", index);
    }

    /** Checks that do nothing but return a result built once, up front. */
    static HealthCheck[] trivialChecks() {
        HealthCheck[] checks = new HealthCheck[CHECKS];
        for (int i = 0; i < CHECKS; i++) {
            CheckResult result = CheckResult.up().build();
            checks[i] = () -> result;
        }
        return checks;
    }

    /** Trivial checks that count their runs in {@code runs[i]}. */
    static HealthCheck[] countingChecks(AtomicInteger[] runs) {
        HealthCheck[] checks = new HealthCheck[CHECKS];
        for (int i = 0; i < CHECKS; i++) {
            CheckResult result = CheckResult.up().build();
            AtomicInteger counter = new AtomicInteger();
            runs[i] = counter;
            checks[i] = () -> {
                counter.incrementAndGet();
                return result;
            };
        }
        return checks;
    }

    /** Checks that each block for {@code millis} (a slow dependency: a remote call, a query), then answer UP. */
    static HealthCheck[] sleepingChecks(long millis) {
        HealthCheck[] checks = new HealthCheck[CHECKS];
        for (int i = 0; i < CHECKS; i++) {
            CheckResult result = CheckResult.up().build();
            checks[i] = () -> {
                Thread.sleep(millis);
                return result;
            };
        }
        return checks;
    }

    /** An engine with every check registered under {@link #name(int)} with the given cache TTL. */
    static HealthEngine engine(HealthEngineConfig config, HealthCheck[] checks, Duration cacheTtl) {
        HealthEngine.Builder builder = HealthEngine.builder().config(config);
        for (int i = 0; i < checks.length; i++) {
            builder.register(CheckRegistration.builder(name(i), checks[i]).cacheTtl(cacheTtl).build());
        }
        return builder.build();
    }

    /** Calls every check in turn on the caller's thread and counts the UP results. */
    static int callEach(HealthCheck[] checks) throws Exception {
        int up = 0;
        for (HealthCheck check : checks) {
            if (check.check().status() == Status.UP) {
                up++;
            }
        }
        return up;
    }

    /**
     * Fails unless the report has all {@link #CHECKS} checks UP: a benchmark whose engine answered with timeouts or
     * rejections would measure a fast failure, not the engine's work.
     */
    static HealthReport requireAllUp(HealthReport report) {
        long up = report.checks().values().stream().filter((check) -> check.status() == Status.UP).count();
        if (report.status() != Status.UP || report.checks().size() != CHECKS || up != CHECKS) {
            throw new IllegalStateException("Expected " + CHECKS + " checks, all UP; got " + report + " with "
                    + report.checks().values());
        }
        return report;
    }

    static int requireAllUp(int upCount) {
        if (upCount != CHECKS) {
            throw new IllegalStateException("Expected " + CHECKS + " UP results, got " + upCount);
        }
        return upCount;
    }
}
