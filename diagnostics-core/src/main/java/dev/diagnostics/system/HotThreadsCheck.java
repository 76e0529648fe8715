package dev.diagnostics.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.StackSummary;
import dev.diagnostics.time.TimeSource;

/**
 * The {@value #NAME} check: how busy is the process, and which threads make it so? It samples the process's CPU time
 * and every thread's at most once per {@linkplain HotThreadsConfig#interval() interval} and compares with the previous
 * sample: the process CPU load over that window (a share of the available processors), and the threads that used the
 * most CPU in it, each with where it is now ({@link StackSummary}: the top frame and the first application frames).
 *
 * <p>DEGRADED when the load reaches the {@linkplain HotThreadsConfig#loadWarning() load warning} ({@code cpu.high}),
 * or when one thread used nearly a whole core over the window and is still running ({@code cpu.hot-thread}: a runaway
 * loop shows up even on a machine with many cores), for example: "thread 'report-worker-3' used 92% of a core, now in
 * com.example.ReportService.aggregate:42". Never DOWN: a busy instance still serves, and restarting or isolating it
 * would move the load elsewhere. Between samples the previous result is reported.
 *
 * <p>Sampling costs one CPU-time read per thread and one stack read per thread shown, no safepoint for the whole JVM.
 * Time comes from the {@link TimeSource}; CPU time from the {@link ThreadCpuSource}. Thread-safe.
 */
public final class HotThreadsCheck implements dev.diagnostics.HealthCheck {

    /** The check's name. */
    public static final String NAME = "cpu";

    private static final int STACK_DEPTH = 64;

    private static final int APPLICATION_FRAMES = 2;

    private final HotThreadsConfig config;

    private final ThreadCpuSource source;

    private final TimeSource time;

    private Sample last;

    private CheckResult lastResult;

    private volatile double load = Double.NaN;

    public HotThreadsCheck(HotThreadsConfig config, TimeSource time) {
        this(config, time, ThreadCpuSource.system());
    }

