package dev.diagnostics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration under {@code diagnostics.health.contributors}: whether the application's own Actuator health
 * contributors run through the diagnostics engine.
 */
@ConfigurationProperties("diagnostics.health.contributors")
public class HealthContributorsProperties {

    /**
     * Whether every Actuator health contributor in the application context (Spring Boot's, other libraries' and the
     * application's own, reactive ones too) runs through the diagnostics engine: in parallel, each with its timeout,
     * the whole response within the budget. When false, Actuator calls them itself, one after another.
     */
    private boolean enabled = true;

    /**
     * Component names (or 'parent/member' paths of a composite's members) that Actuator keeps calling itself.
     */
    private List<String> exclude = new ArrayList<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getExclude() {
        return this.exclude;
    }

    public void setExclude(List<String> exclude) {
        this.exclude = exclude;
    }
}
