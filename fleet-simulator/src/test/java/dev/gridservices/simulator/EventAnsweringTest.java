package dev.gridservices.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.openadr.payload.PayloadRegistry;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.MqttTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator as the VEN that answers events: notifications arrive over a real MQTT broker (test-kit)
 * or at its webhook receiver, and each CREATE/UPDATE is answered with event-response reports (eventID,
 * COMMAND_STATUS ACCEPTED then COMPLETED, the device's telemetry) at a stand-in that records what
 * telemetry-ingest-service would receive and answers as it does (201) and as dispatch-service's
 * /v2/subscriptions does.
 */
class EventAnsweringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VEN = "ven_sim";

    private record Call(String method, String path, String body) {
    }

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger reportsToRefuse = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        calls.add(new Call(exchange.getRequestMethod(), path, body));
        String reply = path.equals("/v2/subscriptions") ? "{\"id\":\"sub_1\",\"objectType\":\"SUBSCRIPTION\"}"
                : path.equals("/v2/reports") ? "{\"id\":\"rep_1\"}" : "{}";
        int status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
        if (path.equals("/v2/reports") && reportsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply = "{\"status\":503,\"detail\":\"still loading events\"}";
            status = 503;
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private EventAnswerer answerer(String via) {
        Options options = Options.parse("--base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--token", "t", "--ven-id", VEN, "--answer-events", "--events-via", via, "--complete-after", "1",
                "--mqtt-host", Infrastructure.mqtt().host(), "--mqtt-port", String.valueOf(Infrastructure.mqtt().port()));
        List<Device> fleet = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fleet.add(new Device("SIM-" + i, Device.TYPES[i], i));
        }
        return new EventAnswerer(options, HttpClient.newHttpClient(), "t", VEN, fleet);
    }

    private static String notification(String operation, String eventId, String targets, String modified) {
        return """
                {"objectType":"EVENT","operation":"%s","object":{"id":"%s","createdDateTime":"2026-12-01T10:00:00.000Z",
                 "modificationDateTime":"%s","objectType":"EVENT","programID":"prg_1","eventName":"Peak",
                 "targets":%s,"intervalPeriod":{"start":"2026-12-01T10:00:00Z","duration":"PT1H"},
                 "intervals":[{"id":0,"payloads":[{"type":"DISPATCH_SETPOINT","values":[-5.0]}]}]}}
                """.formatted(operation, eventId, modified, targets);
    }

    @Test
    void anMqttEventIsAnsweredAcceptedThenCompletedForTheResourcesItTargets() throws Exception {
        try (EventAnswerer answerer = answerer("mqtt"); MqttTestClient utility = MqttTestClient.connect()) {
            answerer.start();
            String topic = "texture/v2/" + VEN + "/events/";
            utility.publish(topic + "evt_1", notification("CREATE", "evt_1", "[\"SIM-1\"]", "2026-12-01T10:00:00.000Z"));
            List<JsonNode> evt1 = await(r -> r.path("eventID").asText().equals("evt_1"), 2);
            assertEquals(List.of("ACCEPTED", "COMPLETED"), evt1.stream().map(EventAnsweringTest::status).toList());
            for (JsonNode report : evt1) {
                assertEquals("prg_1", report.path("programID").asText());
                assertEquals(VEN, report.path("clientName").asText());
                assertEquals(List.of("SIM-1"), names(report));
                assertValidTelemetry(report);
            }

            // no targets: the whole fleet; the same version again: answered once; a DELETE withdraws COMPLETED
            String broadcast = notification("CREATE", "evt_2", "[]", "2026-12-01T10:01:00.000Z");
            utility.publish(topic + "evt_2", broadcast);
            utility.publish(topic + "evt_2", broadcast);
            utility.publish(topic + "evt_3", notification("CREATE", "evt_3", "[]", "2026-12-01T10:02:00.000Z"));
            utility.publish(topic + "evt_3", notification("DELETE", "evt_3", "[]", "2026-12-01T10:02:00.000Z"));
            await(r -> r.path("eventID").asText().equals("evt_2") && status(r).equals("COMPLETED"), 1);
            // the marker, sent only now: evt_4's COMPLETED is due a whole completion delay after evt_3's would
            // have been (reports are sent concurrently, so an event created at the same time would prove nothing)
            utility.publish(topic + "evt_4", notification("CREATE", "evt_4", "[]", "2026-12-01T10:03:00.000Z"));
            await(r -> r.path("eventID").asText().equals("evt_4") && status(r).equals("COMPLETED"), 1);
            List<JsonNode> evt2 = reports(r -> r.path("eventID").asText().equals("evt_2"));
            assertEquals(List.of("ACCEPTED", "COMPLETED"), evt2.stream().map(EventAnsweringTest::status).toList());
            assertEquals(List.of("SIM-0", "SIM-1", "SIM-2"), names(evt2.get(0)));
            assertEquals(List.of("ACCEPTED"), reports(r -> r.path("eventID").asText().equals("evt_3")).stream()
                    .map(EventAnsweringTest::status).toList());
        }
        // after the run: evt_1, evt_2, evt_4 twice each, evt_3 once (its COMPLETED withdrawn), nothing twice
        assertEquals(7, reports(r -> true).size());
    }

    @Test
    void aWebhookNotificationNeedsTheSubscriptionsBearerTokenAndIsAnswered() throws Exception {
        String callback;
        String bearer;
        try (EventAnswerer answerer = answerer("webhook")) {
            answerer.start();
            JsonNode subscription = JSON.readTree(calls.stream().filter(c -> c.path().equals("/v2/subscriptions"))
                    .findFirst().orElseThrow().body());
            JsonNode ops = subscription.at("/objectOperations/0");
            assertEquals(List.of("EVENT"), List.of(ops.at("/objects/0").asText()));
            callback = ops.get("callbackUrl").asText();
            bearer = ops.get("bearerToken").asText();
            assertEquals("http://localhost:" + answerer.webhookPort() + "/events", callback);
            assertTrue(bearer.length() >= 32, "a random bearer token of its own");

            HttpClient http = HttpClient.newHttpClient();
            String body = notification("CREATE", "evt_9", "[\"SIM-2\"]", "2026-12-01T10:09:00.000Z");
            assertEquals(401, post(http, callback, null, body));
            assertEquals(401, post(http, callback, "Bearer wrong", body));
            assertEquals(200, post(http, callback, "Bearer " + bearer, body));
            List<JsonNode> answers = await(r -> r.path("eventID").asText().equals("evt_9"), 2);
            assertEquals(List.of("ACCEPTED", "COMPLETED"), answers.stream().map(EventAnsweringTest::status).toList());
            assertEquals(List.of("SIM-2"), names(answers.get(0)));
        }
        assertTrue(calls.stream().anyMatch(c -> c.method().equals("DELETE") && c.path().equals("/v2/subscriptions/sub_1")),
                "the subscription is removed when the run ends");
    }

    @Test
    void aReportAnswered503IsSentAgainAfterItsRetryAfter() throws Exception {
        reportsToRefuse.set(1);
        try (EventAnswerer answerer = answerer("webhook")) {
            answerer.start();
            JsonNode ops = JSON.readTree(calls.stream().filter(c -> c.path().equals("/v2/subscriptions"))
                    .findFirst().orElseThrow().body()).at("/objectOperations/0");
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, post(http, ops.get("callbackUrl").asText(), "Bearer " + ops.get("bearerToken").asText(),
                    notification("CREATE", "evt_5", "[\"SIM-0\"]", "2026-12-01T10:05:00.000Z")));
            // the refused ACCEPTED, the same ACCEPTED again a second later, then COMPLETED
            List<JsonNode> answers = await(r -> r.path("eventID").asText().equals("evt_5"), 3);
            assertEquals(List.of("ACCEPTED", "ACCEPTED", "COMPLETED"),
                    answers.stream().map(EventAnsweringTest::status).toList());
            assertEquals(answers.get(0), answers.get(1), "the same report is sent again");
        }
    }

    private static int post(HttpClient http, String url, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<JsonNode> reports(Predicate<JsonNode> which) {
        List<JsonNode> out = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals("POST") && c.path().equals("/v2/reports")) {
                try {
                    JsonNode report = JSON.readTree(c.body());
                    if (which.test(report)) {
                        out.add(report);
                    }
                } catch (IOException e) {
                    throw new AssertionError("report is not JSON: " + c.body(), e);
                }
            }
        }
        return out;
    }

    private List<JsonNode> await(Predicate<JsonNode> which, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (reports(which).size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<JsonNode> found = reports(which);
        assertEquals(count, found.size(), "reports " + calls);
        return found;
    }

    private static String status(JsonNode report) {
        for (JsonNode p : report.at("/resources/0/intervals/0/payloads")) {
            if (p.path("type").asText().equals("x-telemetry:COMMAND_STATUS")) {
                return p.at("/values/0").asText();
            }
        }
        return null;
    }

    private static List<String> names(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("resources").forEach(r -> names.add(r.get("resourceName").asText()));
        return names;
    }

    /** Every resource's payloads pass the payload registry telemetry-ingest-service validates with. */
    private static void assertValidTelemetry(JsonNode report) {
        PayloadRegistry registry = PayloadRegistry.standard();
        for (JsonNode resource : report.get("resources")) {
            DeviceType type = DeviceType.valueOf(Device.TYPES[Integer.parseInt(
                    resource.get("resourceName").asText().substring(4))]);
            Set<String> present = new HashSet<>();
            for (JsonNode payload : resource.at("/intervals/0/payloads")) {
                String name = payload.get("type").asText();
                present.add(name);
                assertEquals(List.of(), registry.validate(type, name, payload.get("values")), type + " " + payload);
            }
            assertEquals(List.of(), registry.missingRequired(type, present), type.name());
        }
    }
}
