package dev.diagnostics.sample.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Threads that burn CPU in {@link #aggregate()}, named like the workers of a reporting service: what a runaway loop
 * looks like to the {@code cpu} check.
 */
@Component
public class ReportWorkers implements DisposableBean {

    private final List<Thread> workers = new ArrayList<>();

    private volatile boolean running;

    private volatile long sink;

    public synchronized boolean isRunning() {
        return this.running;
    }

    /** Starts the workers for at most the given time; does nothing while they run. */
    public synchronized List<String> start(int threads, long seconds) {
        if (!this.running) {
            this.running = true;
            long until = System.nanoTime() + seconds * 1_000_000_000L;
            for (int i = 1; i <= threads; i++) {
                Thread worker = new Thread(() -> aggregate(until), "report-worker-" + i);
                worker.setDaemon(true);
                this.workers.add(worker);
                worker.start();
            }
        }
        return this.workers.stream().map(Thread::getName).toList();
    }

    /** Stops the workers. */
    public synchronized boolean stop() throws InterruptedException {
        boolean wasRunning = this.running;
        this.running = false;
        for (Thread worker : this.workers) {
            worker.join(2_000);
        }
        this.workers.clear();
        return wasRunning;
    }

    /** The hot loop: a report aggregation that never finishes early. */
    void aggregate(long until) {
        long total = 0;
        while (this.running && System.nanoTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                total = total * 31 + i;
            }
            this.sink = total;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stop();
    }
}
