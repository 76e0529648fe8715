package dev.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.diagnostics.time.TimeSource;

/**
 * Runs one registered check for the engine: at most one run at a time (callers join the run in flight), results
 * reused within the cache TTL, a timeout per run, hysteresis, and a run that outlives its timeout is never started
 * again until it returns. Thread-safe.
 */
final class CheckRunner {

    private static final int APPLICATION_FRAMES_SHOWN = 4;

    private final CheckRegistration registration;

    private final Duration timeout;

    private final long cacheTtlNanos;

    private final ExecutorService executor;

    private final TimeSource time;

    private final EngineEvents events;

    private final Hysteresis hysteresis;

    private final Object lock = new Object();

    /** Events in the order runs settled; drained by one thread at a time so listeners see them in that order. */
    private final Queue<Runnable> pendingEvents = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean draining = new AtomicBoolean();

    private Run lastRun;

    /** The run whose task is queued or executing, even after it was settled by its timeout. */
    private Run executing;

    private CheckReport lastReport;

    private long lastCompletedNanos;

    CheckRunner(CheckRegistration registration, Duration timeout, Duration cacheTtl, ExecutorService executor,
            TimeSource time, EngineEvents events) {
        this.registration = registration;
        this.timeout = timeout;
        this.cacheTtlNanos = cacheTtl.toNanos();
        this.executor = executor;
        this.time = time;
        this.events = events;
        this.hysteresis = new Hysteresis(registration.failureThreshold(), registration.successThreshold());
    }

    CheckRegistration registration() {
        return this.registration;
    }

    String name() {
        return this.registration.name();
    }

    CheckReport lastReport() {
        synchronized (this.lock) {
            return this.lastReport;
        }
    }

    /** The last report when it may still be served from cache and no run is in flight; otherwise {@code null}. */
    CheckReport cachedReport(long now) {
        synchronized (this.lock) {
            boolean idle = this.lastRun == null || this.lastRun.settled;
            return (idle && this.lastReport != null && this.cacheTtlNanos > 0
                    && now - this.lastCompletedNanos < this.cacheTtlNanos) ? this.lastReport : null;
        }
    }

    /**
     * The result for a caller now: the run in flight, a cached result inside its TTL, or a new run. A run still
     * hung past its timeout is reported as such without starting another.
     */
    CompletableFuture<CheckReport> current() {
        Run hung = null;
        Run fresh;
        synchronized (this.lock) {
            long now = this.time.nanoTime();
            if (this.lastRun != null && !this.lastRun.settled) {
                return this.lastRun.future;
            }
            if (this.lastReport != null && this.cacheTtlNanos > 0 && now - this.lastCompletedNanos < this.cacheTtlNanos) {
                return CompletableFuture.completedFuture(this.lastReport);
            }
            if (this.executing != null) {
                hung = this.executing;
                fresh = new Run(now);
                this.lastRun = fresh;
            }
            else {
                fresh = new Run(now);
                this.lastRun = fresh;
                start(fresh);
            }
        }
        if (hung != null) {
            settle(fresh, hungResult(hung), false);
        }
        else if (fresh.rejection != null) {
            settle(fresh, CheckResult.down().error(fresh.rejection)
                    .diagnosis("health.engine.rejected", "The health engine did not accept the check: it is shut down",
                            "Restart the application; the engine is closed only when the application stops.")
                    .build(), true);
        }
        return fresh.future;
    }

    /** A report for a check that has not answered by the report's budget. */
    CheckReport straggler(Duration budget) {
        CheckResult result = CheckResult.down()
                .diagnosis("health.check.budget-exceeded",
                        "Check '" + name() + "' had not answered when the report's budget of " + budget.toMillis()
                                + " ms ran out",
                        "Give the check a timeout below the budget, or raise the budget and the probe timeout together.")
                .build()
                .withTiming(budget, this.time.now());
        return new CheckReport(name(), result, this.registration.critical(), this.registration.groups(), Status.DOWN);
    }

    /** Called with the lock held. */
    private void start(Run run) {
        try {
            run.task = this.executor.submit(() -> execute(run));
        }
        catch (RejectedExecutionException ex) {
            run.rejection = ex;
            return;
        }
        this.executing = run;
        run.timeoutHandle = this.time.schedule(this.timeout, () -> timedOut(run));
    }

    private void execute(Run run) {
        synchronized (this.lock) {
            if (run.abandoned) {
                return;
            }
            run.thread = Thread.currentThread();
        }
        CheckResult observed;
        try {
            observed = this.registration.check().check();
            if (observed == null) {
                observed = CheckResult.down()
                        .diagnosis("health.check.no-result", "Check '" + name() + "' returned no result",
                                "Fix the check: it must return a CheckResult or throw.")
                        .build();
            }
        }
        catch (Throwable failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            observed = CheckResult.down().error(failure)
                    .diagnosis("health.check.failed",
                            "Check '" + name() + "' failed with " + failure.getClass().getSimpleName(),
                            "Read the error; if it does not name the cause, run the check's probe by hand.")
                    .build();
        }
        settle(run, observed, true);
    }

