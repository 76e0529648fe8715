package dev.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Says where a thread is in a few readable frames: the frame it is blocked or running in, then the first frames of
 * application code below it, skipping frames of the JDK and of well-known libraries (JDBC drivers, pools, Spring,
 * Hibernate, servers), which say "reading a socket", not whose code is waiting.
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
     * @param applicationFrames how many application frames to keep after the top frame
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
            if (!isLibrary(stack[i].getClassName())) {
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

    private static final String[] LIBRARY_PREFIXES = { "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
        "org.postgresql.", "org.h2.", "com.mysql.", "org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.",
        "org.hsqldb.", "com.zaxxer.hikari.", "io.agroal.", "org.springframework.", "org.hibernate.", "io.quarkus.",
        "io.smallrye.", "io.vertx.", "io.netty.", "reactor.", "io.lettuce.", "org.jboss.", "org.apache.catalina.",
        "org.apache.tomcat.", "org.apache.coyote.", "org.eclipse.jetty.", "io.undertow.", "com.fasterxml.",
        "io.micrometer.", "org.slf4j.", "ch.qos.logback.", "kotlin.", "kotlinx.", "scala.", "net.ttddyy." };

    /** Whether a frame belongs to the JDK or a well-known library rather than to the application. */
    public static boolean isLibrary(String className) {
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String format(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName()
                + ((frame.getLineNumber() > 0) ? ":" + frame.getLineNumber() : "");
    }
}
