package dev.diagnostics.spring;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;

/** A check whose result a test sets. */
public final class SwitchableCheck implements HealthCheck {

    private volatile CheckResult result = CheckResult.up().build();

    public void set(CheckResult result) {
        this.result = result;
    }

    @Override
    public CheckResult check() {
        return this.result;
    }
}
