package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.LogRecord;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthGroups;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * The engine is built while the application starts, not on the first probe: its warning about an external check in
 * liveness is logged before Quarkus reports the installed features. Also: the deadlock check can be switched off.
 */
class EngineStartupTest {

    private static final String EXTERNAL_IN_LIVENESS = "talks to an external system but is in the liveness group";

    private static final String STARTED = "Installed features";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LedgerRegistration.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.diagnostics.deadlocks.enabled", "false")
            .setLogRecordPredicate((record) -> message(record).contains(EXTERNAL_IN_LIVENESS)
                    || message(record).contains(STARTED))
            .assertLogRecords(EngineStartupTest::warnedOnceBeforeStartupCompleted);

    @Test
    void livenessHasOnlyTheApplicationCheckWhenDeadlocksAreOff() {
        assertThat(HealthResponses.names(HealthResponses.get("/q/health/live", 200))).containsExactly("ledger");
    }

    private static void warnedOnceBeforeStartupCompleted(List<LogRecord> records) {
        List<String> messages = records.stream().map(EngineStartupTest::message).toList();
        assertThat(messages).filteredOn((message) -> message.contains(EXTERNAL_IN_LIVENESS)).hasSize(1);
        assertThat(messages).anyMatch((message) -> message.contains(STARTED));
        int warning = indexOf(messages, EXTERNAL_IN_LIVENESS);
        int started = indexOf(messages, STARTED);
        assertThat(warning).as("warning logged before startup completed: %s", messages).isLessThan(started);
    }

    private static int indexOf(List<String> messages, String fragment) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    private static String message(LogRecord record) {
        return (record.getMessage() != null) ? record.getMessage() : "";
    }

    @Singleton
    public static class LedgerRegistration {

        @Produces
        @Singleton
        CheckRegistration ledger() {
            return CheckRegistration.builder("ledger", () -> CheckResult.up().build())
                    .groups(HealthGroups.LIVENESS)
                    .external(true)
                    .build();
        }
    }
}
