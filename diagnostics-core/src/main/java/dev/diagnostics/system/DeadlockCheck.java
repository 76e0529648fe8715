package dev.diagnostics.system;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.StackSummary;

/**
 * Finds threads deadlocked on monitors or {@code java.util.concurrent} locks, through {@link ThreadMXBean}.
 *
 * <p>A deadlock never resolves itself, so this check belongs in liveness: DOWN means "restart me". Finding
 * deadlocks stops the JVM at a safepoint (about 70 microseconds here), so {@link #registration()} caches the result
 * for 10 seconds: whatever the probe rate, the JVM is inspected at most every 10 seconds.
 *
 * <p>DOWN results name every deadlocked thread, the lock it waits for, the thread that holds it and where the
 * thread is (top frames).
 */
public final class DeadlockCheck implements HealthCheck {

    /** The check's default name. */
    public static final String NAME = "deadlocks";

    /** The default minimum interval between two inspections of the JVM. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private static final int APPLICATION_FRAMES_SHOWN = 3;

    private final ThreadMXBean threads;

    public DeadlockCheck() {
        this(ManagementFactory.getThreadMXBean());
    }

    public DeadlockCheck(ThreadMXBean threads) {
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /** A registration named {@value #NAME} in the liveness group, cached for 10 seconds. */
    public static CheckRegistration.Builder registration() {
        return registration(new DeadlockCheck());
    }

    /** A registration of the given check named {@value #NAME} in the liveness group, cached for 10 seconds. */
    public static CheckRegistration.Builder registration(DeadlockCheck check) {
        return CheckRegistration.builder(NAME, check).groups(HealthGroups.LIVENESS).cacheTtl(DEFAULT_INTERVAL);
    }

    @Override
    public CheckResult check() {
        boolean synchronizers = this.threads.isSynchronizerUsageSupported();
        long[] ids = synchronizers ? this.threads.findDeadlockedThreads() : this.threads.findMonitorDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            return CheckResult.up()
                    .detail("deadlockedThreads", 0)
                    .detail("includesLocks", synchronizers)
                    .build();
        }
        ThreadInfo[] infos = this.threads.getThreadInfo(ids, this.threads.isObjectMonitorUsageSupported(),
                synchronizers);
        List<Map<String, Object>> deadlocked = new ArrayList<>();
        StringBuilder cycle = new StringBuilder();
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            Map<String, Object> thread = new LinkedHashMap<>();
            thread.put("name", info.getThreadName());
            thread.put("state", info.getThreadState().name());
            thread.put("waitingFor", describe(info.getLockInfo()));
            thread.put("heldBy", info.getLockOwnerName());
            thread.put("at", frames(info.getStackTrace()));
            deadlocked.add(thread);
            if (cycle.length() > 0) {
                cycle.append("; ");
            }
            cycle.append('\'').append(info.getThreadName()).append("' waits for ")
                    .append(describe(info.getLockInfo())).append(" held by '").append(info.getLockOwnerName())
                    .append('\'');
        }
        return CheckResult.down()
                .detail("deadlockedThreads", ids.length)
                .detail("includesLocks", synchronizers)
                .detail("threads", deadlocked)
                .diagnosis("jvm.deadlock", ids.length + " threads are deadlocked: " + cycle,
                        "These threads will never proceed. Take a thread dump (jcmd <pid> Thread.print) for the full"
                                + " stacks, then restart the instance; fix the code so every path takes these locks"
                                + " in the same order.")
                .build();
    }

    private static String describe(LockInfo lock) {
        if (lock == null) {
            return "unknown lock";
        }
        String className = lock.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "@"
                + Integer.toHexString(lock.getIdentityHashCode());
    }

    private static List<String> frames(StackTraceElement[] stack) {
        return StackSummary.of(stack, APPLICATION_FRAMES_SHOWN);
    }
}
