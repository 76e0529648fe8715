package dev.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Says where a thread is in a few readable frames: the frame it is blocked or running in, then the first frames of
 * application code below it, skipping the JDK's own frames (which say "parked", not why).
 *
 * <p>Example: {@code [java.net.SocketInputStream.read, com.example.ReportService.generate:42,
 * com.example.ReportController.get:17]}.
 */
public final class StackSummary {

    private StackSummary() {
    }

    /**
     * Summarises a stack.
     *
     * @param stack the stack, innermost frame first (as {@link Thread#getStackTrace()} returns it)
     * @param applicationFrames how many non-JDK frames to keep after the top frame
     * @return the top frame followed by up to {@code applicationFrames} application frames
     */
    public static List<String> of(StackTraceElement[] stack, int applicationFrames) {
        List<String> frames = new ArrayList<>(applicationFrames + 1);
        if (stack.length == 0) {
            return frames;
        }
        frames.add(format(stack[0]));
        int kept = 0;
        for (int i = 1; i < stack.length && kept < applicationFrames; i++) {
            if (!isPlatform(stack[i].getClassName())) {
                frames.add(format(stack[i]));
                kept++;
            }
        }
        return frames;
    }

    /** Summarises where the thread is now; empty when it has ended. */
    public static List<String> of(Thread thread, int applicationFrames) {
        return of(thread.getStackTrace(), applicationFrames);
    }

    /** The first application frame of a summary, or its top frame when it has none. */
    public static String where(List<String> summary) {
        return summary.isEmpty() ? "unknown" : summary.get(Math.min(1, summary.size() - 1));
    }

    private static boolean isPlatform(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    private static String format(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName()
                + ((frame.getLineNumber() > 0) ? ":" + frame.getLineNumber() : "");
    }
}
