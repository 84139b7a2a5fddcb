package dev.gridservices.testkit.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The matrix against a server that refuses some calls properly (403 problem), one with a bare 403, and lets one
 * through: every call is sent with every caller, and the failure names exactly the ones not refused properly.
 */
class ForbiddenMatrixTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void listsEveryCallThatWasNotA403Problem() throws IOException {
        start();
        assertThatThrownBy(() -> matrix().call("POST", "/refused", Map.of("a", 1)).call("DELETE", "/open", null)
                .call("PUT", "/bare", Map.of()).assertAllForbidden())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("key: DELETE /open → 200")
                .hasMessageContaining("token: DELETE /open → 200")
                .hasMessageContaining("key: PUT /bare → 403")
                .hasMessageNotContaining("/refused →");
        assertThat(received).containsExactly("key POST /refused {\"a\":1}", "key DELETE /open ", "key PUT /bare {}",
                "token POST /refused {\"a\":1}", "token DELETE /open ", "token PUT /bare {}");
    }

    @Test
    void passesWhenEveryCallIsRefused() throws IOException {
        start();
        matrix().call("POST", "/refused", Map.of()).call("GET", "/refused/again", null).assertAllForbidden();
        assertThat(received).hasSize(4);
    }

    private ForbiddenMatrix matrix() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return ForbiddenMatrix.of()
                .caller("key", () -> given().baseUri(base).header("X-Caller", "key").contentType("application/json"))
                .caller("token", () -> given().baseUri(base).header("X-Caller", "token").contentType("application/json"));
    }

    private void start() throws IOException {
        server = LoopbackJson.serve("forbidden-matrix-test", 1, exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(exchange.getRequestHeaders().getFirst("X-Caller") + " " + exchange.getRequestMethod() + " "
                        + path + " " + body);
                if (path.startsWith("/refused")) {
                    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                    byte[] problem = "{\"status\":403,\"title\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(403, problem.length);
                    exchange.getResponseBody().write(problem);
                } else if (path.equals("/bare")) {
                    exchange.sendResponseHeaders(403, -1);
                } else {
                    LoopbackJson.send(exchange, 200, "{\"done\":true}");
                }
            }
        });
    }
}
