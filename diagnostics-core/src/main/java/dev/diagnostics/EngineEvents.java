package dev.diagnostics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers engine events to listeners and logs each status transition once: WARN when a check goes DOWN or
 * DEGRADED, INFO when it recovers, DEBUG for a check's first healthy result. A listener that throws is logged and
 * skipped; it never affects the report.
 */
final class EngineEvents {

    private static final Logger logger = LoggerFactory.getLogger(HealthEngine.class);

    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();

    void add(HealthListener listener) {
        this.listeners.add(listener);
    }

    void completed(CheckReport report) {
        for (HealthListener listener : this.listeners) {
            try {
                listener.onCheckCompleted(report);
            }
            catch (RuntimeException ex) {
                logger.debug("Health listener {} failed on a completed check", listener, ex);
            }
        }
    }

    void transition(StatusTransition transition) {
        log(transition);
        for (HealthListener listener : this.listeners) {
            try {
                listener.onTransition(transition);
            }
            catch (RuntimeException ex) {
                logger.warn("Health listener {} failed on a transition of '{}': {}", listener, transition.check(),
                        Redaction.describe(ex));
            }
        }
    }

    private static void log(StatusTransition transition) {
        CheckResult result = transition.report().result();
        String diagnosis = result.diagnosis()
                .map((d) -> " [" + d.code() + "] " + d.cause() + " Next: " + d.remedy())
                .orElse(result.error().map((e) -> " " + e).orElse(""));
        if (transition.to() == Status.DOWN || transition.to() == Status.DEGRADED) {
            logger.warn("Health check '{}' is {} (was {}){}", transition.check(), transition.to(), transition.from(),
                    diagnosis);
        }
        else if (transition.from() == Status.UNKNOWN) {
            logger.debug("Health check '{}' is {}", transition.check(), transition.to());
        }
        else {
            logger.info("Health check '{}' is {} again (was {})", transition.check(), transition.to(),
                    transition.from());
        }
    }
}