    public HotThreadsCheck(HotThreadsConfig config, TimeSource time, ThreadCpuSource source) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.source = Objects.requireNonNull(source, "source");
        this.last = sample();
    }

    /**
     * A registration named {@value #NAME} in no built-in group (it appears in the overall report only, never in a
     * probe: a busy instance should neither be restarted nor taken out of rotation for it) and not critical.
     */
    public static CheckRegistration.Builder registration(HotThreadsCheck check) {
        return CheckRegistration.builder(NAME, check).critical(false);
    }

    public HotThreadsConfig config() {
        return this.config;
    }

    /** The process CPU load over the last window, in [0, 1]; NaN before the first window or when unknown. */
    public double processCpuLoad() {
        return this.load;
    }

    @Override
    public synchronized CheckResult check() {
        long now = this.time.nanoTime();
        if (this.lastResult != null && now - this.last.at() < this.config.interval().toNanos()) {
            return this.lastResult;
        }
        if (!this.source.threadCpuTimeSupported()) {
            this.lastResult = CheckResult.unknown()
                    .detail("reason", "this JVM does not measure CPU time per thread (or it is turned off)")
                    .build();
            return this.lastResult;
        }
        Sample current = sample();
        if (current.at() <= this.last.at()) {
            return (this.lastResult != null) ? this.lastResult
                    : CheckResult.up().detail("note", "measuring: the first window has not ended").build();
        }
        this.lastResult = analyse(this.last, current);
        this.last = current;
        return this.lastResult;
    }

    private Sample sample() {
        long at = this.time.nanoTime();
        long process = this.source.processCpuNanos();
        Map<Long, Long> threads = new HashMap<>();
        if (this.source.threadCpuTimeSupported()) {
            for (long id : this.source.threadIds()) {
                long cpu = this.source.threadCpuNanos(id);
                if (cpu >= 0) {
                    threads.put(id, cpu);
                }
            }
        }
        return new Sample(at, process, threads);
    }

    private CheckResult analyse(Sample previous, Sample current) {
        long window = current.at() - previous.at();
        int processors = Math.max(1, this.source.availableProcessors());
        List<long[]> deltas = new ArrayList<>();
        long threadTotal = 0;
        for (Map.Entry<Long, Long> thread : current.threads().entrySet()) {
            long before = previous.threads().getOrDefault(thread.getKey(), 0L);
            long used = Math.max(0, thread.getValue() - before);
            threadTotal += used;
            if (used > 0) {
                deltas.add(new long[] { thread.getKey(), used });
            }
        }
        deltas.sort((a, b) -> Long.compare(b[1], a[1]));
        long processUsed = (current.processCpu() >= 0 && previous.processCpu() >= 0)
                ? current.processCpu() - previous.processCpu() : threadTotal;
        double load = clamp((double) processUsed / ((double) window * processors));
        this.load = load;

        List<Map<String, Object>> top = new ArrayList<>();
        List<String> hot = new ArrayList<>();
        List<String> busiest = new ArrayList<>();
        for (long[] delta : deltas) {
            if (top.size() >= this.config.threadsShown()) {
                break;
            }
            ThreadCpuSource.ThreadSnapshot snapshot = this.source.snapshot(delta[0], STACK_DEPTH);
            if (snapshot == null) {
                continue;
            }
            double share = clamp((double) delta[1] / window);
            List<String> where = StackSummary.of(snapshot.stack(), APPLICATION_FRAMES);
            Map<String, Object> thread = new LinkedHashMap<>();
            thread.put("name", snapshot.name());
            thread.put("cpu", round(share));
            thread.put("state", snapshot.state());
            thread.put("where", where);
            top.add(thread);
            // A thread that is no longer running (it finished its burst, like the main thread after startup) is not a
            // runaway loop, whatever it used in the window.
            boolean running = snapshot.state() == Thread.State.RUNNABLE && snapshot.stack().length > 0;
            String line = "thread '" + snapshot.name() + "' used " + percent(share) + " of a core, now "
                    + (running ? "in " + runningIn(snapshot.stack()) : (snapshot.stack().length == 0)
                            ? snapshot.state() + " without Java frames"
                            : snapshot.state() + " in " + runningIn(snapshot.stack()));
            busiest.add(line);
            if (running && this.config.threadWarning() > 0 && share >= this.config.threadWarning()) {
                hot.add(line);
            }
        }
        CheckResult.Builder result;
        String over = " over the last " + seconds(window);
        if (load >= this.config.loadWarning()) {
            result = CheckResult.degraded().diagnosis("cpu.high", "Process CPU at " + percent(load) + " of "
                    + processors + " processors" + over + (busiest.isEmpty() ? "" : "; busiest: "
                            + String.join("; ", busiest)), "Take a few thread dumps (jcmd <pid> Thread.print) or a"
                                    + " profile (async-profiler) of the threads named; a loop, a regular expression"
                                    + " or serialisation in that code is the usual cause. If the load is legitimate,"
                                    + " scale out or raise the CPU limit.");
        }
        else if (!hot.isEmpty()) {
            result = CheckResult.degraded().diagnosis("cpu.hot-thread", capitalize(String.join("; ", hot)) + over
                    + " (process CPU at " + percent(load) + " of " + processors + " processors)", "A thread using a"
                            + " whole core for the whole window is often stuck in a loop: take a few thread dumps"
                            + " (jcmd <pid> Thread.print) and see whether it stays in the same frames. If it is a"
                            + " CPU-bound worker by design, raise diagnostics.cpu.thread-warning or set it to 0.");
        }
        else {
            result = CheckResult.up();
        }
        return result.detail("processCpuLoad", round(load))
                .detail("processors", processors)
                .detail("windowSeconds", Math.round(window / 1e7) / 100.0)
                .detail("threads", current.threads().size())
                .detail("busiestThreads", top)
                .build();
    }

    /**
     * The innermost application frame (the code burning the CPU, even when the top frame is a JDK method it calls),
     * else the top frame.
     */
    private static String runningIn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (!StackSummary.isLibrary(frame.getClassName()) && !frame.getClassName().contains("$$Lambda")) {
                return frame.getClassName() + "." + frame.getMethodName()
                        + ((frame.getLineNumber() > 0) ? ":" + frame.getLineNumber() : "");
            }
        }
        return (stack.length > 0) ? stack[0].getClassName() + "." + stack[0].getMethodName() : "unknown";
    }

    private static double clamp(double value) {
        return Double.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String seconds(long nanos) {
        double seconds = nanos / 1e9;
        return (seconds >= 10) ? Math.round(seconds) + " s" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private record Sample(long at, long processCpu, Map<Long, Long> threads) {
    }
}
