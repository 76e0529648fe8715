package dev.diagnostics.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.memory.MemoryMetrics;
import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.memory.RequestMemoryRecorder;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.spring.web.MemoryWatchServletFilter;
import dev.diagnostics.spring.web.MemoryWatchWebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryDiagnosticsAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(DiagnosticsAutoConfiguration.class,
            MemoryDiagnosticsAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    @Test
    void memoryCheckRunsInReadinessOnlyAndTheWatcherIsStarted() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(MemoryWatcher.class)
                    .hasSingleBean(RequestMemoryRecorder.class);
            MemoryWatcher watcher = context.getBean(MemoryWatcher.class);
            assertThat(watcher.state()).isNotNull();
            assertThat(watcher.config().sampleInterval()).hasSeconds(5);
            HealthEngine engine = context.getBean(HealthEngine.class);
            CheckRegistration memory = context.getBean("memoryCheckRegistration", CheckRegistration.class);
            assertThat(memory.name()).isEqualTo("memory");
            assertThat(memory.groups()).containsExactly(HealthGroups.READINESS);
            assertThat(engine.evaluate(HealthGroups.READINESS).checks()).containsKey("memory");
            assertThat(engine.evaluate(HealthGroups.LIVENESS).checks()).doesNotContainKey("memory");
            assertThat(engine.evaluateCheck("memory").result().status()).isIn(Status.UP, Status.DEGRADED);
            // Not a web application: no filter.
            assertThat(context).doesNotHaveBean(MemoryWatchWebFilter.class).doesNotHaveBean("memoryWatchFilter");
        });
    }

    @Test
    void propertiesReachTheWatcherAndBadOnesAreNamed(@TempDir Path dir) {
        this.runner.withPropertyValues("diagnostics.memory.sample-interval=1s", "diagnostics.memory.heap-warning=0.7",
                "diagnostics.memory.heap-dump.enabled=true", "diagnostics.memory.heap-dump.directory=" + dir,
                "diagnostics.memory.heap-dump.min-interval=2h").run((context) -> {
                    MemoryWatcher watcher = context.getBean(MemoryWatcher.class);
                    assertThat(watcher.config().heapWarning()).isEqualTo(0.7);
                    assertThat(watcher.config().heapDumpDirectory()).isEqualTo(dir);
                    assertThat(watcher.config().heapDumpMinInterval()).hasHours(2);
                });
        this.runner.withPropertyValues("diagnostics.memory.heap-critical=1.5").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("diagnostics.memory.heap-critical");
        });
        this.runner.withPropertyValues("diagnostics.memory.requests.shed-share=2").run((context) -> assertThat(
                context.getStartupFailure()).rootCause().hasMessageContaining("diagnostics.memory.requests.shed-share"));
        this.runner.withPropertyValues("diagnostics.memory.heap-dump.enabled=true",
                "diagnostics.memory.heap-dump.directory=" + dir.resolve("missing")).run((context) -> assertThat(
                        context.getStartupFailure()).rootCause()
                        .hasMessageContaining("diagnostics.memory.heap-dump.directory"));
    }

    @Test
    void heapDumpDirectoryThatIsALinkIsRefused(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        this.runner.withPropertyValues("diagnostics.memory.heap-dump.enabled=true",
                "diagnostics.memory.heap-dump.directory=" + link).run((context) -> assertThat(
                        context.getStartupFailure()).rootCause().hasMessageContaining("symbolic link"));
    }

    @Test
    void disabledMeansNoWatcherAndNoCheck() {
        this.runner.withPropertyValues("diagnostics.memory.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MemoryWatcher.class);
            assertThat(context.getBean(HealthEngine.class).evaluate().checks()).doesNotContainKey("memory");
        });
    }

    @Test
    void metersAreBoundWithARegistry() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
            assertThat(context).hasSingleBean(MemoryMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(MemoryMetrics.class).bindTo(registry);
            assertThat(registry.get(MeterNames.MEMORY_LEVEL).gauge().value()).isIn(0.0, 1.0, 2.0);
            assertThat(context.getBean(RequestMemoryRecorder.class).recordsAllocation()).isTrue();
        });
    }

    @Test
    void servletApplicationsGetTheServletFilter() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MemoryWatchWebFilter.class);
            FilterRegistrationBean<?> registration = context.getBean("memoryWatchFilter", FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(MemoryWatchServletFilter.class);
        });
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("diagnostics.memory.requests.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean("memoryWatchFilter"));
    }

    @Test
    void reactiveApplicationsGetTheWebFilter() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(MemoryWatchWebFilter.class)
                    .doesNotHaveBean("memoryWatchFilter");
        });
    }
}
