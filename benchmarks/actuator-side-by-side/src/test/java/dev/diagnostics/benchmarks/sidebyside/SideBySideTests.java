package dev.diagnostics.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
        SideBySide.Options options = SideBySide.Options.parse(new String[] { "--jar", jar().toString() });
        List<String> stock = SideBySide.dataSourceArguments(options, SideBySide.Variant.STOCK,
                SideBySide.Scenario.SLOW);
        assertThat(stock).singleElement().asString().contains(ours);
        try (ConfigurableApplicationContext context = start(stock.toArray(String[]::new))) {
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
    void databaseScenarioServesTheDbIndicatorBothWays() throws Exception {
        SideBySide.Options options = SideBySide.Options.parse(new String[] { "--jar", jar().toString() });
        List<String> stock = SideBySide.dataSourceArguments(options, SideBySide.Variant.STOCK,
                SideBySide.Scenario.DATABASE);
        try (ConfigurableApplicationContext context = start(stock.toArray(String[]::new))) {
            assertThat(context.getBeansOfType(HealthEngine.class)).isEmpty();
            assertThat(health(context)).contains("\"db\"", "\"PostgreSQL\"").doesNotContain("durationMs");
        }
        List<String> ours = SideBySide.dataSourceArguments(options, SideBySide.Variant.DIAGNOSTICS,
                SideBySide.Scenario.DATABASE);
        assertThat(ours).noneMatch((argument) -> argument.contains("dev.diagnostics"));
        try (ConfigurableApplicationContext context = start(ours.toArray(String[]::new))) {
            assertThat(health(context)).contains("\"db\"", "\"pool\"", "durationMs");
        }
    }

    @Test
    void otherScenariosHaveNoDataSource() throws Exception {
        SideBySide.Options options = SideBySide.Options.parse(new String[] { "--jar", jar().toString() });
        assertThat(SideBySide.dataSourceArguments(options, SideBySide.Variant.DIAGNOSTICS,
                SideBySide.Scenario.BUILT_IN)).containsExactly(
                        "--spring.autoconfigure.exclude=" + SideBySide.DATA_SOURCE_AUTO_CONFIGURATION);
        assertThat(SideBySide.dataSourceArguments(options, SideBySide.Variant.STOCK, SideBySide.Scenario.SLOW))
                .singleElement().asString().contains(SideBySide.DATA_SOURCE_AUTO_CONFIGURATION, "dev.diagnostics.");
    }

    @Test
    void readsWrksSummary() {
        String answered = """
                Running 10s test @ http://127.0.0.1:8080/actuator/health
                  2 threads and 32 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     2.61ms    2.96ms  41.10ms   88.81%
                  Latency Distribution
                     50%    2.02ms
                     75%    3.10ms
                     90%    5.55ms
                     99%   13.97ms
                  136408 requests in 10.00s, 97.03MB read
                Requests/sec:  13640.82
                Transfer/sec:      9.70MB
                """;
        SideBySide.Storm storm = SideBySide.Storm.parseWrk(answered);
        assertThat(storm.answeredPerSecond()).isEqualTo(13640.82);
        assertThat(storm.p99()).isEqualTo("14.0 ms");
        assertThat(storm.unanswered()).isZero();
        assertThat(storm.total()).isEqualTo(136408);

        String hung = """
                  Latency Distribution
                     50%    0.00us
                     99%    0.00us
                  0 requests in 10.00s, 0.00B read
                  Socket errors: connect 0, read 0, write 0, timeout 96
                Requests/sec:      0.00
                """;
        SideBySide.Storm none = SideBySide.Storm.parseWrk(hung);
        assertThat(none.p99()).startsWith("no answer");
        assertThat(none.unanswered()).isEqualTo(96);
        assertThat(none.total()).isEqualTo(96);

        String someTimedOut = answered.replace("  136408 requests", "  Socket errors: connect 0, read 0, write 0,"
                + " timeout 2000\n  136408 requests");
        assertThat(SideBySide.Storm.parseWrk(someTimedOut).p99()).startsWith("no answer");
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Storm.parseWrk("command not found"));
    }

    @Test
    void optionsNameTheBadValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] { "--requests",
                "0" })).withMessageContaining("--requests");
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] { "--jar",
                "/nonexistent.jar" })).withMessageContaining("--jar");
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] { "--fast",
                "1" })).withMessageContaining("--fast");
        assertThatIllegalArgumentException().isThrownBy(() -> SideBySide.Options.parse(new String[] {
                "--storm-tool", "ab" })).withMessageContaining("--storm-tool");
    }

    /** Any existing file passes the --jar check; the tests never start the driver's child JVMs. */
    private static java.nio.file.Path jar() throws Exception {
        return java.nio.file.Path.of(SideBySideTests.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(SideBySideTests.class.getName().replace('.', '/') + ".class");
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
