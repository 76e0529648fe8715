package dev.diagnostics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.diagnostics.timing.RequestTiming;

/** The timing benchmark measures what it claims: each measured and baseline method called once, directly. */
class TimingBenchmarkTests {

    @Test
    void eachMethodRecordsWhatItClaims() throws Exception {
        TimingBenchmark benchmark = new TimingBenchmark();
        benchmark.setUp();
        assertThat(RequestTiming.current()).isNull();

        RequestTiming timing = benchmark.requestFilterCore();
        assertThat(benchmark.recordedRequests()).isEqualTo(1);
        assertThat(RequestTiming.current()).as("end unbinds").isNull();
        assertThat(timing.databaseCalls()).isZero();
        assertThat(benchmark.requestWithHeaders()).startsWith("total;dur=");
        assertThat(benchmark.recordedRequests()).isEqualTo(2);

        benchmark.methodSection();
        assertThat(benchmark.recordedSections()).isEqualTo(1);
        long before = benchmark.boundRequest().sectionNanos(0);
        benchmark.methodSectionInRequest();
        assertThat(benchmark.recordedSections()).isEqualTo(2);
        assertThat(benchmark.boundRequest().sectionNanos(0)).isGreaterThanOrEqualTo(before);
        assertThat(benchmark.boundRequest().sections()).isEqualTo(1);
        assertThat(RequestTiming.current()).isNull();

        assertThat(benchmark.timerBaseline()).isGreaterThanOrEqualTo(0);
        assertThat(benchmark.timerStartStop()).isGreaterThanOrEqualTo(0);
        benchmark.tearDown();
    }
}
