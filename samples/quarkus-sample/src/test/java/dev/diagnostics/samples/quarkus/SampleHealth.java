package dev.diagnostics.samples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;

/** Reads the sample's SmallRye health answers the way a user's curl would. */
final class SampleHealth {

    private static final long DEADLINE_SECONDS = 20;

    private SampleHealth() {
    }

    /** A GET with a generous client timeout, so a slow answer fails an assertion, not the connection. */
    static Response get(String path) {
        return given()
                .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", 30_000)
                        .setParam("http.socket.timeout", 30_000)))
                .get(path);
    }

    /** Polls a GET until the condition holds; health rounds are reused within the engine's budget. */
    static Response await(String path, Predicate<Response> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        Response response;
        do {
            response = get(path);
            if (condition.test(response)) {
                return response;
            }
            Thread.sleep(100);
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not change as expected within " + DEADLINE_SECONDS + " s; last: "
                + response.statusCode() + " " + response.asString());
    }

    /** The data of one check in a SmallRye health answer; fails if the answer has no such check. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Response response, String check) {
        Map<String, Object> found = response.jsonPath().getMap("checks.find { it.name == '" + check + "' }");
        assertThat(found).as("check %s in %s", check, response.asString()).isNotNull();
        return (Map<String, Object>) found.get("data");
    }
}
