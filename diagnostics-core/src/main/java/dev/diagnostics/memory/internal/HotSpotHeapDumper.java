package dev.diagnostics.memory.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

import dev.diagnostics.memory.HeapDumper;

/**
 * HotSpot's heap dump. The only class of the memory watch that touches {@code com.sun.management} for heap dumps; it
 * is loaded by name, so a JVM without that module never loads it.
 */
public final class HotSpotHeapDumper implements HeapDumper {

    private final HotSpotDiagnosticMXBean bean;

    private HotSpotHeapDumper(HotSpotDiagnosticMXBean bean) {
        this.bean = bean;
    }

    /** The running JVM's dumper; {@code null} when it has no HotSpot diagnostic MXBean. */
    public static HeapDumper create() {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return (bean != null) ? new HotSpotHeapDumper(bean) : null;
    }

    @Override
    public void dumpLiveObjects(String file) throws IOException {
        this.bean.dumpHeap(file, true);
    }
}
