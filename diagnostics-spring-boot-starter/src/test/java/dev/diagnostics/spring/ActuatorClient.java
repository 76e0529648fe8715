package dev.diagnostics.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/** Reads Actuator endpoints over real HTTP, with a client timeout far above the engine's budget. */
public final class ActuatorClient {

    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();

    private final int port;

    public ActuatorClient(int port) {
        this.port = port;
    }

    public Response get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .timeout(CLIENT_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
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

    /** An HTTP answer with its JSON body. */
    public record Response(int status, String body) {

        public DocumentContext json() {
            return JsonPath.parse(this.body);
        }

        public <T> T read(String path) {
            return json().read(path);
        }

        public String healthStatus() {
            return read("$.status");
        }
    }
}
