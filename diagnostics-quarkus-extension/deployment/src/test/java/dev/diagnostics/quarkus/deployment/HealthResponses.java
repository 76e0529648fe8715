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

    static Response get(String path, int expectedStatus) {
        return given()
                .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", CLIENT_TIMEOUT_MILLIS)
                        .setParam("http.socket.timeout", CLIENT_TIMEOUT_MILLIS)))
                .when().get(path)
                .then().statusCode(expectedStatus)
                .extract().response();
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
