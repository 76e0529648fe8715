package dev.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.TestChecks.Blocking;
import dev.diagnostics.TestChecks.Counting;
import dev.diagnostics.TestChecks.Scripted;
import dev.diagnostics.time.ManualTimeSource;

class HealthEngineTests {

    private final ManualTimeSource time = new ManualTimeSource();

    private final List<HealthEngine> engines = new ArrayList<>();

    private final List<Blocking> blockers = new ArrayList<>();

    @AfterEach
    void close() {
        this.blockers.forEach((blocking) -> blocking.release.countDown());
        this.engines.forEach(HealthEngine::close);
    }

    private HealthEngine engine(HealthEngineConfig config, CheckRegistration... registrations) {
        HealthEngine.Builder builder = HealthEngine.builder().config(config).timeSource(this.time);
        for (CheckRegistration registration : registrations) {
            builder.register(registration);
        }
        HealthEngine engine = builder.build();
        this.engines.add(engine);
        return engine;
    }

    private HealthEngine engine(CheckRegistration... registrations) {
        return engine(HealthEngineConfig.builder().threads(8).build(), registrations);
    }

    private Blocking blocking(boolean ignoreInterrupts) {
        Blocking blocking = new Blocking(ignoreInterrupts);
        this.blockers.add(blocking);
        return blocking;
    }

    private static CheckRegistration check(String name, HealthCheck check) {
        return CheckRegistration.builder(name, check).build();
    }

