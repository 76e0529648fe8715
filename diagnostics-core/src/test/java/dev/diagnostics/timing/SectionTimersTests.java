package dev.diagnostics.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.ManualTimeSource;

class SectionTimersTests {

    private final ManualTimeSource time = new ManualTimeSource();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final SectionTimers timers = new SectionTimers(
            TimingConfig.builder().slowCallThreshold(Duration.ofMillis(300)).build(), this.registry, this.time);

    @AfterEach
    void unbind() {
        RequestTiming.restore(null);
    }

    static class Pricing {

        @TimedSection("pricing")
        void price() {
        }

        @TimedSection(value = "tax rules/EU", slowThresholdMillis = 50)
        void tax() {
        }

        @TimedSection
        void unnamed() {
        }
    }

    @TimedSection
    static class Inventory {

        void reserve() {
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getDeclaredMethod(name);
    }

    @Test
    void namesComeFromTheAnnotationOrTheClassAndMethod() throws Exception {
        assertThat(this.timers.section(method(Pricing.class, "price"), Pricing.class).name()).isEqualTo("pricing");
        assertThat(this.timers.section(method(Pricing.class, "tax"), Pricing.class).name()).isEqualTo("tax_rules_EU");
        assertThat(this.timers.section(method(Pricing.class, "unnamed"), Pricing.class).name())
                .isEqualTo("Pricing.unnamed");
        assertThat(this.timers.section(method(Inventory.class, "reserve"), Inventory.class).name())
                .isEqualTo("Inventory.reserve");
        assertThat(this.timers.section(method(Pricing.class, "price"), Pricing.class))
                .isSameAs(this.timers.section(method(Pricing.class, "price"), Pricing.class));
    }

    @Test
    void aCallIsRecordedWithItsOutcomeAndChargedToTheCurrentRequest() throws Exception {
        SectionTimers.Section section = this.timers.section(method(Pricing.class, "price"), Pricing.class);
        RequestTimer requests = new RequestTimer(TimingConfig.defaults(), null, this.time);
        RequestTiming request = requests.begin();
        long start = section.start();
        this.time.advance(Duration.ofMillis(20));
        section.stop(start, null);
        start = section.start();
        this.time.advance(Duration.ofMillis(5));
        section.stop(start, new IllegalArgumentException());
        assertThat(this.registry.get(MeterNames.METHOD_DURATION).tag("section", "pricing").tag("outcome", "SUCCESS")
                .timer().count()).isEqualTo(1);
        assertThat(this.registry.get(MeterNames.METHOD_DURATION).tag("section", "pricing").tag("outcome", "ERROR")
                .timer().count()).isEqualTo(1);
        assertThat(request.sections()).isEqualTo(1);
        assertThat(request.sectionName(0)).isEqualTo("pricing");
        assertThat(request.sectionNanos(0)).isEqualTo(Duration.ofMillis(25).toNanos());
        assertThat(requests.serverTiming(request)).contains("pricing;dur=25.0");
    }

    @Test
    void outsideARequestOnlyTheTimerRecords() throws Exception {
        SectionTimers.Section section = this.timers.section(method(Pricing.class, "price"), Pricing.class);
        section.stop(section.start(), null);
        assertThat(this.registry.get(MeterNames.METHOD_DURATION).timer().count()).isEqualTo(1);
    }

    @Test
    void slowCallsAreLoggedAgainstTheirOwnThreshold() throws Exception {
        SectionTimers.Section price = this.timers.section(method(Pricing.class, "price"), Pricing.class);
        SectionTimers.Section tax = this.timers.section(method(Pricing.class, "tax"), Pricing.class);
        try (LogCapture logs = new LogCapture()) {
            long start = price.start();
            this.time.advance(Duration.ofMillis(299));
            price.stop(start, null);
            start = tax.start();
            this.time.advance(Duration.ofMillis(60));
            tax.stop(start, null);
            start = price.start();
            this.time.advance(Duration.ofMillis(301));
            price.stop(start, new IllegalStateException());
            assertThat(logs.lines("slow call")).hasSize(2);
            assertThat(logs.lines("slow call").get(0)).contains("section=tax_rules_EU", "duration_ms=60.0",
                    "threshold_ms=50.0", "outcome=SUCCESS");
            assertThat(logs.lines("slow call").get(1)).contains("section=pricing", "duration_ms=301.0",
                    "outcome=ERROR", "exception=java.lang.IllegalStateException");
        }
    }
}
