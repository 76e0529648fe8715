package dev.diagnostics.sample.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Creates a real deadlock: two threads each take one lock, then wait for the other's. The locks are
 * {@link ReentrantLock}s taken with {@link Lock#lockInterruptibly()}, so unlike {@code synchronized} the deadlock can
 * be undone by interrupting the threads; a real one cannot, which is why liveness says "restart me".
 */
@Component
class DeadlockLab implements DisposableBean {

    static final List<String> THREAD_NAMES = List.of("lab-deadlock-1", "lab-deadlock-2");

    private static final Duration SETTLE = Duration.ofSeconds(2);

    private List<Thread> threads = List.of();

    synchronized boolean isActive() {
        return !this.threads.isEmpty();
    }

    /**
     * Deadlocks two new threads and returns once both wait for each other. Does nothing while a deadlock exists.
     *
     * @return the names of the deadlocked threads
     */
    synchronized List<String> create() throws InterruptedException {
        if (isActive()) {
            return THREAD_NAMES;
        }
        ReentrantLock stock = new ReentrantLock();
        ReentrantLock prices = new ReentrantLock();
        CountDownLatch bothHoldTheirFirstLock = new CountDownLatch(2);
        Thread first = thread(THREAD_NAMES.get(0), stock, prices, bothHoldTheirFirstLock);
        Thread second = thread(THREAD_NAMES.get(1), prices, stock, bothHoldTheirFirstLock);
        this.threads = List.of(first, second);
        first.start();
        second.start();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!(prices.hasQueuedThread(first) && stock.hasQueuedThread(second)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return THREAD_NAMES;
    }

    /**
     * Interrupts the deadlocked threads, which releases their locks and ends them.
     *
     * @return whether there was a deadlock to release
     */
    synchronized boolean release() throws InterruptedException {
        if (!isActive()) {
            return false;
        }
        for (Thread thread : this.threads) {
            thread.interrupt();
        }
        for (Thread thread : this.threads) {
            thread.join(SETTLE.toMillis());
        }
        this.threads = List.of();
        return true;
    }

    @Override
    public void destroy() throws InterruptedException {
        release();
    }

    private static Thread thread(String name, Lock held, Lock wanted, CountDownLatch bothHoldTheirFirstLock) {
        Thread thread = new Thread(() -> holdThenWait(held, wanted, bothHoldTheirFirstLock), name);
        thread.setDaemon(true);
        return thread;
    }

    private static void holdThenWait(Lock held, Lock wanted, CountDownLatch bothHoldTheirFirstLock) {
        try {
            held.lockInterruptibly();
            try {
                bothHoldTheirFirstLock.countDown();
                bothHoldTheirFirstLock.await();
                wanted.lockInterruptibly();
                wanted.unlock();
            }
            finally {
                held.unlock();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
