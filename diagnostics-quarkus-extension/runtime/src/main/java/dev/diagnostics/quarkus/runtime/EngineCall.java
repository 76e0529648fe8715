package dev.diagnostics.quarkus.runtime;

import java.util.concurrent.Callable;

/**
 * Marks the engine's own call of an adopted check, so the decorators let it through to the check itself rather than
 * asking the engine again.
 */
final class EngineCall {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private EngineCall() {
    }

    static boolean active() {
        return ACTIVE.get() != null;
    }

    static <T> T run(Callable<T> call) throws Exception {
        ACTIVE.set(Boolean.TRUE);
        try {
            return call.call();
        }
        finally {
            ACTIVE.remove();
        }
    }
}
