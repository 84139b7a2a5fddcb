package dev.gridservices.mqtt.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;

/**
 * The broker's Micrometer meters in Prometheus form, served on {@code GET /q/metrics} (the path the services use,
 * so one ServiceMonitor endpoint scrapes both) by a small JDK HTTP server of its own, off the MQTT threads.
 *
 * <ul>
 *   <li>{@code mqtt_broker_connections{kind=ven|service}}: authenticated connections right now;</li>
 *   <li>{@code mqtt_broker_connects_refused_total{reason}}: CONNECTs refused ({@link Refusal});</li>
 *   <li>{@code mqtt_broker_authorizations_denied_total{action=publish|subscribe}}: refused topics;</li>
 *   <li>{@code mqtt_broker_disconnects_total{reason=token_expired|client_revoked}}: connections the broker closed;</li>
 *   <li>the JVM's memory, GC, threads, CPU and uptime.</li>
 * </ul>
 * Every counter exists from the start at 0 (all tag values are known), so rules see a series before the first event.
 */
public final class BrokerMetrics implements AutoCloseable {

    /** Why a CONNECT was refused (its CONNACK reason). */
    public enum Refusal {
        /** 0x86: no username, a wrong service credential. */
        BAD_CREDENTIALS,
        /** 0x87: a bad, expired or foreign token, or another VEN's client id. */
        NOT_AUTHORIZED,
        /** 0x85: an empty client id. */
        CLIENT_ID
    }

    public enum Action { PUBLISH, SUBSCRIBE }

    public enum Disconnect { TOKEN_EXPIRED, CLIENT_REVOKED }

    // The simpleclient registry is deprecated for io.micrometer.prometheusmetrics (Prometheus client 1.x), but it is
    // the one quarkus-micrometer-registry-prometheus (3.32) still ships, so the broker keeps the services' registry
    // and exposition format; the successor is not in the Quarkus BOM.
    @SuppressWarnings("deprecation")
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Map<Action, Counter> denied = new EnumMap<>(Action.class);
    private final Map<Disconnect, Counter> disconnects = new EnumMap<>(Disconnect.class);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private HttpServer server;
    private ExecutorService executor;

    public BrokerMetrics() {
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("mqtt.broker.connects.refused").tag("reason", tag(reason))
                    .description("CONNECTs the broker refused").register(registry));
        }
        for (Action action : Action.values()) {
            denied.put(action, Counter.builder("mqtt.broker.authorizations.denied").tag("action", tag(action))
                    .description("PUBLISHes and SUBSCRIBEs refused by the topic policy").register(registry));
        }
        for (Disconnect reason : Disconnect.values()) {
            disconnects.put(reason, Counter.builder("mqtt.broker.disconnects").tag("reason", tag(reason))
                    .description("Connections the broker closed").register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Registers the connection gauges: {@code vens} and {@code services} count the connections of each kind. */
    public <T> void connections(T source, ToDoubleFunction<T> vens, ToDoubleFunction<T> services) {
        Gauge.builder("mqtt.broker.connections", source, vens).tag("kind", "ven")
                .description("Authenticated MQTT connections").register(registry);
        Gauge.builder("mqtt.broker.connections", source, services).tag("kind", "service")
                .description("Authenticated MQTT connections").register(registry);
    }

    public void refused(Refusal reason) {
        refused.get(reason).increment();
    }

    public void denied(Action action) {
        denied.get(action).increment();
    }

    public void disconnected(Disconnect reason) {
        disconnects.get(reason).increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Serves {@code /q/metrics} on {@code host:port} (port 0: any free port); returns the bound port. */
    public synchronized int serve(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("The broker's metrics endpoint cannot listen on " + host + ":" + port, e);
        }
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-broker-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/q/metrics", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/q/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        gcMetrics.close();
        registry.close();
    }
}
