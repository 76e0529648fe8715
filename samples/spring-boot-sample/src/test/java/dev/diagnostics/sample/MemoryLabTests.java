package dev.diagnostics.sample;

import java.net.http.HttpClient;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.diagnostics.metrics.MeterNames;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory lab: per-route allocation shows the heavy endpoint, and retention stays bounded. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MemoryLabTests {

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    private Response send(String method, String path) {
        return SampleHttp.send(this.http, this.port, method, path);
    }

    @Test
    void theAllocatingEndpointTopsThePerRouteDistribution() {
                assertThat(send("GET", "/lab/memory/allocate?mb=32").code()).isEqualTo(200);
        assertThat(send("GET", "/lab/memory").code()).isEqualTo(200);
        DistributionSummary allocate = this.registry.get(MeterNames.MEMORY_REQUEST_ALLOCATION)
                .tag("route", "/lab/memory/allocate").summary();
        assertThat(allocate.max()).isGreaterThanOrEqualTo(32.0 * 1024 * 1024);
        DistributionSummary state = this.registry.get(MeterNames.MEMORY_REQUEST_ALLOCATION)
                .tag("route", "/lab/memory").summary();
        assertThat(state.max()).isLessThan(allocate.max() / 10);
    }

    @Test
    void retentionIsBoundedAndReleased() {
                Response retained = send("POST", "/lab/memory/retain?share=5");
        long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        assertThat(retained.<Integer>read("$.retainedMb")).isLessThanOrEqualTo((int) Math.min(1024, maxHeapMb * 0.92));
        Response released = send("DELETE", "/lab/memory");
        assertThat(released.<Integer>read("$.retainedMb")).isZero();
    }
}
