package dev.diagnostics.memory;

import java.util.List;

/**
 * Where the {@link MemoryWatcher} reads the JVM's memory. {@link #platform()} reads the platform MXBeans; tests pass
 * a fake to drive the watcher's arithmetic.
 */
public interface JvmMemory {

    /** Reads every figure once. Called on the watcher's tick and after collections, never per request. */
    JvmMemoryReading read();

    /**
     * Calls the listener after every garbage collection and whenever an old pool's collection-usage threshold is
     * crossed, on the JVM's notification thread. The listener must be short.
     *
     * @return a handle that removes the listener
     */
    AutoCloseable onCollection(Runnable listener);

    /**
     * Arms the collection-usage threshold of each old pool at this share of its maximum, so the JVM itself tells when
     * live data crosses it. Does nothing where pools do not support thresholds.
     */
    void armCollectionThreshold(double share);

    /** The names of the pools read as the old generation ({@code G1 Old Gen}, {@code Tenured Gen}, ...). */
    List<String> oldGenPools();

    /** The running JVM's memory, through {@link java.lang.management.ManagementFactory}. */
    static JvmMemory platform() {
        return new PlatformJvmMemory();
    }
}
