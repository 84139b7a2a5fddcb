package dev.gridservices.testkit.auth;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the {@link TestAuthServer}'s test-only endpoints. */
final class TestAuthClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestAuthClient() {
    }

    static JsonObject post(String path, JsonObject body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(TestAuthServer.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
        return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    }

    static JsonObject get(String path) {
        return new JsonObject(send(HttpRequest.newBuilder(URI.create(TestAuthServer.url() + path)).GET()).body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Test auth server answered " + response.statusCode()
                        + " to " + response.request().uri() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("Test auth server unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the test auth server", e);
        }
    }
}
