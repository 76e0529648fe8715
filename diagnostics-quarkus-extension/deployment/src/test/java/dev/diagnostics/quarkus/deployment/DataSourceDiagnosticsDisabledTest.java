package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * With {@code quarkus.diagnostics.db.enabled=false} the datasource gets no checks and its pool is left as it was;
 * with {@code replace-datasource-health-check=false} Quarkus's own datasource check stays.
 */
class DataSourceDiagnosticsDisabledTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalPostgres.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.diagnostics.db.replace-datasource-health-check", "false")
            .overrideRuntimeConfigKey("quarkus.datasource.jdbc.url", LocalPostgres.URL)
            .overrideRuntimeConfigKey("quarkus.datasource.username", LocalPostgres.USER)
            .overrideRuntimeConfigKey("quarkus.diagnostics.db.enabled", "false");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void quarkusOwnCheckStaysAndOursAreAbsent() throws InterruptedException {
        // Quarkus's check opens the pool's first connection, which can outlast its 500 ms timeout on a loaded machine.
        assertThat(HealthResponses.names(HealthResponses.awaitStatus("/q/health/ready", 200)))
                .containsExactlyInAnyOrder("Database connections health check", "diskSpace",
                        "memory");
    }

    @Test
    void poolIsLeftUntouched() {
        assertThat(this.dataSource.getConfiguration().metricsEnabled()).isFalse();
        assertThat(this.dataSource.getConfiguration().connectionPoolConfiguration().interceptors()).isEmpty();
    }
}
