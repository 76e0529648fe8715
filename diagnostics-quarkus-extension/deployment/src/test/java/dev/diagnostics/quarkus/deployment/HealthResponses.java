package dev.diagnostics.quarkus.deployment;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;

/** Reads SmallRye Health responses over HTTP, with a client timeout so a hung endpoint fails the test. */
final class HealthResponses {

    private static final int CLIENT_TIMEOUT_MILLIS = 30_000;

    private HealthResponses() {
    }

    /** One answer, which must have the expected status; a failure shows the body, which says which check was down. */
    static Response get(String path, int expectedStatus) {
        Response response = request(path);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("Expected status " + expectedStatus + " from " + path + " but was "
                    + response.statusCode() + ": " + response.asString());
        }
        return response;
    }

    /**
     * Asks until the answer has the expected status, for at most 10 s. For checks the test does not control, such as a
     * framework's own datasource check whose first connection can outlast its timeout on a loaded machine.
     */
    static Response awaitStatus(String path, int expectedStatus) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Response response = request(path);
        while (response.statusCode() != expectedStatus && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = request(path);
        }
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("Expected status " + expectedStatus + " from " + path + " within 10 s; last was "
                    + response.statusCode() + ": " + response.asString());
        }
        return response;
    }

    private static Response request(String path) {
        return given()
                .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", CLIENT_TIMEOUT_MILLIS)
                        .setParam("http.socket.timeout", CLIENT_TIMEOUT_MILLIS)))
                .when().get(path).then().extract().response();
    }

    /**
     * Asks until the named check's data satisfies the condition, for at most 10 s. A probe arriving within one budget
     * of the previous one shares its evaluation, so the first answer after a change can predate it.
     */
    static Response await(String path, String name, java.util.function.Predicate<Map<String, Object>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Response response;
        do {
            response = request(path);
            if (condition.test(data(response, name))) {
                return response;
            }
            Thread.sleep(100);
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError("Check '" + name + "' never met the condition; last answer: " + response.asString());
    }

    static List<String> names(Response response) {
        return response.jsonPath().getList("checks.name", String.class);
    }

    /** The data of the named check; fails if the response has no such check. */
    static Map<String, Object> data(Response response, String name) {
        Map<String, Object> check = check(response, name);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        if (data == null) {
            throw new AssertionError("Check '" + name + "' has no data in " + response.asString());
        }
        return data;
    }

    static Map<String, Object> check(Response response, String name) {
        Map<String, Object> check = response.jsonPath().getMap("checks.find { it.name == '" + name + "' }");
        if (check == null) {
            throw new AssertionError("No check named '" + name + "' in " + response.asString());
        }
        return check;
    }
}
