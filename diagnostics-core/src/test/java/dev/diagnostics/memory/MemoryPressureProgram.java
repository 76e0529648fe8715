package dev.diagnostics.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.diagnostics.time.SystemTimeSource;

/**
 * Runs in a forked JVM with a small heap (see {@link MemoryPressureForkTests}) and a real {@link MemoryWatcher}:
 * {@code leak} retains arrays at a steady rate while churning garbage, until the watcher says CRITICAL and has seen
 * the leak; {@code steady} keeps a fixed amount live while churning garbage. Prints one line per level change and one
 * per trend, for the test to read:
 * <pre>
 * LEVEL WARN memory.heap-high
 * TREND leak=true mbPerMinute=...
 * DONE retainedMb=...
 * </pre>
 * Never calls {@code System.gc()}: every collection here is one the JVM decided on.
 */
public final class MemoryPressureProgram {

    private static volatile Object sink;

    private MemoryPressureProgram() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long maxHeap = Runtime.getRuntime().maxMemory();
        MemoryWatchConfig config = MemoryWatchConfig.builder()
                .sampleInterval(Duration.ofMillis(100))
                .heapWarning(0.5)
                .heapCritical(0.75)
                .pressureWindow(Duration.ofMillis(1500))
                .trendWindow(Duration.ofSeconds(12))
                .leakMinGrowth(0.05)
                .build();
        List<byte[]> retained = new ArrayList<>();
        try (SystemTimeSource time = new SystemTimeSource();
                MemoryWatcher watcher = MemoryWatcher.builder(config, time).build()) {
            watcher.listener((from, state) -> System.out.println("LEVEL " + state.level() + " "
                    + String.join(",", MemoryCheck.codes(state))));
            if (mode.equals("steady")) {
                // A steady state is one the service has reached: its live set allocated and promoted, and the old
                // generation's churn under way, before the watch starts. (Watching the fill itself would rightly
                // see the old generation grow.)
                for (int i = 0; i < 10 * 16; i++) {
                    retained.add(new byte[64 * 1024]);
                }
                long settled = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < settled) {
                    churn();
                    Thread.sleep(10);
                }
            }
            watcher.start();
            System.out.println("POOLS " + watcher.oldGenPools());
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            long steadyUntil = System.nanoTime() + Duration.ofSeconds(14).toNanos();
            boolean leakSeen = false;
            int iteration = 0;
            while (System.nanoTime() < deadline) {
                iteration++;
                if (mode.equals("leak")) {
                    if (iteration % 2 == 0 && retainedBytes(retained) < maxHeap * 0.82) {
                        retained.add(new byte[64 * 1024]);
                    }
                }
                churn();
                Thread.sleep(10);
                MemoryState state = watcher.state();
                if (state.trend().leak() && !leakSeen) {
                    leakSeen = true;
                    System.out.println(String.format(Locale.ROOT, "TREND leak=true mbPerMinute=%.1f",
                            state.trend().bytesPerSecond() * 60 / (1024 * 1024)));
                }
                if (mode.equals("leak") && leakSeen && watcher.level() == MemoryLevel.CRITICAL) {
                    break;
                }
                if (mode.equals("steady") && System.nanoTime() > steadyUntil) {
                    System.out.println("TREND leak=" + state.trend().leak() + " fitted=" + state.trend().fitted());
                    break;
                }
            }
            System.out.println("DONE retainedMb=" + retainedBytes(retained) / (1024 * 1024) + " level="
                    + watcher.level());
        }
    }

    private static long retainedBytes(List<byte[]> retained) {
        return retained.size() * 64L * 1024;
    }

    /** Medium-lived objects: they survive a young collection or two, are promoted, then die in the old generation. */
    private static final byte[][] MEDIUM_LIVED = new byte[48][];

    private static int mediumNext;

    /**
     * About 2 MB of short-lived garbage, so young collections keep happening, and 64 KB of medium-lived objects, so
     * the old generation also fills with garbage and major collections happen as they do in real services.
     */
    private static void churn() {
        for (int i = 0; i < 64; i++) {
            sink = new byte[32 * 1024];
        }
        MEDIUM_LIVED[mediumNext] = new byte[64 * 1024];
        mediumNext = (mediumNext + 1) % MEDIUM_LIVED.length;
    }
}
