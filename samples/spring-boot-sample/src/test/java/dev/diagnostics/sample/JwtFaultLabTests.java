package dev.diagnostics.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The JWT lab on the default profile: no Redis, so no registry; the classifier and its burst detection work. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JwtFaultLabTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Test
    void loginMintsATokenTheServiceAcceptsAndForeignTokensDegradeTheCheck() throws Exception {
        Response health = SampleHttp.until(this.http, this.port, "/actuator/health/readiness",
                (response) -> response.body().contains("\"jwt\""), Duration.ofSeconds(15));
        assertThat(health.<String>read("$.components.jwt.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.jwt.details.selfTest")).isEqualTo("passed");
        assertThat(health.<String>read("$.components.jwt.details.registry")).startsWith("none");

        Response login = SampleHttp.send(this.http, this.port, "POST", "/auth/login?user=alice");
        String token = login.read("$.token");
        assertThat(login.<String>read("$.kid")).isEqualTo(health.read("$.components.jwt.details.fingerprint"));
        assertThat(me(token).statusCode()).isEqualTo(200);
        HttpResponse<String> tampered = me(token.substring(0, token.length() - 4) + "AAAA");
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("bad-signature");

        assertThat(SampleHttp.send(this.http, this.port, "POST", "/lab/jwt/rogue-instance").code()).isEqualTo(409);
        SampleHttp.send(this.http, this.port, "POST", "/lab/jwt/foreign-tokens?count=5");
        Response degraded = SampleHttp.until(this.http, this.port, "/actuator/health/readiness",
                (response) -> "DEGRADED".equals(response.<String>read("$.components.jwt.status")),
                Duration.ofSeconds(15));
        assertThat(degraded.<String>read("$.components.jwt.details.diagnosis.code")).isEqualTo("jwt.foreign-signatures");
        assertThat(degraded.body()).doesNotContain(token);
    }

    private HttpResponse<String> me(String token) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/auth/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
