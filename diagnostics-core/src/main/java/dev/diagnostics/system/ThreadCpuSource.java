package dev.diagnostics.system;

import java.lang.management.ThreadMXBean;

/**
 * Where the {@link HotThreadsCheck} reads CPU time: the process's and each thread's. {@link #system()} reads the JVM's
 * {@link ThreadMXBean} and operating-system bean; unit tests pass a fake.
 */
public interface ThreadCpuSource {

    /** CPU time the whole process has used, in nanoseconds; negative when the platform does not say. */
    long processCpuNanos();

    /** Processors available to the JVM (its container's limit, when there is one). */
    int availableProcessors();

    /** Whether per-thread CPU time can be read. */
    boolean threadCpuTimeSupported();

    /** The ids of the live threads. */
    long[] threadIds();

    /** CPU time the thread has used, in nanoseconds; negative when it has ended. */
    long threadCpuNanos(long threadId);

    /** The thread's name, state and stack (at most {@code maxDepth} frames); {@code null} when it has ended. */
    ThreadSnapshot snapshot(long threadId, int maxDepth);

    /** Reads the JVM's own beans. */
    static ThreadCpuSource system() {
        return new JvmThreadCpuSource();
    }

    /**
     * A thread at one moment.
     *
     * @param name the thread's name
     * @param state its state
     * @param stack innermost frame first
     */
    record ThreadSnapshot(String name, Thread.State state, StackTraceElement[] stack) {
    }
}
