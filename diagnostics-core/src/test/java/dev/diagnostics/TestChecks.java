package dev.diagnostics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Checks with observable behaviour for engine tests. */
final class TestChecks {

    private TestChecks() {
    }

    /** Counts invocations and returns a fixed result. */
    static final class Counting implements HealthCheck {

        final AtomicInteger invocations = new AtomicInteger();

        private final CheckResult result;

        Counting(CheckResult result) {
            this.result = result;
        }

        static Counting up() {
            return new Counting(CheckResult.up().build());
        }

        @Override
        public CheckResult check() {
            this.invocations.incrementAndGet();
            return this.result;
        }
    }

    /** Returns the given statuses in order, one per run. */
    static final class Scripted implements HealthCheck {

        private final Deque<Status> script;

        Scripted(Status... statuses) {
            this.script = new ArrayDeque<>(List.of(statuses));
        }

        @Override
        public synchronized CheckResult check() {
            return CheckResult.status(this.script.removeFirst()).build();
        }
    }

    /**
     * Blocks until released. With {@code ignoreInterrupts} it keeps blocking when interrupted, like a client call
     * without a deadline of its own.
     */
    static final class Blocking implements HealthCheck {

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final AtomicInteger invocations = new AtomicInteger();

        private final boolean ignoreInterrupts;

        Blocking(boolean ignoreInterrupts) {
            this.ignoreInterrupts = ignoreInterrupts;
        }

        @Override
        public CheckResult check() throws InterruptedException {
            this.invocations.incrementAndGet();
            this.entered.countDown();
            while (true) {
                try {
                    this.release.await();
                    return CheckResult.up().build();
                }
                catch (InterruptedException ex) {
                    if (!this.ignoreInterrupts) {
                        throw ex;
                    }
                }
            }
        }

        void awaitEntered() throws InterruptedException {
            if (!this.entered.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("check was never started");
            }
        }
    }
}
