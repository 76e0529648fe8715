package dev.diagnostics.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckBeanNamesTests {

    @Test
    void trailingCheckOrHealthCheckIsRemovedAndTheRestDecapitalised() {
        assertThat(CheckBeanNames.fromClassName("InventoryFeedCheck")).isEqualTo("inventoryFeed");
        assertThat(CheckBeanNames.fromClassName("DiskSpaceHealthCheck")).isEqualTo("diskSpace");
        assertThat(CheckBeanNames.fromClassName("Payments")).isEqualTo("payments");
    }

    @Test
    void nameThatIsOnlyTheSuffixIsKept() {
        assertThat(CheckBeanNames.fromClassName("HealthCheck")).isEqualTo("health");
        assertThat(CheckBeanNames.fromClassName("Check")).isEqualTo("check");
    }
}
