package dev.gridservices.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VEN side of dispatch (Direct API §7–§9): receives event notifications over MQTT (subscribed to
 * {@code texture/v2/{venID}/events/#}, persistent session) and/or webhooks (a local receiver and a
 * {@code POST /v2/subscriptions} pointing at it, with a bearer token of its own that every notification
 * must carry), and answers every CREATE/UPDATE with event-response reports carrying the event's id:
 * {@code x-telemetry:COMMAND_STATUS} ACCEPTED at once, COMPLETED after {@code --complete-after} seconds,
 * for the resources the event targets (targets naming its resources; otherwise — no targets, the VEN,
 * or names it cannot resolve such as tags or sites, which reached it through dispatch's targeting — the
 * whole fleet), with each device's current telemetry, in reports of at most {@code --batch} resources.
 * A DELETE withdraws the COMPLETED still owed. The same event arriving on both transports is answered once.
 */
final class EventAnswerer implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Options options;
    private final HttpClient http;
    private final String token;
    private final String venId;
    private final List<Device> fleet;
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "event-answerer");
        t.setDaemon(true);
        return t;
    });
    private static final int REPORT_ATTEMPTS = 5;

    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, ScheduledFuture<?>> completions = new ConcurrentHashMap<>();
    private final String webhookSecret = secret();
    final AtomicLong notifications = new AtomicLong();
    final AtomicLong reportsAccepted = new AtomicLong();
    final AtomicLong reportsRefused = new AtomicLong();
    private final List<Long> answerLatencies = Collections.synchronizedList(new ArrayList<>());
    private MqttSession mqtt;
    private HttpServer receiver;
    private String subscriptionId;

    EventAnswerer(Options options, HttpClient http, String token, String venId, List<Device> fleet) {
        this.options = options;
        this.http = http;
        this.token = token;
        this.venId = venId;
        this.fleet = fleet;
    }

    /** Subscribes (MQTT) and/or registers the webhook receiver, as {@code --events-via} says. */
    void start() throws Exception {
        String via = options.eventsVia();
        if (via.equals("mqtt") || via.equals("both")) {
            mqtt = new MqttSession(options.mqttHost(), options.mqttPort(), venId + ":events", token, false);
            mqtt.onMessage((topic, payload) -> workers.execute(() -> handle(payload, System.nanoTime())));
            mqtt.subscribe("texture/v2/" + venId + "/events/#");
            System.out.println("listening for events on MQTT texture/v2/" + venId + "/events/#");
        }
        if (via.equals("webhook") || via.equals("both")) {
            receiver = HttpServer.create(new InetSocketAddress(options.webhookPort()), 0);
            receiver.createContext("/events", this::webhook);
            receiver.setExecutor(Executors.newFixedThreadPool(2));
            receiver.start();
            String callback = options.webhookUrl() != null ? options.webhookUrl()
                    : "http://localhost:" + receiver.getAddress().getPort() + "/events";
            subscriptionId = subscribe(callback);
            System.out.println("listening for events by webhook at " + callback + " (subscription " + subscriptionId + ")");
        }
    }

    /** The receiver's port (0 until started with a webhook). */
    int webhookPort() {
        return receiver == null ? 0 : receiver.getAddress().getPort();
    }

    private String subscribe(String callbackUrl) throws Exception {
        String body = "{\"clientName\":\"" + venId + "-simulator\",\"objectOperations\":[{\"objects\":[\"EVENT\"],"
                + "\"operations\":[\"CREATE\",\"UPDATE\",\"DELETE\"],\"callbackUrl\":\"" + callbackUrl
                + "\",\"bearerToken\":\"" + webhookSecret + "\"}]}";
        HttpResponse<String> response = http.send(request("/v2/subscriptions")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /v2/subscriptions answered " + response.statusCode() + ": "
                    + response.body());
        }
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no subscription id in " + response.body());
        }
        return id.group(1);
    }

    /** A notification by webhook: only with the bearer token this VEN gave its subscription. */
    private void webhook(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean authorized = auth != null && MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + webhookSecret).getBytes(StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(authorized && exchange.getRequestMethod().equals("POST") ? 200 : 401, -1);
        exchange.close();
        if (authorized) {
            String payload = new String(body, StandardCharsets.UTF_8);
            workers.execute(() -> handle(payload, received));
        }
    }

    /** One notification: answer CREATE/UPDATE once per event version, withdraw on DELETE. */
    void handle(String notification, long receivedNanos) {
        Object n;
        try {
            n = JsonReader.parse(notification);
        } catch (IllegalArgumentException e) {
            System.err.println("unreadable event notification: " + e.getMessage());
            return;
        }
        if (!"EVENT".equals(JsonReader.at(n, "objectType")) || !(JsonReader.at(n, "object", "id") instanceof String id)) {
            return;
        }
        notifications.incrementAndGet();
        String operation = String.valueOf(JsonReader.at(n, "operation"));
        if (operation.equals("DELETE")) {
            // notifications are handled on two threads: a DELETE may overtake its CREATE's ACCEPTED
            deleted.add(id);
            ScheduledFuture<?> owed = completions.remove(id);
            if (owed != null) {
                owed.cancel(false);
            }
            return;
        }
        Object version = JsonReader.at(n, "object", "modificationDateTime");
        if (!answered.add(id + "|" + version)) {
            return;
        }
        Object programId = JsonReader.at(n, "object", "programID");
        List<Device> targeted = targeted(JsonReader.at(n, "object", "targets"));
        answer(id, programId instanceof String p ? p : null, "ACCEPTED", targeted);
        answerLatencies.add(System.nanoTime() - receivedNanos);
        if (deleted.contains(id)) {
            return;
        }
        ScheduledFuture<?> previous = completions.put(id, workers.schedule(() -> {
            if (!deleted.contains(id)) {
                answer(id, programId instanceof String p ? p : null, "COMPLETED", targeted);
            }
        }, options.completeAfter().toMillis(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private List<Device> targeted(Object targets) {
        if (!(targets instanceof List<?> list) || list.isEmpty() || list.contains(venId)) {
            return fleet;
        }
        Set<Object> names = new HashSet<>(list);
        List<Device> named = fleet.stream().filter(d -> names.contains(d.resourceName)).toList();
        return named.isEmpty() ? fleet : named;
    }

    private void answer(String eventId, String programId, String status, List<Device> devices) {
        for (int from = 0; from < devices.size(); from += options.batch()) {
            List<Device> group = devices.subList(from, Math.min(devices.size(), from + options.batch()));
            String body = report(venId, eventId, programId, status, group, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            try {
                boolean ok;
                if (options.transport().equals("mqtt") && mqtt != null) {
                    mqtt.publish("texture/v2/" + venId + "/reports", body.getBytes(StandardCharsets.UTF_8));
                    ok = true;
                } else {
                    HttpResponse<String> response = sendReport(body);
                    ok = response.statusCode() == 201;
                    if (!ok) {
                        System.err.println("event " + eventId + " " + status + " report answered "
                                + response.statusCode() + ": " + response.body());
                    }
                }
                (ok ? reportsAccepted : reportsRefused).incrementAndGet();
            } catch (IOException e) {
                reportsRefused.incrementAndGet();
                System.err.println("event " + eventId + " " + status + " report failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A 429 or 503 (rate limit; the service not yet able to decide, e.g. an event created a moment ago) is
     * waited out for its Retry-After and sent again, as a VEN should, up to {@value #REPORT_ATTEMPTS} tries.
     */
    private HttpResponse<String> sendReport(String body) throws IOException, InterruptedException {
        return FleetSimulator.sendRetrying(http, request("/v2/reports").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), Set.of(429, 503), REPORT_ATTEMPTS);
    }

    /** An event-response report (Direct API §7): the event's id, each device's reading plus COMMAND_STATUS. */
    static String report(String venId, String eventId, String programId, String status, List<Device> devices,
                         Instant at) {
        StringBuilder body = new StringBuilder(devices.size() * 320);
        body.append("{\"eventID\":\"").append(eventId).append('"');
        if (programId != null) {
            body.append(",\"programID\":\"").append(programId).append('"');
        }
        body.append(",\"clientName\":\"").append(venId).append("\",\"reportName\":\"response_")
                .append(status.toLowerCase(Locale.ROOT)).append('_').append(at.toEpochMilli())
                .append("\",\"resources\":[");
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"resourceName\":\"").append(d.resourceName).append("\",\"intervalPeriod\":{\"start\":\"")
                    .append(at).append("\",\"duration\":\"PT0S\"},\"intervals\":[{\"id\":0,\"payloads\":[")
                    .append(d.payloads()).append(",{\"type\":\"x-telemetry:COMMAND_STATUS\",\"values\":[\"")
                    .append(status).append("\"]}]}]}");
        }
        return body.append("]}").toString();
    }

    String summary() {
        List<Long> sorted;
        synchronized (answerLatencies) {
            sorted = new ArrayList<>(answerLatencies);
        }
        Collections.sort(sorted);
        return String.format("event notifications %d, events answered %d (notification -> ACCEPTED acknowledged "
                        + "p50 %.1f ms, p99 %.1f ms), response reports accepted %d, refused %d%n", notifications.get(),
                sorted.size(), Stats.quantile(sorted, 0.5), Stats.quantile(sorted, 0.99), reportsAccepted.get(),
                reportsRefused.get());
    }

    private HttpRequest.Builder request(String path) {
        URI uri = options.baseUrl().resolve(path);
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Waits for the COMPLETED reports still owed (at most --complete-after + 5 s), then unsubscribes and stops. */
    @Override
    public void close() throws Exception {
        long deadline = System.nanoTime() + options.completeAfter().plusSeconds(5).toNanos();
        while (completions.values().stream().anyMatch(f -> !f.isDone()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (subscriptionId != null) {
            http.send(request("/v2/subscriptions/" + subscriptionId).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (mqtt != null) {
            mqtt.close();
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
