package dev.diagnostics.system;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** {@link ThreadCpuSource#system()}: the JVM's thread bean, and the process CPU time through JMX. */
final class JvmThreadCpuSource implements ThreadCpuSource {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private final ObjectName operatingSystem;

    JvmThreadCpuSource() {
        try {
            this.operatingSystem = new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME);
        }
        catch (MalformedObjectNameException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * HotSpot's {@code ProcessCpuTime}, read through JMX by name: {@code com.sun.management} is not in every JVM, and
     * the check reads it once per sampling interval, never per request.
     */
    @Override
    public long processCpuNanos() {
        try {
            return (this.server.getAttribute(this.operatingSystem, "ProcessCpuTime") instanceof Long nanos) ? nanos
                    : -1;
        }
        catch (JMException | RuntimeException ex) {
            return -1;
        }
    }

    @Override
    public int availableProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public boolean threadCpuTimeSupported() {
        return this.threads.isThreadCpuTimeSupported() && this.threads.isThreadCpuTimeEnabled();
    }

    @Override
    public long[] threadIds() {
        return this.threads.getAllThreadIds();
    }

    @Override
    public long threadCpuNanos(long threadId) {
        return this.threads.getThreadCpuTime(threadId);
    }

    @Override
    public ThreadSnapshot snapshot(long threadId, int maxDepth) {
        ThreadInfo info = this.threads.getThreadInfo(threadId, maxDepth);
        return (info != null) ? new ThreadSnapshot(info.getThreadName(), info.getThreadState(), info.getStackTrace())
                : null;
    }
}
