package dev.gridservices.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway proxying to real local HTTP servers (the JDK's), over real sockets. */
class GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = """
            services: {echo: {port: 1}, down: {port: 2}, broken: {port: 3}, held: {port: 4}}
            routes:
              - {path: /v1/held, service: held}
              - {path: /v1/echo, service: echo}
              - {path: /v1/down, service: down}
              - {path: /v1/broken, service: broken}
            """;

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer echo;
    private HttpServer held;
    private final CountDownLatch inFlight = new CountDownLatch(CONCURRENT);
    private static final int CONCURRENT = 20;
    private ServerSocket broken;
    private Gateway gateway;

    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            respond(exchange, 201, "{\"echo\":true}");
        });
        echo.start();
        // answers only once CONCURRENT requests are in flight at the same time
        held = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), CONCURRENT);
        held.setExecutor(Executors.newFixedThreadPool(CONCURRENT));
        held.createContext("/", exchange -> {
            inFlight.countDown();
            try {
                boolean all = inFlight.await(10, TimeUnit.SECONDS);
                respond(exchange, all ? 200 : 504, "{}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.start();
        broken = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Thread hangUp = new Thread(this::acceptAndHangUp, "hang-up-server");
        hangUp.setDaemon(true);
        hangUp.start();
        RouteTable table = RouteTable.parse(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)));
        gateway = Gateway.start(table, Map.of(
                "echo", SocketAddress.inetSocketAddress(echo.getAddress().getPort(), "127.0.0.1"),
                "down", SocketAddress.inetSocketAddress(freePort(), "127.0.0.1"),
                "broken", SocketAddress.inetSocketAddress(broken.getLocalPort(), "127.0.0.1"),
                "held", SocketAddress.inetSocketAddress(held.getAddress().getPort(), "127.0.0.1")),
                "127.0.0.1", 0);
    }

    /** A server that takes the connection and the request, then hangs up without answering. */
    private void acceptAndHangUp() {
        while (!broken.isClosed()) {
            try (Socket socket = broken.accept()) {
                socket.getInputStream().read(new byte[8192]);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
        echo.stop(0);
        held.stop(0);
        broken.close();
    }

    @Test
    void routedRequestReachesItsServiceWithCredentialsAndForwardingHeaders() throws Exception {
        HttpResponse<String> response = client.send(request("/v1/echo/items?page=2&perPage=5")
                .header("Authorization", "Bearer token-1")
                .header("Texture-Api-Key", "key-1")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"echo\":true}");
        assertThat(received).hasSize(1);
        Received upstream = received.peek();
        assertThat(upstream.method()).isEqualTo("POST");
        assertThat(upstream.uri()).isEqualTo("/v1/echo/items?page=2&perPage=5");
        assertThat(upstream.body()).isEqualTo("{\"name\":\"x\"}");
        assertThat(upstream.headers().get("Authorization")).containsExactly("Bearer token-1");
        assertThat(upstream.headers().get("Texture-Api-key")).containsExactly("key-1");
        assertThat(upstream.headers().get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(upstream.headers().get("X-forwarded-proto")).containsExactly("http");
        assertThat(upstream.headers().get("X-forwarded-host")).containsExactly("127.0.0.1:" + gateway.port());
        assertThat(upstream.headers().get("X-forwarded-port")).containsExactly(String.valueOf(gateway.port()));
        String requestId = upstream.headers().get("X-request-id").get(0);
        assertThat(requestId).isNotBlank();
        assertThat(response.headers().allValues(Gateway.REQUEST_ID)).containsExactly(requestId);
    }

    /** Vert.x' default pool (5 connections per upstream) would hold the sixth request back until the others end. */
    @Test
    void manyRequestsReachOneServiceAtTheSameTime() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            responses.add(client.sendAsync(request("/v1/held/" + i).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(inFlight.getCount()).isZero();
    }

    @Test
    void aClientRequestIdIsKeptOnBothLegs() throws Exception {
        HttpResponse<String> response = client.send(request("/v1/echo").header(Gateway.REQUEST_ID, "req-42").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().allValues(Gateway.REQUEST_ID)).containsExactly("req-42");
        assertThat(received.peek().headers().get("X-request-id")).containsExactly("req-42");
    }

    @Test
    void unknownPathIsA404ProblemAndReachesNoService() throws Exception {
        HttpResponse<String> response = client.send(request("/v1/nothing-here").build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 404, "not-found");
        assertThat(response.headers().firstValue(Gateway.REQUEST_ID)).isPresent();
        assertThat(received).isEmpty();
    }

    @Test
    void internalAndManagementPathsAreNeverRouted() throws Exception {
        for (String path : new String[] {"/internal/api-keys/introspect", "/q/health/ready"}) {
            assertProblem(client.send(request(path).build(), HttpResponse.BodyHandlers.ofString()), 404, "not-found");
        }
        assertProblem(client.send(request("/v1/echo/../../internal/x").build(), HttpResponse.BodyHandlers.ofString()),
                400, "malformed-request");
        assertThat(received).isEmpty();
    }

    @Test
    void serviceThatIsDownIsA503Problem() throws Exception {
        HttpResponse<String> response = client.send(request("/v1/down/x").build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().allValues(Gateway.REQUEST_ID)).hasSize(1);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("down");
    }

    @Test
    void serviceThatHangsUpIsA502Problem() throws Exception {
        HttpResponse<String> response = client.send(request("/v1/broken").build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 502, "bad-gateway");
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            RouteTable table = RouteTable.parse(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> Gateway.start(table, Map.of(), "127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("https://direct.texturehq.com/errors/" + slug);
        assertThat(problem.get("title").asText()).isNotBlank();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
