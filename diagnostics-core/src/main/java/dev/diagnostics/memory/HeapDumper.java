package dev.diagnostics.memory;

import java.io.IOException;

/**
 * Writes a heap dump. {@link #platform()} uses HotSpot's diagnostic MXBean where the JVM has one; tests pass a fake.
 */
@FunctionalInterface
public interface HeapDumper {

    /**
     * Writes a heap dump of live objects to a file that must not exist yet.
     *
     * @throws IOException when the file exists or cannot be written
     */
    void dumpLiveObjects(String file) throws IOException;

    /** HotSpot's {@code HotSpotDiagnosticMXBean.dumpHeap}; {@code null} on a JVM without it. */
    static HeapDumper platform() {
        try {
            Class<?> type = Class.forName("dev.diagnostics.memory.internal.HotSpotHeapDumper");
            return (HeapDumper) type.getMethod("create").invoke(null);
        }
        catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
            return null;
        }
    }
}
