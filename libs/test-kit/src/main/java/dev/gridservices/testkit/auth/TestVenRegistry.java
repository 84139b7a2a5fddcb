package dev.gridservices.testkit.auth;

import static dev.gridservices.testkit.auth.LoopbackJson.body;
import static dev.gridservices.testkit.auth.LoopbackJson.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Stands in for device-service's VEN registry in auth-service's tests: a real HTTP server on a loopback
 * port with the internal contract auth-service relies on before it binds an OAuth client to a VEN:
 * {@code GET /internal/vens/{venId}} with header {@code Texture-Service-Credential} →
 * 200 {@code {"venId","organizationId","venName"}}, 404 for an unknown VEN, 401 without the credential.
 * VEN ids are assigned here, as device-service assigns them. One server per test JVM (URL in a system
 * property, so every Quarkus class loader finds the same one); tests register VENs over HTTP.
 */
public final class TestVenRegistry implements AutoCloseable {

    static final String URL_PROPERTY = "gridservices.test-ven-registry.url";
    private static final Logger LOG = Logger.getLogger(TestVenRegistry.class);

    private final HttpServer server;
    private final Map<String, JsonObject> vens = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    private TestVenRegistry() throws IOException {
        server = LoopbackJson.serve("test-ven-registry", 2, this::handle);
    }

    /** The base URL of this JVM's registry ({@code auth.ven-registry.url}), started on first use. */
    public static String url() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                TestVenRegistry registry = start();
                url = "http://127.0.0.1:" + registry.server.getAddress().getPort();
                System.setProperty(URL_PROPERTY, url);
                Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
                LOG.infof("Test VEN registry at %s", url);
            }
            return url;
        }
    }

    /** Registers a VEN owned by {@code organizationId} and returns the id the registry assigned to it. */
    public static String register(String organizationId, String venName) {
        return call("POST", "/test/vens", new JsonObject().put("organizationId", organizationId).put("venName", venName))
                .getString("venId");
    }

    /** How many lookups ({@code GET /internal/vens/*}) the registry has answered, with or without a credential. */
    public static int lookupCount() {
        return call("GET", "/test/lookups", null).getInteger("count");
    }

    private static TestVenRegistry start() {
        try {
            return new TestVenRegistry();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test VEN registry", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(method) && path.startsWith("/internal/vens/")) {
                lookups.incrementAndGet();
                if (!TestAuthServer.SERVICE_CREDENTIAL.equals(
                        exchange.getRequestHeaders().getFirst(TestAuthServer.SERVICE_CREDENTIAL_HEADER))) {
                    send(exchange, 401, new JsonObject().put("status", 401).put("detail", "service credential required")
                            .encode());
                    return;
                }
                JsonObject ven = vens.get(path.substring("/internal/vens/".length()));
                send(exchange, ven == null ? 404 : 200,
                        (ven == null ? new JsonObject().put("status", 404) : ven).encode());
            } else if ("POST".equals(method) && "/test/vens".equals(path)) {
                JsonObject spec = body(exchange);
                String venId = "ven-" + UUID.randomUUID();
                JsonObject ven = new JsonObject().put("venId", venId)
                        .put("organizationId", spec.getString("organizationId"))
                        .put("venName", spec.getString("venName"));
                vens.put(venId, ven);
                send(exchange, 200, ven.encode());
            } else if ("GET".equals(method) && "/test/lookups".equals(path)) {
                send(exchange, 200, new JsonObject().put("count", lookups.get()).encode());
            } else {
                send(exchange, 404, new JsonObject().put("status", 404).encode());
            }
        }
    }

    private static JsonObject call(String method, String path, JsonObject body) {
        return LoopbackJson.call("test VEN registry", url(), method, path, body);
    }
}
