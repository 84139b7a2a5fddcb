package dev.gridservices.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's /openapi.json (merged from real HTTP servers' /q/openapi) and /docs (Swagger UI from the webjar). */
class ApiDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = """
            services: {auth-service: {port: 1}, programs-service: {port: 2}}
            routes:
              - {path: /v2/auth, service: auth-service}
              - {path: /v1/programs, service: programs-service}
            """;

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer auth;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        auth = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        auth.createContext("/q/openapi", exchange -> {
            // Quarkus serves YAML unless asked for JSON
            boolean json = "format=json".equals(exchange.getRequestURI().getQuery());
            byte[] body = (json ? "{\"openapi\":\"3.1.0\",\"info\":{\"version\":\"7\"},\"paths\":{"
                    + "\"/v2/auth/token\":{\"post\":{\"operationId\":\"token\"}},\"/internal/x\":{\"get\":{}}}}"
                    : "openapi: 3.1.0").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "application/yaml");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        auth.start();
        int down;
        try (ServerSocket socket = new ServerSocket(0)) {
            down = socket.getLocalPort();
        }
        Map<String, SocketAddress> upstreams = new LinkedHashMap<>();
        upstreams.put("auth-service", SocketAddress.inetSocketAddress(auth.getAddress().getPort(), "127.0.0.1"));
        upstreams.put("programs-service", SocketAddress.inetSocketAddress(down, "127.0.0.1"));
        gateway = Gateway.start(RouteTable.parse(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8))),
                upstreams, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        gateway.close();
        auth.stop(0);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiDocumentIsMergedFromTheServicesAndNamesTheOneThatDidNotAnswer() throws Exception {
        HttpResponse<String> response = send("GET", "/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.path("paths").fieldNames()).toIterable().containsExactly("/v2/auth/token");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("http://localhost:" + gateway.port());
        assertThat(document.at("/info/version").asText()).isEqualTo("7");
        assertThat(document.at("/info/x-unavailable-services/0").asText()).isEqualTo("programs-service");
    }

    @Test
    void swaggerUiIsServedFromTheWebjarPointedAtTheDocument() throws Exception {
        HttpResponse<String> redirect = send("GET", "/docs");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).contains("/docs/");

        HttpResponse<String> index = send("GET", "/docs/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.body()).contains("url: \"/openapi.json\"").contains("swagger-ui-bundle.js");

        HttpResponse<String> bundle = send("GET", "/docs/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(send("GET", "/docs/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/docs/swagger-ui-standalone-preset.js").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownFilesAndWritesAreProblems() throws Exception {
        HttpResponse<String> missing = send("GET", "/docs/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains(Gateway.PROBLEM_JSON);
        assertThat(send("GET", "/docs/a/b.js").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/docs/../openapi.json").statusCode()).isEqualTo(400);

        HttpResponse<String> post = send("POST", "/openapi.json");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void noServiceMayTakeTheGatewaysOwnPaths() {
        for (String path : new String[]{"/docs", "/openapi.json"}) {
            String table = "services: {a: {port: 1}}\nroutes:\n  - {path: \"" + path + "\", service: a}\n";
            assertThatThrownBy(() -> RouteTable.parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8))))
                    .hasMessageContaining("the gateway's own page");
        }
    }
}
