package dev.gridservices.localstack.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingress gateway of local runs: one port, routing by {@link RouteTable} to the services, proxied
 * by Vert.x's reverse proxy. Answers 404 problem+json for a path without a route and 503/502
 * problem+json when the service behind it is down or broke the exchange. Serves the merged API document
 * at {@code /openapi.json} and Swagger UI at {@code /docs} itself ({@link ApiDocs}).
 */
public final class Gateway implements AutoCloseable {

    public static final String REQUEST_ID = "X-Request-Id";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_BASE_URI = "https://direct.texturehq.com/errors/";
    private static final String ROUTE_KEY = "route";

    /** Connections per upstream service, and requests that may wait for one before the gateway answers 502. */
    static final int UPSTREAM_CONNECTIONS = 64;
    static final int UPSTREAM_WAIT_QUEUE = 4_096;

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Starts the gateway on {@code host:port}; {@code upstreams} gives each service's address.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static Gateway start(RouteTable table, Map<String, SocketAddress> upstreams, String host, int port) {
        Vertx vertx = Vertx.vertx();
        // Vert.x' default of 5 connections per upstream queued 500-reading reports behind each other until they
        // timed out under a fleet's load; the pool and its wait queue are sized for the whole local fleet instead
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(2_000)
                .setKeepAlive(true)
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS),
                new PoolOptions().setHttp1MaxSize(UPSTREAM_CONNECTIONS).setMaxWaitQueueSize(UPSTREAM_WAIT_QUEUE));
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(OriginRequestProvider.selector(context ->
                        Future.succeededFuture(upstreams.get(context.get(ROUTE_KEY, RouteTable.Route.class).service()))))
                .addInterceptor(new EdgeHeaders(table));
        AtomicReference<HttpServer> listening = new AtomicReference<>();
        ApiDocs docs = new ApiDocs(vertx, table, upstreams, () -> "http://localhost:" + listening.get().actualPort());
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(request -> route(table, upstreams, proxy, docs, request));
        listening.set(server);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The gateway cannot listen on " + host + ":" + port + ": "
                    + rootMessage(e), e);
        }
        return new Gateway(vertx, server);
    }

    private static void route(RouteTable table, Map<String, SocketAddress> upstreams, HttpProxy proxy,
                              ApiDocs docs, HttpServerRequest request) {
        String requestId = Optional.ofNullable(request.getHeader(REQUEST_ID))
                .filter(id -> id.matches("[A-Za-z0-9._:-]{1,128}"))
                .orElseGet(() -> UUID.randomUUID().toString());
        request.headers().set(REQUEST_ID, requestId);
        String path = request.path();
        if (!RouteTable.isCanonical(path)) {
            problem(request, 400, "malformed-request", "Bad Request",
                    "The path is not in canonical form (empty, '.' or '..' segments, or encoded separators).");
            return;
        }
        if (ApiDocs.handles(path)) {
            // the gateway's own pages; the route table never routes these paths (RouteTable refuses them)
            docs.handle(request);
            return;
        }
        Optional<RouteTable.Route> route = table.match(path);
        if (route.isEmpty() || !upstreams.containsKey(route.get().service())) {
            problem(request, 404, "not-found", "Not Found", "No resource at " + path + ".");
            return;
        }
        proxy.handle(request);
    }

    static void problem(HttpServerRequest request, int status, String slug, String title, String detail) {
        request.response()
                .setStatusCode(status)
                .putHeader(REQUEST_ID, request.getHeader(REQUEST_ID))
                .putHeader("Content-Type", PROBLEM_JSON)
                .end(problemBody(request.path(), status, slug, title, detail));
    }

    static Buffer problemBody(String instance, int status, String slug, String title, String detail) {
        return new JsonObject()
                .put("type", PROBLEM_BASE_URI + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .toBuffer();
    }

    /**
     * Sets the forwarding headers an edge owns (client-sent X-Forwarded-* are replaced, not trusted),
     * keeps the request id on both legs and turns a failed origin exchange into a problem.
     */
    private static final class EdgeHeaders implements ProxyInterceptor {

        private final RouteTable table;

        EdgeHeaders(RouteTable table) {
            this.table = table;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            // the handler matched this path already; the proxy pipeline keeps its own copy for the origin selector
            context.set(ROUTE_KEY, table.match(incoming.path()).orElseThrow());
            MultiMap headers = context.request().headers();
            headers.set("X-Forwarded-For", incoming.remoteAddress().hostAddress());
            headers.set("X-Forwarded-Proto", incoming.scheme());
            if (incoming.authority() != null) {
                headers.set("X-Forwarded-Host", incoming.authority().toString());
            }
            headers.set("X-Forwarded-Port", String.valueOf(incoming.localAddress().port()));
            headers.set(REQUEST_ID, incoming.getHeader(REQUEST_ID));
            return context.sendRequest().recover(failure -> {
                boolean down = rootCause(failure) instanceof ConnectException;
                int status = down ? 503 : 502;
                String service = context.get(ROUTE_KEY, RouteTable.Route.class).service();
                ProxyResponse response = context.request().response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", PROBLEM_JSON)
                        .setBody(Body.body(problemBody(incoming.path(), status,
                                down ? "service-unavailable" : "bad-gateway",
                                down ? "Service Unavailable" : "Bad Gateway",
                                down ? service + " is not reachable." : service + " did not answer properly.")));
                return Future.succeededFuture(response);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            context.response().headers().set(REQUEST_ID, context.request().headers().get(REQUEST_ID));
            return context.sendResponse();
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = rootCause(failure);
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
