package dev.diagnostics.sample;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Calls the sample running on a random port, the way a user's curl would. */
final class SampleHttp {

    private SampleHttp() {
    }

    static Response send(HttpClient http, int port, String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Polls a GET until the condition holds; health rounds are reused within the engine's budget. */
    static Response until(HttpClient http, int port, String path, Predicate<Response> condition, Duration deadline) {
        return await().atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> send(http, port, "GET", path), condition);
    }
}
