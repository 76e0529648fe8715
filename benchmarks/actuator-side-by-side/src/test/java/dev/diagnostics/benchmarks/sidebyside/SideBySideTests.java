package dev.diagnostics.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.benchmarks.sidebyside.SideBySide.Latencies;

/**
 * The application both sides serve, started both ways, and the measurement's arithmetic. The measurement itself
 * (minutes, two JVMs per scenario) is run by hand; see benchmarks/README.md.
 */
class SideBySideTests {

    @Test
    void withTheStarterTheTenSlowIndicatorsAreServedAndTheEngineExists() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeansOfType(HealthEngine.class)).hasSize(1);
            String body = health(context);
            for (int i = 1; i <= SideBySideApplication.SLOW_INDICATORS; i++) {
                assertThat(body).contains(String.format("\"slow%02d\"", i));
            }
        }
    }

    @Test
    void stockExcludesEveryDiagnosticsAutoConfigurationAndStillServesTheIndicators() throws Exception {
        Set<String> ours = SideBySide.ourAutoConfigurations();
        assertThat(ours).isNotEmpty().allSatisfy((name) -> assertThat(Class.forName(name)).isNotNull());
        try (ConfigurableApplicationContext context = start("--spring.autoconfigure.exclude=" + String.join(",", ours))) {
            assertThat(context.getBeansOfType(HealthEngine.class)).isEmpty();
            String body = health(context);
            assertThat(body).contains("\"slow01\"", "\"slow10\"").doesNotContain("durationMs");
        }
    }

    @Test
    void percentilesCountUnansweredRequestsAsSlowerThanAnyAnswer() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 98; i++) {
            latencies.add(i * 1_000_000L);
        }
        latencies.add(-1);
        latencies.add(-1);
        assertThat(latencies.total()).isEqualTo(100);
        assertThat(latencies.percentile(50)).hasValue(50_000_000L);
        assertThat(latencies.percentile(98)).hasValue(98_000_000L);
        assertThat(latencies.percentile(99)).isEmpty();
        assertThat(latencies.percentileText(99)).startsWith("no answer");
        assertThat(latencies.answeredWithin(Duration.ofMillis(10))).isEqualTo(10);
        assertThat(new Latencies().percentile(50)).isEmpty();
    }

    @Test
    void optionsNameTheBadValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] { "--requests",
                "0" })).withMessageContaining("--requests");
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] { "--jar",
                "/nonexistent.jar" })).withMessageContaining("--jar");
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] { "--fast",
                "1" })).withMessageContaining("--fast");
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--server.address=127.0.0.1";
        System.arraycopy(args, 0, all, 2, args.length);
        return new SpringApplicationBuilder(SideBySideApplication.class).run(all);
    }

    private static String health(ConfigurableApplicationContext context) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + SideBySide.HEALTH)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