    private static HealthReport await(CompletableFuture<HealthReport> report) throws Exception {
        return report.get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutAConfiguredThreadCountEveryCheckGetsAThreadUpToThirtyTwo() throws Exception {
        CheckResult up = CheckResult.up().build();
        HealthEngine.Builder ten = HealthEngine.builder().timeSource(this.time);
        HealthEngine.Builder forty = HealthEngine.builder().timeSource(this.time);
        for (int i = 0; i < 40; i++) {
            if (i < 10) {
                ten.register(check("c" + i, () -> up));
            }
            forty.register(check("c" + i, () -> up));
        }
        HealthEngine engineOfTen = ten.build();
        HealthEngine engineOfForty = forty.build();
        HealthEngine empty = HealthEngine.builder().timeSource(this.time).build();
        HealthEngine configured = ten.config(HealthEngineConfig.builder().threads(3).build()).build();
        this.engines.addAll(List.of(engineOfTen, engineOfForty, empty, configured));
        assertThat(HealthEngineConfig.defaults().threads()).isEqualTo(HealthEngineConfig.AUTOMATIC_THREADS);
        assertThat(engineOfTen.threadLimit()).isEqualTo(10);
        assertThat(engineOfForty.threadLimit()).isEqualTo(HealthEngineConfig.MAX_AUTOMATIC_THREADS);
        assertThat(empty.threadLimit()).isEqualTo(1);
        assertThat(configured.threadLimit()).isEqualTo(3);
        // Threads start on demand: an engine that evaluated nothing has none.
        assertThat(engineOfForty.threadCount()).isZero();
        assertThat(engineOfTen.evaluate().status()).isEqualTo(Status.UP);
        assertThat(engineOfTen.threadCount()).isBetween(1, 10);
    }

    @Test
    void allChecksOfAReportStartBeforeAnyFinishes() throws Exception {
        int checks = 6;
        CountDownLatch allStarted = new CountDownLatch(checks);
        HealthEngine.Builder builder = HealthEngine.builder().timeSource(this.time)
                .config(HealthEngineConfig.builder().threads(checks).build());
        for (int i = 0; i < checks; i++) {
            builder.register(check("c" + i, () -> {
                allStarted.countDown();
                // Serial evaluation would wait here forever for checks that have not started.
                return allStarted.await(10, TimeUnit.SECONDS) ? CheckResult.up().build()
                        : CheckResult.down().error("not every check was running at once").build();
            }));
        }
        HealthEngine engine = builder.build();
        this.engines.add(engine);

        HealthReport report = await(engine.evaluateAsync(null));

        assertThat(report.status()).isEqualTo(Status.UP);
        assertThat(report.checks()).hasSize(checks);
    }

    @Test
    void checkThatExceedsItsTimeoutIsReportedDownWithWhereItWasStuck() throws Exception {
        Blocking slow = blocking(false);
        HealthEngine engine = engine(
                CheckRegistration.builder("slow", slow).timeout(Duration.ofMillis(300)).build(),
                check("fast", Counting.up()));

        CompletableFuture<HealthReport> pending = engine.evaluateAsync(null);
        slow.awaitEntered();
        assertThat(pending).isNotDone();
        this.time.advance(Duration.ofMillis(300));
        HealthReport report = await(pending);

        CheckReport slowReport = report.check("slow").orElseThrow();
        assertThat(slowReport.status()).isEqualTo(Status.DOWN);
        assertThat(slowReport.result().diagnosis().orElseThrow().code()).isEqualTo("health.check.timeout");
        assertThat(slowReport.result().diagnosis().orElseThrow().cause()).contains("300 ms")
                .contains("TestChecks$Blocking.check");
        assertThat(slowReport.result().details().get("stuckAt").toString()).contains("Blocking.check");
        assertThat(slowReport.result().duration()).isEqualTo(Duration.ofMillis(300));
        assertThat(report.check("fast").orElseThrow().status()).isEqualTo(Status.UP);
        assertThat(report.status()).isEqualTo(Status.DOWN);
    }

    @Test
    void reportAnswersByTheBudgetWhenACheckNeverReturns() throws Exception {
        Blocking hung = blocking(true);
        HealthEngine engine = engine(
                HealthEngineConfig.builder().budget(Duration.ofMillis(400)).defaultTimeout(Duration.ofMillis(400))
                        .threads(4).build(),
                check("hung", hung), check("ok", Counting.up()));

        CompletableFuture<HealthReport> pending = engine.evaluateAsync(null);
        hung.awaitEntered();
        // The healthy check runs on another real thread: let it answer before fake time runs out its timeout.
        awaitSettled(engine, "ok");
        this.time.advance(Duration.ofMillis(399));
        assertThat(pending).isNotDone();
        this.time.advance(Duration.ofMillis(1));
        HealthReport report = await(pending);

        assertThat(report.duration()).isEqualTo(Duration.ofMillis(400));
        assertThat(report.check("hung").orElseThrow().status()).isEqualTo(Status.DOWN);
        assertThat(report.check("ok").orElseThrow().status()).isEqualTo(Status.UP);
    }

    @Test
    void hungCheckHoldsOneThreadOnceAcrossAThousandEvaluations() throws Exception {
        Blocking hung = blocking(true);
        Counting healthy = Counting.up();
        HealthEngine engine = engine(HealthEngineConfig.builder().threads(4).build(),
                check("hung", hung), check("healthy", healthy));

        CompletableFuture<HealthReport> first = engine.evaluateAsync(null);
        hung.awaitEntered();
        awaitSettled(engine, "healthy");
        this.time.advance(Duration.ofMillis(500));
        assertThat(await(first).check("hung").orElseThrow().result().diagnosis().orElseThrow().code())
                .isEqualTo("health.check.timeout");

        HealthReport last = null;
        for (int i = 0; i < 1000; i++) {
            // No clock advance needed: the hung check answers at once as hung, the healthy one really runs.
            last = await(engine.evaluateAsync(null));
        }

        assertThat(hung.invocations).hasValue(1);
        assertThat(healthy.invocations).hasValue(1001);
        assertThat(engine.threadCount()).isLessThanOrEqualTo(4);
        assertThat(liveEngineThreads()).isLessThanOrEqualTo(4 * this.engines.size());
        CheckResult hungResult = last.check("hung").orElseThrow().result();
        assertThat(hungResult.diagnosis().orElseThrow().code()).isEqualTo("health.check.hung");
        assertThat(hungResult.details()).containsKey("thread").containsKey("stuckAt");
        assertThat(last.check("healthy").orElseThrow().status()).isEqualTo(Status.UP);
    }

    @Test
    void hungCheckRunsAgainOnceItReturns() throws Exception {
        Blocking hung = blocking(true);
        HealthEngine engine = engine(check("hung", hung));
        CompletableFuture<HealthReport> first = engine.evaluateAsync(null);
        hung.awaitEntered();
        this.time.advance(Duration.ofMillis(500));
        await(first);

        hung.release.countDown();
        HealthReport after = awaitStatus(engine, "hung", Status.UP);

        assertThat(after.check("hung").orElseThrow().status()).isEqualTo(Status.UP);
        assertThat(hung.invocations.get()).isGreaterThanOrEqualTo(2);
    }

    private HealthReport awaitStatus(HealthEngine engine, String check, Status expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HealthReport report = null;
        while (System.nanoTime() < deadline) {
            report = await(engine.evaluateAsync(null));
            if (report.check(check).orElseThrow().status() == expected) {
                return report;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("check '" + check + "' never became " + expected + "; last " + report);
    }

    private static void awaitSettled(HealthEngine engine, String check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.lastReport(check).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("check '" + check + "' never finished");
            }
            Thread.sleep(1);
        }
    }

    private static long liveEngineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.getName().startsWith("diagnostics-check-"))
                .count();
    }

    @Test
    void twoHundredConcurrentCallersRunEachCheckOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger aRuns = new AtomicInteger();
        AtomicInteger bRuns = new AtomicInteger();
        HealthEngine engine = engine(
                check("a", () -> {
                    aRuns.incrementAndGet();
                    gate.await();
                    return CheckResult.up().build();
                }),
                check("b", () -> {
                    bRuns.incrementAndGet();
                    gate.await();
                    return CheckResult.up().build();
                }));
        int callers = 200;
        CyclicBarrier start = new CyclicBarrier(callers);
        CountDownLatch called = new CountDownLatch(callers);
        List<CompletableFuture<HealthReport>> reports = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    reports.add(engine.evaluateAsync(null));
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                finally {
                    called.countDown();
                }
            });
            thread.start();
            threads.add(thread);
        }
        assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
        gate.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(reports).hasSize(callers);
        HealthReport firstReport = await(reports.get(0));
        for (CompletableFuture<HealthReport> report : reports) {
            assertThat(await(report)).isSameAs(firstReport);
        }
        assertThat(aRuns).hasValue(1);
        assertThat(bRuns).hasValue(1);
    }

    @Test
    void resultsAreServedFromCacheWithinTheirTtl() throws Exception {
        Counting counting = Counting.up();
        HealthEngine engine = engine(CheckRegistration.builder("cached", counting).cacheTtl(Duration.ofSeconds(5)).build());

        HealthReport first = engine.evaluate();
        this.time.advance(Duration.ofMillis(4999));
        HealthReport second = engine.evaluate();
        this.time.advance(Duration.ofMillis(1));
        HealthReport third = engine.evaluate();

        assertThat(counting.invocations).hasValue(2);
        assertThat(second.check("cached").orElseThrow().result().checkedAt())
                .isEqualTo(first.check("cached").orElseThrow().result().checkedAt());
        assertThat(third.check("cached").orElseThrow().result().checkedAt())
                .isAfter(first.check("cached").orElseThrow().result().checkedAt());
    }

    @Test
    void fullyCachedGroupReturnsTheSameReportUntilAResultExpires() {
        Counting counting = Counting.up();
        HealthEngine engine = engine(CheckRegistration.builder("cached", counting).cacheTtl(Duration.ofSeconds(5))
                .groups(HealthGroups.READINESS).build());

        HealthReport first = engine.evaluate(HealthGroups.READINESS);
        HealthReport second = engine.evaluate(HealthGroups.READINESS);
        HealthReport third = engine.evaluateAsync(HealthGroups.READINESS).join();
        this.time.advance(Duration.ofSeconds(5));
        HealthReport fourth = engine.evaluate(HealthGroups.READINESS);

        assertThat(second).isSameAs(first);
        assertThat(third).isSameAs(first);
        assertThat(fourth).isNotSameAs(first);
        assertThat(counting.invocations).hasValue(2);
    }

    @Test
    void withoutTtlEveryEvaluationRunsTheCheck() {
        Counting counting = Counting.up();
        HealthEngine engine = engine(check("fresh", counting));

        engine.evaluate();
        engine.evaluate();

        assertThat(counting.invocations).hasValue(2);
    }

    @Test
    void hysteresisReportsDownAfterThreeFailuresAndUpAfterTwoSuccesses() {
        Scripted scripted = new Scripted(Status.UP, Status.DOWN, Status.DOWN, Status.DOWN, Status.UP, Status.UP,
                Status.DOWN);
        List<StatusTransition> transitions = new CopyOnWriteArrayList<>();
        HealthEngine engine = HealthEngine.builder().timeSource(this.time)
                .register(CheckRegistration.builder("flaky", scripted).failureThreshold(3).successThreshold(2).build())
                .listener(new HealthListener() {
                    @Override
                    public void onTransition(StatusTransition transition) {
                        transitions.add(transition);
                    }
                })
                .build();
        this.engines.add(engine);

        List<Status> reported = new ArrayList<>();
        List<Status> observed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            CheckReport report = engine.evaluate().check("flaky").orElseThrow();
            reported.add(report.status());
            observed.add(report.observedStatus());
        }

        assertThat(observed).containsExactly(Status.UP, Status.DOWN, Status.DOWN, Status.DOWN, Status.UP, Status.UP,
                Status.DOWN);
        assertThat(reported).containsExactly(Status.UP, Status.UP, Status.UP, Status.DOWN, Status.DOWN, Status.UP,
                Status.UP);
        assertThat(transitions).extracting(StatusTransition::to).containsExactly(Status.UP, Status.DOWN, Status.UP);
        assertThat(transitions.get(1).from()).isEqualTo(Status.UP);
    }

    @Test
    void heldStatusShowsWhatWasObserved() {
        HealthEngine engine = engine(CheckRegistration.builder("flaky", new Scripted(Status.UP, Status.DOWN))
                .failureThreshold(2).build());
        engine.evaluate();

        CheckReport held = engine.evaluate().check("flaky").orElseThrow();

        assertThat(held.held()).isTrue();
        assertThat(held.status()).isEqualTo(Status.UP);
        assertThat(held.result().details()).containsKey("hysteresis");
        assertThat(held.result().details().get("hysteresis").toString()).contains("observed=DOWN");
    }

    @Test
    void throwingNullAndErrorChecksAreReportedDownWithoutBreakingTheReport() {
        HealthEngine engine = engine(
                check("throws", () -> {
                    throw new IllegalStateException("connect to jdbc:postgresql://db/app?password=hunter2 failed");
                }),
                check("nothing", () -> null),
                check("error", () -> {
                    throw new StackOverflowError("deep");
                }),
                check("assertion", () -> {
                    throw new AssertionError("broken invariant");
                }),
                check("fine", Counting.up()));

        HealthReport report = engine.evaluate();

        assertThat(report.status()).isEqualTo(Status.DOWN);
        CheckResult thrown = report.check("throws").orElseThrow().result();
        assertThat(thrown.status()).isEqualTo(Status.DOWN);
        assertThat(thrown.error().orElseThrow()).contains("IllegalStateException").doesNotContain("hunter2");
        assertThat(thrown.diagnosis().orElseThrow().code()).isEqualTo("health.check.failed");
        assertThat(report.check("nothing").orElseThrow().result().diagnosis().orElseThrow().code())
                .isEqualTo("health.check.no-result");
        assertThat(report.check("error").orElseThrow().result().error().orElseThrow()).contains("StackOverflowError");
        assertThat(report.check("assertion").orElseThrow().status()).isEqualTo(Status.DOWN);
        assertThat(report.check("fine").orElseThrow().status()).isEqualTo(Status.UP);
    }

    @Test
    void nonCriticalFailureDegradesTheReportInsteadOfTakingItDown() {
        HealthEngine engine = engine(
                CheckRegistration.builder("optional", () -> CheckResult.down().build()).critical(false).build(),
                check("core", Counting.up()));

        HealthReport report = engine.evaluate();

        assertThat(report.status()).isEqualTo(Status.DEGRADED);
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.check("optional").orElseThrow().status()).isEqualTo(Status.DOWN);
    }

    @Test
    void criticalFailureTakesTheReportDownWith503() {
        HealthEngine engine = engine(check("core", () -> CheckResult.down().build()),
                CheckRegistration.builder("slow-ish", () -> CheckResult.degraded().build()).build());

        HealthReport report = engine.evaluate();

        assertThat(report.status()).isEqualTo(Status.DOWN);
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void groupEvaluationRunsOnlyItsMembers() {
        Counting live = Counting.up();
        Counting ready = Counting.up();
        HealthEngine engine = engine(
                CheckRegistration.builder("live", live).groups(HealthGroups.LIVENESS).build(),
                CheckRegistration.builder("ready", ready).groups(HealthGroups.READINESS).build());

        HealthReport report = engine.evaluate(HealthGroups.LIVENESS);

        assertThat(report.checks()).containsOnlyKeys("live");
        assertThat(report.group()).contains("liveness");
        assertThat(live.invocations).hasValue(1);
        assertThat(ready.invocations).hasValue(0);
        assertThat(engine.evaluate(HealthGroups.STARTUP).checks()).isEmpty();
    }

    @Test
    void evaluatingAnUnknownGroupIsRejected() {
        HealthEngine engine = engine(check("a", Counting.up()));

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> engine.evaluate("readyness"))
                .withMessageContaining("readyness")
                .withMessageContaining("readiness");
    }

    @Test
    void componentByComponentCallersShareOneParallelRound() throws Exception {
        int checks = 5;
        CountDownLatch allStarted = new CountDownLatch(checks);
        List<Counting> counters = new ArrayList<>();
        HealthEngine.Builder builder = HealthEngine.builder().timeSource(this.time)
                .config(HealthEngineConfig.builder().threads(checks + 1).build());
        for (int i = 0; i < checks; i++) {
            Counting counting = Counting.up();
            counters.add(counting);
            builder.register(CheckRegistration.builder("c" + i, () -> {
                allStarted.countDown();
                allStarted.await(10, TimeUnit.SECONDS);
                return counting.check();
            }).groups(HealthGroups.READINESS).build());
        }
        Counting live = Counting.up();
        builder.register(CheckRegistration.builder("live", live).groups(HealthGroups.LIVENESS).build());
        HealthEngine engine = builder.build();
        this.engines.add(engine);

        for (int i = 0; i < checks; i++) {
            assertThat(engine.evaluateCheck("c" + i).status()).isEqualTo(Status.UP);
        }
        assertThat(engine.evaluateCheck("live").status()).isEqualTo(Status.UP);

        assertThat(counters).allSatisfy((counting) -> assertThat(counting.invocations).hasValue(1));
        assertThat(live.invocations).hasValue(1);
        this.time.advance(Duration.ofMillis(800));
        engine.evaluateCheck("c0");
        assertThat(counters.get(0).invocations).hasValue(2);
    }

    @Test
    void aComponentNeverWaitsForAnotherComponentsHungCheck() throws Exception {
        Blocking database = blocking(true);
        Counting live = Counting.up();
        HealthEngine engine = engine(
                CheckRegistration.builder("db", database).groups(HealthGroups.READINESS).build(),
                CheckRegistration.builder("deadlocks", live).groups(HealthGroups.LIVENESS).build());

        // One round of both, as a response of the whole (Actuator's root) starts it.
        engine.evaluateChecksAsync(List.of("db", "deadlocks"));
        database.awaitEntered();
        CompletableFuture<CheckReport> liveness = engine.evaluateCheckAsync("deadlocks");

        assertThat(liveness.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.UP);
        CompletableFuture<CheckReport> readiness = engine.evaluateCheckAsync("db");
        assertThat(readiness).isNotDone();
        this.time.advance(Duration.ofMillis(500));
        assertThat(readiness.get(10, TimeUnit.SECONDS).result().diagnosis().orElseThrow().code())
                .isEqualTo("health.check.timeout");
    }

    @Test
    void listenerFailuresDoNotAffectReports() {
        HealthEngine engine = HealthEngine.builder().timeSource(this.time)
                .register("a", Counting.up())
                .listener(new HealthListener() {
                    @Override
                    public void onTransition(StatusTransition transition) {
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void onCheckCompleted(CheckReport report) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        this.engines.add(engine);

        assertThat(engine.evaluate().status()).isEqualTo(Status.UP);
    }

    @Test
    void externalCheckInLivenessIsWarnedAboutAtBuild() {
        HealthCheck database = new HealthCheck() {
            @Override
            public CheckResult check() {
                return CheckResult.up().build();
            }

            @Override
            public boolean external() {
                return true;
            }
        };
        HealthEngine engine = engine(
                CheckRegistration.builder("db", database).groups(HealthGroups.LIVENESS).build(),
                CheckRegistration.builder("local", Counting.up()).groups(HealthGroups.LIVENESS).build());

        assertThat(engine.warnings()).singleElement().asString().contains("'db'").contains("readiness");
    }

    @Test
    void checksQueueWhenEveryThreadIsBusyAndTimeOutAsQueued() throws Exception {
        Blocking first = blocking(true);
        Counting second = Counting.up();
        HealthEngine engine = engine(HealthEngineConfig.builder().threads(1).build(),
                check("first", first), check("second", second));

        CompletableFuture<HealthReport> pending = engine.evaluateAsync(null);
        first.awaitEntered();
        this.time.advance(Duration.ofMillis(500));
        HealthReport report = await(pending);

        assertThat(report.check("second").orElseThrow().result().diagnosis().orElseThrow().cause())
                .contains("still queued");
        assertThat(engine.threadCount()).isEqualTo(1);
    }

    @Test
    void aRoundOfNamedChecksRunsOnlyThemAndTheirCallersJoinIt() throws Exception {
        Counting live = Counting.up();
        Counting other = Counting.up();
        Counting database = Counting.up();
        HealthEngine engine = engine(check("livenessState", live), check("deadlocks", other), check("db", database));

        HealthReport round = await(engine.evaluateChecksAsync(List.of("livenessState", "deadlocks")));
        assertThat(round.checks()).containsOnlyKeys("livenessState", "deadlocks");
        assertThat(engine.evaluateCheck("livenessState").status()).isEqualTo(Status.UP);
        assertThat(engine.evaluateCheck("deadlocks").status()).isEqualTo(Status.UP);

        assertThat(live.invocations).hasValue(1);
        assertThat(other.invocations).hasValue(1);
        assertThat(database.invocations).as("not a member of the round, and nobody asked for it").hasValue(0);
    }

    @Test
    void aCheckOutsideEveryLiveRoundStartsARoundOfTheChecksSharingItsGroupsHereNone() {
        Counting live = Counting.up();
        Counting database = Counting.up();
        HealthEngine engine = engine(check("livenessState", live), check("db", database));
        engine.evaluateChecksAsync(List.of("livenessState")).join();

        assertThat(engine.evaluateCheck("db").status()).isEqualTo(Status.UP);

        assertThat(database.invocations).hasValue(1);
        // The round of every check runs livenessState on another engine thread, in parallel with db: db's answer
        // does not wait for it, so wait for that run (real threads; bounded) before counting.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (live.invocations.get() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(live.invocations).as("the round of every check ran it again").hasValue(2);
    }

    @Test
    void aProbeReadComponentByComponentRunsOnlyTheChecksOfItsGroup() throws Exception {
        Counting deadlocks = Counting.up();
        Counting threads = Counting.up();
        Counting database = Counting.up();
        Counting cache = Counting.up();
        Counting unGrouped = Counting.up();
        HealthEngine engine = engine(
                CheckRegistration.builder("deadlocks", deadlocks).groups(HealthGroups.LIVENESS).build(),
                CheckRegistration.builder("threads", threads).groups(HealthGroups.LIVENESS).build(),
                CheckRegistration.builder("db", database).groups(HealthGroups.READINESS).build(),
                CheckRegistration.builder("cache", cache).groups(HealthGroups.READINESS).build(),
                CheckRegistration.builder("cpu", unGrouped).build());

        // A liveness probe's first component starts the round; the second joins it.
        assertThat(engine.evaluateCheck("deadlocks").status()).isEqualTo(Status.UP);
        awaitInvocations(threads, 1);
        assertThat(engine.evaluateCheck("threads").status()).isEqualTo(Status.UP);

        assertThat(deadlocks.invocations).hasValue(1);
        assertThat(threads.invocations).as("joined the round, not run again").hasValue(1);
        assertThat(database.invocations).as("readiness: not the liveness probe's").hasValue(0);
        assertThat(cache.invocations).hasValue(0);
        assertThat(unGrouped.invocations).hasValue(0);

        // A readiness component, while the liveness round still takes callers, starts the readiness round.
        assertThat(engine.evaluateCheck("db").status()).isEqualTo(Status.UP);
        awaitInvocations(cache, 1);
        assertThat(deadlocks.invocations).hasValue(1);
        assertThat(unGrouped.invocations).hasValue(0);
    }

    @Test
    void aCheckInTwoGroupsStartsARoundOfBoth() {
        Counting both = Counting.up();
        Counting live = Counting.up();
        Counting ready = Counting.up();
        Counting custom = Counting.up();
        HealthEngine engine = engine(HealthEngineConfig.builder().groups(Set.of("batch")).build(),
                CheckRegistration.builder("both", both).groups(HealthGroups.LIVENESS, HealthGroups.READINESS).build(),
                CheckRegistration.builder("live", live).groups(HealthGroups.LIVENESS).build(),
                CheckRegistration.builder("ready", ready).groups(HealthGroups.READINESS).build(),
                CheckRegistration.builder("batch", custom).groups("batch").build());

        assertThat(engine.evaluateCheck("both").status()).isEqualTo(Status.UP);

        awaitInvocations(live, 1);
        awaitInvocations(ready, 1);
        assertThat(custom.invocations).hasValue(0);
    }

    /** Waits (real threads; bounded) until the check ran this often: rounds run members on other engine threads. */
    private static void awaitInvocations(Counting counting, int invocations) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counting.invocations.get() < invocations && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(counting.invocations).hasValue(invocations);
    }

    @Test
    void aRoundOfNamedChecksTakesCallersOnlyUntilItsBudgetEnds() {
        Counting live = Counting.up();
        HealthEngine engine = engine(check("livenessState", live), check("db", Counting.up()));
        engine.evaluateChecksAsync(List.of("livenessState")).join();
        assertThat(engine.evaluateChecksAsync(List.of("livenessState")).join().checks()).hasSize(1);
        assertThat(live.invocations).as("joined the round that still takes callers").hasValue(1);

        this.time.advance(Duration.ofMillis(800));
        engine.evaluateChecksAsync(Set.of("livenessState")).join();

        assertThat(live.invocations).hasValue(2);
    }

    @Test
    void aRoundOfUnknownChecksIsRejected() {
        HealthEngine engine = engine(check("a", Counting.up()));

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> engine.evaluateChecksAsync(List.of("a", "b")))
                .withMessageContaining("'b'");
        assertThat(engine.evaluateChecksAsync(List.of()).join().checks()).isEmpty();
    }
}
