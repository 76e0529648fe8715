package dev.diagnostics.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The timing lab on the default H2 database, without Redis: each endpoint's time shows where it was spent. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TimingLabTests {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSlowStatementShowsAsDbTime() throws Exception {
        HttpResponse<String> response = get("/lab/timing/db?ms=600");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> timing = serverTiming(response.headers().firstValue("Server-Timing").orElseThrow());
        assertThat(timing.get("db")).isGreaterThanOrEqualTo(600.0);
        assertThat(timing.get("app") + timing.get("db") + timing.get("redis")).isCloseTo(timing.get("total"),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(response.headers().firstValue("X-Process-Time").orElseThrow()))
                .isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void slowApplicationWorkShowsAsItsOwnSection() throws Exception {
        HttpResponse<String> response = get("/lab/timing/app?ms=150");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> timing = serverTiming(response.headers().firstValue("Server-Timing").orElseThrow());
        assertThat(timing.get("lab-compute")).isGreaterThanOrEqualTo(150.0);
        assertThat(timing.get("app")).isGreaterThanOrEqualTo(150.0);
        assertThat(timing.get("db")).isZero();
    }

    @Test
    void withoutRedisTheRedisLabSaysHowToEnableIt() throws Exception {
        HttpResponse<String> response = get("/lab/timing/redis?ms=100");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("SPRING_PROFILES_ACTIVE=redis");
    }

    static Map<String, Double> serverTiming(String header) {
        Map<String, Double> entries = new LinkedHashMap<>();
        for (String entry : header.split(",")) {
            String[] parts = entry.strip().split(";");
            for (String parameter : parts) {
                if (parameter.startsWith("dur=")) {
                    entries.put(parts[0], Double.parseDouble(parameter.substring(4)));
                }
            }
        }
        return entries;
    }
}
