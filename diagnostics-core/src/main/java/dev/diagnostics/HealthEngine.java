package dev.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.time.TimeSource;

/**
 * Runs registered {@link HealthCheck}s and answers with {@link HealthReport}s.
 *
 * <ul>
 * <li>All checks of a report run in parallel on the engine's own bounded executor ({@code threads} daemon threads
 * named {@code diagnostics-check-N}).</li>
 * <li>Each check has a timeout; the whole report has a budget and returns by then, reporting checks that have not
 * answered as over budget.</li>
 * <li>Concurrent callers share one evaluation in flight, and each check runs at most once at a time; results are
 * served from cache within their TTL.</li>
 * <li>A check that ignores its interrupt and hangs holds one thread, once: it is reported as hung and not started
 * again until it returns.</li>
 * <li>Failure and success thresholds (hysteresis) keep one bad run from flipping a check.</li>
 * <li>Nothing a check does (throw, hang, return {@code null}, throw an {@link Error}) makes a report fail: the
 * evaluation methods never throw because of a check.</li>
 * </ul>
 *
 * <p>Thread-safe. Build one per application with {@link #builder()} and {@link #close()} it on shutdown.
 */
public final class HealthEngine implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(HealthEngine.class);

    private static final String ALL = "";

    /** The engine's check threads are named with this prefix and a number. */
    public static final String THREAD_NAME_PREFIX = "diagnostics-check-";

    private final HealthEngineConfig config;

    private final TimeSource time;

    private final AutoCloseable ownedTimeSource;

    private final ThreadPoolExecutor executor;

    private final EngineEvents events = new EngineEvents();

    private final Map<String, CheckRunner> runners;

    private final Map<String, List<CheckRunner>> groups;

    private final Map<String, CompletableFuture<HealthReport>> inFlightReports = new ConcurrentHashMap<>();

    /** Component rounds that may still take callers, by the names of their checks; at most one per set of names. */
    private final Map<Set<String>, EvaluationRound> componentRounds = new ConcurrentHashMap<>();

    /** For each check, the checks a round it starts covers: those sharing a group with it (see evaluateCheck). */
    private final Map<String, Set<String>> roundMembers;

    private final Map<String, HealthReport> lastReports = new ConcurrentHashMap<>();

    private final List<CheckRunner> allRunners;

    private final List<String> warnings;

    private HealthEngine(Builder builder) {
        this.config = builder.config;
        if (builder.time != null) {
            this.time = builder.time;
            this.ownedTimeSource = null;
        }
        else {
            SystemTimeSource system = new SystemTimeSource();
            this.time = system;
            this.ownedTimeSource = system;
        }
        this.executor = newExecutor(this.config.threadsFor(builder.registrations.size()));
        builder.listeners.forEach(this.events::add);
        Map<String, CheckRunner> byName = new LinkedHashMap<>();
        for (CheckRegistration registration : builder.registrations) {
            Duration timeout = (registration.timeout() != null) ? registration.timeout() : this.config.defaultTimeout();
            Duration ttl = (registration.cacheTtl() != null) ? registration.cacheTtl() : this.config.defaultCacheTtl();
            byName.put(registration.name(),
                    new CheckRunner(registration, timeout, ttl, this.executor, this.time, this.events));
        }
        this.runners = Collections.unmodifiableMap(byName);
        this.allRunners = List.copyOf(byName.values());
        this.groups = groupMembers(this.config, this.runners);
        this.roundMembers = roundMembers(this.allRunners);
        this.warnings = List.copyOf(startupWarnings(builder.registrations));
        this.warnings.forEach(logger::warn);
    }

    private static List<String> startupWarnings(List<CheckRegistration> registrations) {
        List<String> warnings = new ArrayList<>();
        for (CheckRegistration registration : registrations) {
            if (registration.external() && registration.groups().contains(HealthGroups.LIVENESS)) {
                warnings.add("Health check '" + registration.name() + "' talks to an external system but is in the"
                        + " liveness group: when that system fails, every instance is restarted, which does not fix"
                        + " it. Move it to the readiness group.");
            }
        }
        return warnings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public HealthEngineConfig config() {
        return this.config;
    }

    /** The registrations, in registration order. */
    public List<CheckRegistration> registrations() {
        List<CheckRegistration> registrations = new ArrayList<>(this.runners.size());
        this.runners.values().forEach((runner) -> registrations.add(runner.registration()));
        return Collections.unmodifiableList(registrations);
    }

    /**
     * Problems with the registrations found when the engine was built, each already logged once at WARN (for
     * example an external check in the liveness group).
     */
    public List<String> warnings() {
        return this.warnings;
    }

    /** Adds a listener; it hears events from now on. */
    public void addListener(HealthListener listener) {
        this.events.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Evaluates every check. Blocks at most for the budget; never throws because of a check. */
    public HealthReport evaluate() {
        return evaluate(null);
    }

    /**
     * Evaluates the checks of one group ({@code null} for every check). Blocks at most for the budget; never throws
     * because of a check.
     *
     * @param group a built-in or configured custom group
     * @throws IllegalArgumentException if the group is not known to this engine
     */
    public HealthReport evaluate(String group) {
        String key = (group != null) ? group : ALL;
        List<CheckRunner> members = members(group);
        HealthReport cached = cachedReport(key, members);
        return (cached != null) ? cached : join(evaluateAsync(group));
    }

    /**
     * Evaluates a group ({@code null} for every check) without blocking. Callers that arrive while an evaluation of
     * the same group is in flight get the same future. When every check of the group would be served from cache,
     * the last report of the group is returned as it is.
     *
     * @throws IllegalArgumentException if the group is not known to this engine
     */
    public CompletableFuture<HealthReport> evaluateAsync(String group) {
        String key = (group != null) ? group : ALL;
        List<CheckRunner> members = members(group);
        CompletableFuture<HealthReport> inFlight = this.inFlightReports.get(key);
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        HealthReport cached = cachedReport(key, members);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return this.inFlightReports.compute(key, (k, existing) -> (existing != null && !existing.isDone()) ? existing
                : startRound(key, group, members));
    }

    private CompletableFuture<HealthReport> startRound(String key, String group, List<CheckRunner> members) {
        CompletableFuture<HealthReport> report = new EvaluationRound(group, members, this.time, this.config.budget())
                .report();
        report.thenAccept((completed) -> this.lastReports.put(key, completed));
        return report;
    }

    /** The group's last report, if each of its checks would now be served that very result from cache. */
    private HealthReport cachedReport(String key, List<CheckRunner> members) {
        HealthReport last = this.lastReports.get(key);
        if (last == null || members.isEmpty()) {
            return null;
        }
        long now = this.time.nanoTime();
        Map<String, CheckReport> checks = last.checks();
        for (CheckRunner runner : members) {
            CheckReport cached = runner.cachedReport(now);
            if (cached == null || cached != checks.get(runner.name())) {
                return null;
            }
        }
        return last;
    }

    private List<CheckRunner> members(String group) {
        List<CheckRunner> members = (group != null) ? this.groups.get(group) : this.allRunners;
        if (members == null) {
            throw new IllegalArgumentException("Unknown health group '" + group + "'; known groups are "
                    + this.groups.keySet());
        }
        return members;
    }

    /**
     * The result of one check, for callers that read a report component by component (Spring Boot Actuator calls
     * each indicator in turn). The call joins a component round that covers the check and still takes callers (see
     * {@link #evaluateChecksAsync(Collection)}); without one, it starts a round, in parallel, of every check that
     * shares a group with it (for a check in no group: every check in no group), so a probe's response runs that
     * probe's checks and no others, whichever of them the framework reads first. Calls for any check of that round
     * until its budget ends share it, so a whole response of N components costs at most one budget, not N. Each
     * caller waits only for its own check (or the budget): a liveness component never waits for a hung database
     * check. Blocks at most for the budget; never throws because of a check.
     *
     * @throws IllegalArgumentException if no check has this name
     */
    public CheckReport evaluateCheck(String name) {
        try {
            return evaluateCheckAsync(name).join();
        }
        catch (RuntimeException ex) {
            logger.error("Health engine failed to assemble the result of '{}'", name, ex);
            return this.runners.get(name).straggler(this.config.budget());
        }
    }

    /**
     * Like {@link #evaluateCheck(String)} without blocking: the future completes when the check answers or the
     * round's budget runs out, for frameworks that evaluate health asynchronously.
     *
     * @throws IllegalArgumentException if no check has this name
     */
    public CompletableFuture<CheckReport> evaluateCheckAsync(String name) {
        if (!this.runners.containsKey(name)) {
            throw new IllegalArgumentException("No health check named '" + name + "'");
        }
        long now = this.time.nanoTime();
        for (EvaluationRound round : this.componentRounds.values()) {
            if (round.covers(name) && round.acceptsCallersAt(now)) {
                return round.result(name);
            }
        }
        return componentRound(this.roundMembers.get(name)).result(name);
    }

    /**
     * Starts the checks of one response in parallel as one component round, for a framework that is about to read
     * them one by one with {@link #evaluateCheck(String)}: until the round's budget ends, those calls join it instead
     * of starting a round of every check. A liveness probe that starts a round of its own members thus runs only
     * them, not every external dependency. Callers that name the same checks while such a round takes callers share
     * it. Does not block.
     *
     * @param names the checks of the response; empty does nothing
     * @return the round's report, complete when every named check has answered or the budget runs out
     * @throws IllegalArgumentException if a name is not a check of this engine
     */
    public CompletableFuture<HealthReport> evaluateChecksAsync(Collection<String> names) {
        Set<String> members = Set.copyOf(names);
        for (String name : members) {
            if (!this.runners.containsKey(name)) {
                throw new IllegalArgumentException("No health check named '" + name + "'");
            }
        }
        if (members.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new HealthReport(null, this.time.now(), Duration.ZERO, Map.of()));
        }
        return componentRound(members).report();
    }

    private EvaluationRound componentRound(Set<String> names) {
        EvaluationRound round = this.componentRounds.get(names);
        if (round != null && round.acceptsCallersAt(this.time.nanoTime())) {
            return round;
        }
        synchronized (this.componentRounds) {
            long now = this.time.nanoTime();
            round = this.componentRounds.get(names);
            if (round != null && round.acceptsCallersAt(now)) {
                return round;
            }
            // Rounds past their budget take no callers: drop them so the map holds only the rounds of live responses.
            this.componentRounds.values().removeIf((stale) -> !stale.acceptsCallersAt(now));
            List<CheckRunner> members = new ArrayList<>(names.size());
            for (CheckRunner runner : this.allRunners) {
                if (names.contains(runner.name())) {
                    members.add(runner);
                }
            }
            round = new EvaluationRound(null, members, this.time, this.config.budget());
            this.componentRounds.put(names, round);
            return round;
        }
    }

    /** The last reported result of a check, without running it. */
    public Optional<CheckReport> lastReport(String name) {
        CheckRunner runner = this.runners.get(name);
        return Optional.ofNullable((runner != null) ? runner.lastReport() : null);
    }

    /** The most engine threads there can be: configured, or one per check up to 32. */
    public int threadLimit() {
        return this.executor.getMaximumPoolSize();
    }

    /** How many engine threads exist now (bounded by {@link #threadLimit()}). */
    public int threadCount() {
        return this.executor.getPoolSize();
    }

    /** Stops the engine's threads. Checks still running are interrupted. */
    @Override
    public void close() {
        this.executor.shutdownNow();
        if (this.ownedTimeSource != null) {
            try {
                this.ownedTimeSource.close();
            }
            catch (Exception ex) {
                logger.debug("Failed to close the engine's timer", ex);
            }
        }
    }

    private HealthReport join(CompletableFuture<HealthReport> report) {
        try {
            return report.join();
        }
        catch (RuntimeException ex) {
            logger.error("Health engine failed to assemble a report", ex);
            Map<String, CheckReport> none = Map.of();
            return new HealthReport(null, this.time.now(), Duration.ZERO, none);
        }
    }

    private static ThreadPoolExecutor newExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), (runnable) -> {
                    Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * For each check: every check that shares a group with it, or, for a check in no group, every check in no group.
     * A probe's response (liveness, say) thus starts a round of that probe's checks only, whichever of them the
     * framework reads first.
     */
    private static Map<String, Set<String>> roundMembers(List<CheckRunner> runners) {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        Map<Set<String>, Set<String>> byGroups = new HashMap<>();
        for (CheckRunner runner : runners) {
            Set<String> groups = runner.registration().groups();
            Set<String> names = byGroups.computeIfAbsent(groups, (key) -> {
                Set<String> sharing = new LinkedHashSet<>();
                for (CheckRunner other : runners) {
                    Set<String> otherGroups = other.registration().groups();
                    if (key.isEmpty() ? otherGroups.isEmpty() : !Collections.disjoint(key, otherGroups)) {
                        sharing.add(other.name());
                    }
                }
                return Set.copyOf(sharing);
            });
            members.put(runner.name(), names);
        }
        return Collections.unmodifiableMap(members);
    }

    private static Map<String, List<CheckRunner>> groupMembers(HealthEngineConfig config,
            Map<String, CheckRunner> runners) {
        Map<String, List<CheckRunner>> groups = new LinkedHashMap<>();
        for (String group : config.knownGroups()) {
            groups.put(group, new ArrayList<>());
        }
        for (CheckRunner runner : runners.values()) {
            for (String group : runner.registration().groups()) {
                groups.get(group).add(runner);
            }
        }
        groups.replaceAll((group, members) -> List.copyOf(members));
        return Collections.unmodifiableMap(groups);
    }

    /** Builds a {@link HealthEngine}; {@link #build()} validates registrations against the configuration. */
    public static final class Builder {

        private HealthEngineConfig config = HealthEngineConfig.defaults();

        private TimeSource time;

        private final List<CheckRegistration> registrations = new ArrayList<>();

        private final List<HealthListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder config(HealthEngineConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The clock and scheduler; default a {@link SystemTimeSource} owned and closed by the engine. */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        public Builder register(CheckRegistration registration) {
            this.registrations.add(Objects.requireNonNull(registration, "registration"));
            return this;
        }

        /** Registers a check with the engine's defaults and no group. */
        public Builder register(String name, HealthCheck check) {
            return register(CheckRegistration.builder(name, check).build());
        }

        public Builder listener(HealthListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws InvalidConfigurationException on a duplicate name, an unknown group, or a check timeout longer than
         *         the budget; the message names the property
         */
        public HealthEngine build() {
            Set<String> known = this.config.knownGroups();
            Map<String, CheckRegistration> seen = new HashMap<>();
            for (CheckRegistration registration : this.registrations) {
                if (seen.putIfAbsent(registration.name(), registration) != null) {
                    throw new InvalidConfigurationException(registration.propertyPrefix(),
                            "a check named '" + registration.name() + "' is registered twice; names must be unique");
                }
                for (String group : registration.groups()) {
                    if (!known.contains(group)) {
                        throw new InvalidConfigurationException(property(registration, "groups"),
                                "unknown group '" + group + "'; known groups are " + known + " (declare custom"
                                        + " groups in " + this.config.propertyPrefix() + ".groups)");
                    }
                }
                if (registration.timeout() != null && registration.timeout().compareTo(this.config.budget()) > 0) {
                    throw new InvalidConfigurationException(property(registration, "timeout"),
                            "must not exceed " + this.config.propertyPrefix() + ".budget (" + this.config.budget()
                                    + "), or the check could never answer in time; was " + registration.timeout());
                }
            }
            return new HealthEngine(this);
        }

        private static String property(CheckRegistration registration, String field) {
            String prefix = registration.propertyPrefix();
            return prefix.startsWith("check '") ? prefix + " " + field : prefix + "." + field;
        }
    }
}
