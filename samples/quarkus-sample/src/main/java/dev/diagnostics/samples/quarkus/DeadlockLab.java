package dev.diagnostics.samples.quarkus;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Creates a real deadlock: two threads each take one {@link ReentrantLock} and then wait for the other's. Both wait
 * with {@link ReentrantLock#lockInterruptibly()}, so {@link #release()} can interrupt them and free the locks;
 * a deadlock on {@code synchronized} could only be ended by restarting the JVM.
 */
@ApplicationScoped
public class DeadlockLab {

    static final String FIRST_THREAD = "lab-deadlock-orders";

    static final String SECOND_THREAD = "lab-deadlock-payments";

    private static final Logger logger = Logger.getLogger(DeadlockLab.class);

    private List<Thread> threads = List.of();

    /** Starts the deadlock; returns {@code false} if one is already running. */
    public synchronized boolean start() {
        if (active()) {
            return false;
        }
        ReentrantLock ordersLock = new ReentrantLock();
        ReentrantLock paymentsLock = new ReentrantLock();
        CountDownLatch bothHoldTheirFirstLock = new CountDownLatch(2);
        this.threads = List.of(
                new Thread(() -> lockInOrder(ordersLock, paymentsLock, bothHoldTheirFirstLock), FIRST_THREAD),
                new Thread(() -> lockInOrder(paymentsLock, ordersLock, bothHoldTheirFirstLock), SECOND_THREAD));
        this.threads.forEach((thread) -> {
            thread.setDaemon(true);
            thread.start();
        });
        logger.warnf("Fault lab: threads '%s' and '%s' are now deadlocked", FIRST_THREAD, SECOND_THREAD);
        return true;
    }

    /** Interrupts both threads, which gives up their locks; returns {@code false} if nothing was running. */
    public synchronized boolean release() {
        if (!active()) {
            return false;
        }
        for (Thread thread : this.threads) {
            thread.interrupt();
        }
        for (Thread thread : this.threads) {
            try {
                thread.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        this.threads = List.of();
        logger.info("Fault lab: deadlock released");
        return true;
    }

    @PreDestroy
    void stop() {
        release();
    }

    public synchronized boolean active() {
        return this.threads.stream().anyMatch(Thread::isAlive);
    }

    public synchronized List<String> threadNames() {
        return this.threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    private static void lockInOrder(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldTheirFirst) {
        try {
            first.lockInterruptibly();
            try {
                bothHoldTheirFirst.countDown();
                bothHoldTheirFirst.await();
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
}