    private void timedOut(Run run) {
        Thread runner;
        synchronized (this.lock) {
            if (run.settled) {
                return;
            }
            runner = run.thread;
            if (runner == null) {
                run.abandoned = true;
                if (this.executing == run) {
                    this.executing = null;
                }
            }
        }
        List<String> frames = (runner != null) ? topFrames(runner) : List.of();
        CheckResult.Builder result = CheckResult.down();
        result.diagnosis("health.check.timeout",
                        "Check '" + name() + "' did not answer within its timeout of " + this.timeout.toMillis() + " ms"
                                + (frames.isEmpty() ? " (it was still queued: every engine thread was busy)"
                                        : "; it was in " + StackSummary.where(frames)),
                        "Find what the check waits on (see 'stuckAt'); if the dependency is just slow, raise the"
                                + " check's timeout within the report budget.");
        if (!frames.isEmpty()) {
            result.detail("stuckAt", frames);
        }
        ownDiagnosis(result, this.timeout);
        settle(run, result.build(), false);
        if (run.task != null) {
            run.task.cancel(true);
        }
    }

    private CheckResult hungResult(Run hung) {
        Thread runner;
        synchronized (this.lock) {
            runner = hung.thread;
        }
        long runningNanos = this.time.nanoTime() - hung.startNanos;
        List<String> frames = (runner != null) ? topFrames(runner) : List.of();
        CheckResult.Builder result = CheckResult.down()
                .detail("runningFor", Duration.ofNanos(runningNanos))
                .diagnosis("health.check.hung",
                        "Check '" + name() + "' has been running for " + Duration.ofNanos(runningNanos).toMillis()
                                + " ms, past its timeout, and ignored the interrupt; it will not be started again"
                                + " until it returns"
                                + (frames.isEmpty() ? "" : "; it is in " + StackSummary.where(frames)),
                        "The check blocks without a deadline of its own (see 'stuckAt'): give the client it uses a"
                                + " connect and read timeout. Until then this check holds one engine thread.");
        if (runner != null) {
            result.detail("thread", runner.getName());
        }
        if (!frames.isEmpty()) {
            result.detail("stuckAt", frames);
        }
        ownDiagnosis(result, Duration.ofNanos(runningNanos));
        return result.build();
    }

    /** Replaces the engine's generic diagnosis with the check's own, when it has one. */
    private void ownDiagnosis(CheckResult.Builder result, Duration waited) {
        try {
            Diagnosis own = this.registration.check().timeoutDiagnosis(waited);
            if (own != null) {
                result.diagnosis(own);
            }
        }
        catch (RuntimeException ex) {
            // A faulty timeoutDiagnosis must not cost the report; the generic diagnosis stays.
        }
    }

    private void settle(Run run, CheckResult observed, boolean fromTask) {
        CheckReport report;
        StatusTransition transition = null;
        synchronized (this.lock) {
            if (fromTask) {
                run.thread = null;
                if (this.executing == run) {
                    this.executing = null;
                }
            }
            if (run.settled) {
                return;
            }
            run.settled = true;
            if (run.timeoutHandle != null) {
                run.timeoutHandle.cancel();
            }
            long now = this.time.nanoTime();
            Status reported = this.hysteresis.observe(observed.status());
            CheckResult stamped = observed.withTiming(Duration.ofNanos(now - run.startNanos), this.time.now());
            if (reported != observed.status()) {
                stamped = stamped.toBuilder()
                        .detail("hysteresis", java.util.Map.of("observed", observed.status().name(),
                                "consecutiveFailures", this.hysteresis.consecutiveFailures(),
                                "consecutiveSuccesses", this.hysteresis.consecutiveSuccesses(),
                                "failureThreshold", this.registration.failureThreshold(),
                                "successThreshold", this.registration.successThreshold()))
                        .build().withTiming(stamped.duration(), stamped.checkedAt()).withStatus(reported);
            }
            report = new CheckReport(name(), stamped, this.registration.critical(), this.registration.groups(),
                    observed.status());
            Status previous = (this.lastReport != null) ? this.lastReport.status() : Status.UNKNOWN;
            if (previous != reported || this.lastReport == null) {
                transition = new StatusTransition(name(), previous, reported, report);
            }
            this.lastReport = report;
            this.lastCompletedNanos = now;
            StatusTransition changed = transition;
            this.pendingEvents.add(() -> {
                this.events.completed(report);
                if (changed != null) {
                    this.events.transition(changed);
                }
            });
        }
        deliverEvents();
        run.future.complete(report);
    }

    private void deliverEvents() {
        while (!this.pendingEvents.isEmpty() && this.draining.compareAndSet(false, true)) {
            try {
                Runnable event;
                while ((event = this.pendingEvents.poll()) != null) {
                    event.run();
                }
            }
            finally {
                this.draining.set(false);
            }
        }
    }

    private static List<String> topFrames(Thread thread) {
        return StackSummary.of(thread, APPLICATION_FRAMES_SHOWN);
    }

    /** One run of the check. Fields guarded by the runner's lock. */
    private static final class Run {

        final long startNanos;

        final CompletableFuture<CheckReport> future = new CompletableFuture<>();

        boolean settled;

        boolean abandoned;

        Thread thread;

        Future<?> task;

        TimeSource.Cancellable timeoutHandle;

        RejectedExecutionException rejection;

        Run(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
