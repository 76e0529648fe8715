package dev.diagnostics.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegisteredChecksTests {

    @Test
    void checkNameIsTheBeanNameWithoutTrailingHealthCheckOrCheck() {
        assertThat(RegisteredChecks.checkName("inventoryFeedCheck")).isEqualTo("inventoryFeed");
        assertThat(RegisteredChecks.checkName("paymentsHealthCheck")).isEqualTo("payments");
        assertThat(RegisteredChecks.checkName("payments_healthcheck")).isEqualTo("payments_");
        assertThat(RegisteredChecks.checkName("search")).isEqualTo("search");
        assertThat(RegisteredChecks.checkName("checkout")).isEqualTo("checkout");
    }

    @Test
    void beanNamedOnlyBySuffixKeepsAName() {
        assertThat(RegisteredChecks.checkName("check")).isEqualTo("check");
        assertThat(RegisteredChecks.checkName("healthCheck")).isEqualTo("health");
    }
}
