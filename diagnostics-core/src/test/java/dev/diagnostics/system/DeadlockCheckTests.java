package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Status;

class DeadlockCheckTests {

    @Test
    void healthyJvmHasNoDeadlock() {
        CheckResult result = new DeadlockCheck().check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("deadlockedThreads", 0);
    }

    @Test
    void realDeadlockIsReportedWithBothThreadsTheirLocksAndWhereTheyAre() throws Exception {
        ReentrantLock left = new ReentrantLock();
        ReentrantLock right = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = new Thread(() -> takeBoth(left, right, bothHoldOne), "orders-worker-1");
        Thread b = new Thread(() -> takeBoth(right, left, bothHoldOne), "billing-worker-2");
        a.start();
        b.start();
        try {
            CheckResult result = awaitDeadlock();

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jvm.deadlock");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("'orders-worker-1' waits for")
                    .contains("held by 'billing-worker-2'").contains("'billing-worker-2' waits for");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> threads = (List<Map<String, Object>>) result.details().get("threads");
            assertThat(threads).extracting((thread) -> thread.get("name"))
                    .containsExactlyInAnyOrder("orders-worker-1", "billing-worker-2");
            assertThat(threads.get(0).get("at").toString()).contains("DeadlockCheckTests.takeBoth");
        }
        finally {
            a.interrupt();
            b.interrupt();
            a.join(5_000);
            b.join(5_000);
        }
        assertThat(new DeadlockCheck().check().status()).isEqualTo(Status.UP);
    }

    private static CheckResult awaitDeadlock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CheckResult result = new DeadlockCheck().check();
        while (result.status() == Status.UP && System.nanoTime() < deadline) {
            Thread.sleep(5);
            result = new DeadlockCheck().check();
        }
        return result;
    }

    private static void takeBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne) {
        try {
            first.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                second.lockInterruptibly();
                second.unlock();
            }
            finally {
                first.unlock();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void monitorOnlyJvmsAreStillChecked() {
        ThreadMXBean real = ManagementFactory.getThreadMXBean();
        ThreadMXBean monitorsOnly = (ThreadMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ThreadMXBean.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "isSynchronizerUsageSupported" -> false;
                    case "findDeadlockedThreads" -> throw new UnsupportedOperationException("not on this JVM");
                    default -> method.invoke(real, args);
                });

        CheckResult result = new DeadlockCheck(monitorsOnly).check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("includesLocks", false);
    }

    @Test
    void registrationIsLivenessAndInspectsAtMostEveryTenSeconds() {
        CheckRegistration registration = DeadlockCheck.registration().build();

        assertThat(registration.name()).isEqualTo("deadlocks");
        assertThat(registration.groups()).containsExactly(HealthGroups.LIVENESS);
        assertThat(registration.cacheTtl()).isEqualTo(DeadlockCheck.DEFAULT_INTERVAL);
        assertThat(registration.external()).isFalse();
    }
}
