package dev.diagnostics.memory;

/**
 * Bytes allocated by the current thread since it started, as HotSpot counts them (exact to the allocation buffer,
 * never reset). {@link #platform()} uses {@code com.sun.management.ThreadMXBean} where the JVM offers and has enabled
 * it; elsewhere it is {@link #UNSUPPORTED} and per-request allocation is not recorded.
 */
@FunctionalInterface
public interface ThreadAllocation {

    /** Never measures: {@link #currentThreadAllocatedBytes()} is always -1. */
    ThreadAllocation UNSUPPORTED = () -> -1;

    /** Bytes allocated by the calling thread so far; -1 when not measured. Must not allocate. */
    long currentThreadAllocatedBytes();

    /** The running JVM's counter, or {@link #UNSUPPORTED}. Does not change the JVM's settings. */
    static ThreadAllocation platform() {
        try {
            Class<?> type = Class.forName("dev.diagnostics.memory.internal.HotSpotThreadAllocation");
            ThreadAllocation allocation = (ThreadAllocation) type.getMethod("create").invoke(null);
            return (allocation != null) ? allocation : UNSUPPORTED;
        }
        catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
            return UNSUPPORTED;
        }
    }
}
