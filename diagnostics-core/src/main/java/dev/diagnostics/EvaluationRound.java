package dev.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.diagnostics.time.TimeSource;

/**
 * One evaluation of a set of checks, started together and bounded by the report budget. Callers that arrive while
 * it runs share it. Its report completes when every check has answered or the budget runs out, whichever comes
 * first; checks still running then are reported as over budget.
 */
final class EvaluationRound {

    private final String group;

    private final TimeSource time;

    private final Duration budget;

    private final long startNanos;

    private final long deadlineNanos;

    private final Map<String, CheckRunner> runners = new LinkedHashMap<>();

    private final Map<String, CompletableFuture<CheckReport>> results = new LinkedHashMap<>();

    private final CompletableFuture<Void> budgetSpent = new CompletableFuture<>();

    private final CompletableFuture<HealthReport> report;

    EvaluationRound(String group, List<CheckRunner> members, TimeSource time, Duration budget) {
        this.group = group;
        this.time = time;
        this.budget = budget;
        this.startNanos = time.nanoTime();
        this.deadlineNanos = this.startNanos + budget.toNanos();
        for (CheckRunner runner : members) {
            this.runners.put(runner.name(), runner);
            this.results.put(runner.name(), runner.current());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(this.results.values().toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            this.budgetSpent.complete(null);
        }
        else {
            TimeSource.Cancellable timer = time.schedule(budget, () -> this.budgetSpent.complete(null));
            all.thenRun(timer::cancel);
        }
        this.report = all.applyToEither(this.budgetSpent, (ignored) -> assemble());
    }

    CompletableFuture<HealthReport> report() {
        return this.report;
    }

    /** Whether a caller arriving now may still share this round. */
    boolean acceptsCallersAt(long nanos) {
        return nanos - this.deadlineNanos < 0;
    }

    /** Whether the round evaluates this check. */
    boolean covers(String name) {
        return this.results.containsKey(name);
    }

    /** The check's result once it answers or the round's budget runs out. */
    CompletableFuture<CheckReport> result(String name) {
        CompletableFuture<CheckReport> result = this.results.get(name);
        return result.applyToEither(this.budgetSpent.thenApply((ignored) -> resultOrStraggler(name)),
                (report) -> report);
    }

    private CheckReport resultOrStraggler(String name) {
        CheckReport report = this.results.get(name).getNow(null);
        return (report != null) ? report : this.runners.get(name).straggler(this.budget);
    }

    private HealthReport assemble() {
        Map<String, CheckReport> checks = new LinkedHashMap<>();
        for (String name : this.results.keySet()) {
            checks.put(name, resultOrStraggler(name));
        }
        Duration took = Duration.ofNanos(this.time.nanoTime() - this.startNanos);
        Instant now = this.time.now();
        return new HealthReport(this.group, now, took, checks);
    }
}
