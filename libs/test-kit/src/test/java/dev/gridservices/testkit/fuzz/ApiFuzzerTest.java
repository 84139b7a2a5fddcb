package dev.gridservices.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The harness against a small server whose flaws are known: it must report each of them, and only them. */
class ApiFuzzerTest {

    private static final String OPENAPI = """
            {"openapi":"3.0.3","paths":{
              "/v1/things":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}},
                            "get":{"parameters":[{"name":"page","in":"query","schema":{"type":"integer"}}]}},
              "/v1/things/{thingId}":{"put":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}},
              "/v2/token":{"post":{"requestBody":{"content":{"application/x-www-form-urlencoded":{"schema":{
                  "type":"object","properties":{"client_id":{"type":"string"},"client_secret":{"type":"string"}}}}}}}}},
             "components":{"schemas":{"Thing":{"type":"object","required":["name"],"properties":{
                  "name":{"type":"string","example":"battery"},"count":{"type":"integer","minimum":1,"maximum":5},
                  "installedAt":{"type":"string","format":"date-time"},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "kind":{"type":"string","enum":["A","B"]}}}}}}
            """;

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyFlawIsReportedWithTheRequestThatFoundIt() throws IOException {
        start(body -> body.contains("\\u0000"), form -> {
            URLDecoder.decode(form, StandardCharsets.UTF_8); // throws on a bad escape, as a naive server would
            return false;
        });
        FuzzReport report = ApiFuzzer.forBaseUri(url()).seed(7).maxRequests(300).run();

        assertThat(report.operations()).isEqualTo(4);
        assertThat(report.requests()).isLessThanOrEqualTo(300);
        assertThat(report.serverErrors()).anyMatch(e -> e.contains("NUL character at /name") && e.contains("-> 500"));
        assertThat(report.serverErrors()).anyMatch(e -> e.contains("malformed form %%%"));
        assertThatThrownBy(report::assertNoServerErrors).isInstanceOf(AssertionError.class)
                .hasMessageContaining("-Dfuzz.seed=7").hasMessageContaining("POST /v1/things");
    }

    @Test
    void aServerWithoutFlawsPassesAndTheRunIsReproducible() throws IOException {
        start(body -> false, form -> false);
        FuzzReport first = ApiFuzzer.forBaseUri(url()).seed(42).maxRequests(120)
                .credentials(path -> path.startsWith("/v1") ? Map.of("Authorization", "Bearer core") : Map.of())
                .pathParameter("thingId", "thing-1")
                .run().assertNoServerErrors().assertOperationsAtLeast(4);
        List<String> firstPaths = List.copyOf(paths);
        paths.clear();
        FuzzReport second = ApiFuzzer.forBaseUri(url()).seed(42).maxRequests(120)
                .credentials(path -> path.startsWith("/v1") ? Map.of("Authorization", "Bearer core") : Map.of())
                .pathParameter("thingId", "thing-1")
                .run();

        assertThat(first.requests()).isEqualTo(120);
        assertThat(second.statuses()).isEqualTo(first.statuses());
        assertThat(paths).isEqualTo(firstPaths);
        assertThat(paths).contains("PUT /v1/things/thing-1").anyMatch(p -> p.startsWith("GET /v1/things?page="));
        assertThat(first.requestsPerOperation()).containsOnlyKeys("POST /v1/things", "GET /v1/things",
                "PUT /v1/things/{thingId}", "POST /v2/token");
        assertThat(authorizations).contains("Bearer core", "");
        assertThatThrownBy(() -> first.assertOperationsAtLeast(5)).isInstanceOf(AssertionError.class);
    }

    /** A server that answers 500 when {@code jsonFlaw} accepts a JSON body or {@code formFlaw} a form body. */
    private void start(Predicate<String> jsonFlaw, Predicate<String> formFlaw) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getRawPath();
                String query = exchange.getRequestURI().getRawQuery();
                if (!path.startsWith("/q/")) {
                    paths.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
                    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                            .replace("null", ""));
                }
                String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                int status;
                if (path.equals("/q/openapi")) {
                    send(exchange, 200, OPENAPI);
                    return;
                } else if (path.equals("/q/health/live")) {
                    status = 200;
                } else if (type.startsWith("application/x-www-form-urlencoded")) {
                    status = flawed(formFlaw, body) ? 500 : 400;
                } else {
                    status = flawed(jsonFlaw, body) ? 500 : 400;
                }
                send(exchange, status, "{}");
            }
        });
        server.start();
    }

    private static boolean flawed(Predicate<String> flaw, String body) {
        try {
            return flaw.test(body);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
