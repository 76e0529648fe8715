package dev.diagnostics.memory;

import java.util.List;

/** A JVM whose figures a test sets; {@link #collect(long)} plays a collection that leaves that much in old gen. */
final class FakeJvmMemory implements JvmMemory {

    static final long MB = 1024 * 1024;

    long oldAfterGc = -1;

    long oldMax = 1024 * MB;

    long heapUsed = 100 * MB;

    long heapCommitted = 512 * MB;

    long gcCount;

    long gcTimeMillis;

    long directBuffers = 8 * MB;

    int threads = 40;

    double armedShare = Double.NaN;

    private Runnable listener;

    @Override
    public JvmMemoryReading read() {
        return new JvmMemoryReading(this.oldAfterGc, this.oldMax, this.heapUsed, this.heapCommitted, this.oldMax,
                60 * MB, 90 * MB, this.directBuffers, this.threads, this.gcCount, this.gcTimeMillis);
    }

    /** A collection after which old gen holds this many bytes; tells the watcher like the JVM would. */
    void collect(long oldAfterGcBytes) {
        this.oldAfterGc = oldAfterGcBytes;
        this.gcCount++;
        if (this.listener != null) {
            this.listener.run();
        }
    }

    @Override
    public AutoCloseable onCollection(Runnable listener) {
        this.listener = listener;
        return () -> this.listener = null;
    }

    boolean subscribed() {
        return this.listener != null;
    }

    @Override
    public void armCollectionThreshold(double share) {
        this.armedShare = share;
    }

    @Override
    public List<String> oldGenPools() {
        return List.of("Fake Old Gen");
    }
}
