package dev.diagnostics.memory;

/**
 * What the JVM reports about its memory at one moment. Sizes in bytes; {@code -1} where the JVM does not say.
 *
 * @param oldGenAfterGc old generation (tenured) occupancy right after the last collection that covered it: what was
 *        still live (plus, with G1, what young collections promoted since the last marking); {@code -1} before the
 *        first such collection or when no old pool reports collection usage
 * @param oldGenMax the old generation's maximum size (the heap's maximum when the pool has none)
 * @param heapUsed heap in use now, garbage included
 * @param heapCommitted heap the JVM has reserved from the operating system
 * @param heapMax the heap's maximum ({@code -Xmx})
 * @param metaspaceUsed metaspace in use (class metadata)
 * @param nonHeapCommitted non-heap memory committed (metaspace, code cache, compressed class space)
 * @param directBuffers memory held by direct and mapped NIO buffers
 * @param threads live threads (each has a native stack, by default up to 1 MB)
 * @param gcCount collections since the JVM started, all collectors
 * @param gcTimeMillis milliseconds spent in collections since the JVM started, all collectors
 */
public record JvmMemoryReading(long oldGenAfterGc, long oldGenMax, long heapUsed, long heapCommitted, long heapMax,
        long metaspaceUsed, long nonHeapCommitted, long directBuffers, int threads, long gcCount, long gcTimeMillis) {
}
