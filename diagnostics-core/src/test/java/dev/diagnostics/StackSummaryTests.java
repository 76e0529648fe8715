package dev.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackSummaryTests {

    @Test
    void keepsTheTopFrameThenApplicationFramesSkippingTheJdk() {
        StackTraceElement[] stack = {
            new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2),
            new StackTraceElement("java.util.concurrent.locks.LockSupport", "park", "LockSupport.java", 211),
            new StackTraceElement("com.example.ReportService", "generate", "ReportService.java", 42),
            new StackTraceElement("sun.reflect.Whatever", "invoke", null, 1),
            new StackTraceElement("com.example.ReportController", "get", "ReportController.java", 17),
            new StackTraceElement("com.example.Main", "main", "Main.java", 3),
        };

        var summary = StackSummary.of(stack, 2);

        assertThat(summary).containsExactly("jdk.internal.misc.Unsafe.park", "com.example.ReportService.generate:42",
                "com.example.ReportController.get:17");
        assertThat(StackSummary.where(summary)).isEqualTo("com.example.ReportService.generate:42");
        assertThat(StackSummary.of(new StackTraceElement[0], 3)).isEmpty();
        assertThat(StackSummary.where(java.util.List.of())).isEqualTo("unknown");
    }

    @Test
    void datasourceProxyFramesAreSkippedSoTheApplicationStillShows() {
        StackTraceElement[] stack = {
            new StackTraceElement("org.postgresql.core.v3.QueryExecutorImpl", "execute", null, 1),
            new StackTraceElement("net.ttddyy.dsproxy.proxy.StatementProxyLogic", "performProxyLogic", null, 287),
            new StackTraceElement("jdk.proxy2.$Proxy101", "executeQuery", null, -1),
            new StackTraceElement("com.example.PoolLab", "slowQuery", "PoolLab.java", 88),
        };
        assertThat(StackSummary.of(stack, 1)).containsExactly("org.postgresql.core.v3.QueryExecutorImpl.execute:1",
                "com.example.PoolLab.slowQuery:88");
    }
}
