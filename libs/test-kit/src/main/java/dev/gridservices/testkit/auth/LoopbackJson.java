package dev.gridservices.testkit.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The little HTTP the stand-ins for other services ({@link TestAuthServer}, {@link TestVenRegistry}) need: a JDK
 * server on a free loopback port with daemon threads, JSON bodies in and out, and a client for their test-only
 * endpoints.
 */
final class LoopbackJson {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackJson() {
    }

    /** A started server on 127.0.0.1 (any free port) handing every request to {@code handler}. */
    static HttpServer serve(String threadName, int threads, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    /** The request's JSON body; an empty body is an empty object. */
    static JsonObject body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isBlank() ? new JsonObject() : new JsonObject(text);
        }
    }

    /** Answers {@code status} with {@code json} as the body, or with no body when it is null. */
    static void send(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Calls {@code method baseUrl+path} with {@code body} (null: none) and returns the answer's JSON (an empty
     * object for an empty answer); any status from 300 up fails, naming {@code server}.
     */
    static JsonObject call(String server, String baseUrl, String method, String path, JsonObject body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(server + " answered " + response.statusCode() + " to "
                        + response.request().uri() + ": " + response.body());
            }
            return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(server + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the " + server, e);
        }
    }
}
