package dev.diagnostics.memory.internal;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

import dev.diagnostics.memory.ThreadAllocation;

/**
 * Per-thread allocation from {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}: a read of the
 * thread's own counter, no allocation. Loaded by name, so a JVM without {@code com.sun.management} never loads it.
 */
public final class HotSpotThreadAllocation implements ThreadAllocation {

    private final ThreadMXBean threads;

    private HotSpotThreadAllocation(ThreadMXBean threads) {
        this.threads = threads;
    }

    /**
     * The running JVM's counter; {@code null} when the JVM does not measure per-thread allocation or has it turned
     * off ({@code ThreadMXBean.setThreadAllocatedMemoryEnabled(false)}): this never turns it on.
     */
    public static ThreadAllocation create() {
        if (!(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads)) {
            return null;
        }
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return null;
        }
        return new HotSpotThreadAllocation(threads);
    }

    @Override
    public long currentThreadAllocatedBytes() {
        return this.threads.getCurrentThreadAllocatedBytes();
    }
}
