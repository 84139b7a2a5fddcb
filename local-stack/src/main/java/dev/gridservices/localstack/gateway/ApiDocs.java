package dev.gridservices.localstack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's own pages: {@code /openapi.json}, the whole public API in one document ({@link OpenApiMerger}
 * over every service's {@code /q/openapi}, fetched on each request so that it follows restarted services), and
 * {@code /docs}, Swagger UI on it, served from the {@code org.webjars:swagger-ui} jar on the classpath.
 */
final class ApiDocs {

    static final String DOCUMENT_PATH = "/openapi.json";
    static final String UI_PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8", "png", "image/png", "map", "application/json",
            "txt", "text/plain; charset=utf-8");

    private final Vertx vertx;
    private final Map<String, SocketAddress> upstreams;
    private final OpenApiMerger merger;
    private final Supplier<String> serverUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Buffer> uiFiles = new ConcurrentHashMap<>();
    private final String webjarRoot;

    ApiDocs(Vertx vertx, RouteTable routes, Map<String, SocketAddress> upstreams, Supplier<String> serverUrl) {
        this.vertx = vertx;
        this.upstreams = upstreams;
        this.merger = new OpenApiMerger(routes);
        this.serverUrl = serverUrl;
        this.webjarRoot = WEBJAR + webjarVersion() + "/";
    }

    static boolean handles(String path) {
        return path.equals(DOCUMENT_PATH) || path.equals(UI_PATH) || path.startsWith(UI_PATH + "/");
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().putHeader("Allow", "GET, HEAD");
            Gateway.problem(request, 405, "method-not-allowed", "Method Not Allowed", request.path() + " is read-only.");
            return;
        }
        String path = request.path();
        if (path.equals(DOCUMENT_PATH)) {
            serveDocument(request);
        } else if (path.equals(UI_PATH)) {
            request.response().setStatusCode(301).putHeader("Location", UI_PATH + "/").end();
        } else {
            serveUi(request, path.substring(UI_PATH.length() + 1));
        }
    }

    private void serveDocument(HttpServerRequest request) {
        vertx.<Buffer>executeBlocking(() -> Buffer.buffer(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document())), false)
                .onSuccess(body -> request.response().putHeader("Content-Type", "application/json").end(body))
                .onFailure(failure -> Gateway.problem(request, 502, "bad-gateway", "Bad Gateway",
                        "The API document could not be assembled: " + failure.getMessage()));
    }

    /** Fetches every service's document in parallel; one that does not answer is named, not fatal. */
    JsonNode document() {
        Map<String, CompletableFuture<JsonNode>> fetches = new LinkedHashMap<>();
        upstreams.forEach((service, address) -> fetches.put(service, fetch(address)));
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        fetches.forEach((service, fetch) -> {
            try {
                documents.put(service, fetch.join());
            } catch (RuntimeException e) {
                unavailable.add(service);
            }
        });
        return merger.merge(documents, unavailable, serverUrl.get());
    }

    private CompletableFuture<JsonNode> fetch(SocketAddress address) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + address.host() + ":" + address.port() + "/q/openapi?format=json"))
                .timeout(FETCH_TIMEOUT).header("Accept", "application/json").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void serveUi(HttpServerRequest request, String file) {
        String name = file.isEmpty() ? "index.html" : file;
        Buffer body = name.contains("/") ? null : uiFile(name);
        if (body == null) {
            Gateway.problem(request, 404, "not-found", "Not Found", "No resource at " + request.path() + ".");
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        request.response()
                .putHeader("Content-Type", CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"))
                .end(body);
    }

    /** Our index page (pointed at /openapi.json) or a file of the webjar; null when there is none. */
    private Buffer uiFile(String name) {
        return uiFiles.computeIfAbsent(name, key -> {
            String resource = key.equals("index.html") ? "gateway/swagger-ui.html" : webjarRoot + key;
            try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
                return in == null ? null : Buffer.buffer(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_POM + " is not on the classpath (org.webjars:swagger-ui)");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
