package dev.gridservices.e2e;

import static dev.gridservices.e2e.Edge.withKey;
import static dev.gridservices.e2e.Edge.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.seed.DemoTenant;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The golden path of the README, through the gateway only, with the seeded utility and OEM organizations:
 * the OEM registers a site and a battery, pushes telemetry and enrolls the battery with consent; the utility
 * sees its fleet's capacity and creates an event; the OEM's VEN receives it by webhook and by MQTT and answers
 * ACCEPTED then COMPLETED; the utility sees the responses. Then what a certification reviewer tries: the OEM's
 * other devices stay invisible to the utility, a second OEM sees nothing, and a revoked device stops receiving
 * events and drops out of capacity within seconds.
 */
@Order(3)
class GoldenPathIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> DENVER =
            Map.of("street", "1600 Glenarm Pl", "city", "Denver", "state", "CO", "zip", "80202");

    private static LocalStack stack;
    private static DemoTenant demo;
    private static HttpServer receiver;
    private static final List<Delivery> webhooks = new CopyOnWriteArrayList<>();
    private static final Vertx vertx = Vertx.vertx();

    /** One webhook request as the receiver saw it. */
    record Delivery(String path, String authorization, String webhookId, JsonNode body) {
    }

    @BeforeAll
    static void start() throws IOException {
        stack = SuiteStack.get();
        demo = stack.demoTenant().orElseThrow(() -> new AssertionError("the launcher did not seed the demo data"));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                webhooks.add(new Delivery(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void theUtilityDispatchesTheOemsEnrolledBatteryAndSeesItAnswer() throws Exception {
        DemoTenant.Oem oem = demo.oem();
        DemoTenant.Utility utility = demo.utility();
        String programId = demo.program().id();
        String venToken = Edge.token(stack, oem.clientId(), oem.clientSecret());
        String utilityToken = Edge.token(stack, utility.clientId(), utility.clientSecret());

        // 1. the OEM's VEN client registers a site and a battery, and a second battery it will not enroll
        Battery battery = Battery.register(venToken, oem.venId(), "golden");
        Battery unenrolled = Battery.register(venToken, oem.venId(), "golden-unenrolled");

        // 2. it pushes telemetry (accepted once telemetry-ingest has learnt the resource from devices.changed)
        battery.report(venToken, oem.venId(), 80, null, null);
        // 3. and enrolls the battery with the customer's consent into the program the utility offered
        JsonPath before = capacity(utilityToken, programId);
        String enrollmentId = battery.enroll(venToken, programId);

        // the utility's capacity figure grows by exactly the battery: 5 kW available, 13.5 kWh × 80 % stored
        awaitCapacity(utilityToken, programId, before, 5.0, 10.8);
        JsonPath own = capacity(venToken, programId);
        assertThat(own.getString("scope")).isEqualTo("oem");
        assertThat(own.getInt("total.devices")).isPositive();

        // 4. the utility sees the enrolled battery — never the OEM's other one
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                withKey(stack, utility.serverKey()).get("/v1/devices/" + battery.id).then().statusCode(200));
        withKey(stack, utility.serverKey()).get("/v1/devices")
                .then().statusCode(200)
                .body("data.id", hasItem(battery.id))
                .body("data.id", not(hasItem(unenrolled.id)));
        withKey(stack, utility.serverKey()).get("/v1/devices/" + unenrolled.id).then().statusCode(404);

        // 5. the OEM subscribes its VEN: a webhook and an MQTT session
        String subscriptionId = subscribe(venToken, programId, "/golden", "golden-bearer");
        List<MqttPublishMessage> mqtt = connectMqtt(oem.venId(), venToken);

        // 6. the utility creates an event in its program
        String eventId = createEvent(utilityToken, programId, -5);

        // 7. the VEN receives it by webhook (with the subscription's bearer token) and by MQTT, and can read it
        Delivery hook = awaitWebhook("/golden", eventId);
        assertThat(hook.authorization()).isEqualTo("Bearer golden-bearer");
        assertThat(hook.webhookId()).isNotBlank();
        assertThat(hook.body().get("operation").asText()).isEqualTo("CREATE");
        await().atMost(WITHIN_SECONDS).until(() -> mqtt.stream().anyMatch(m ->
                m.topicName().equals("texture/v2/" + oem.venId() + "/events/" + eventId)));
        JsonNode notification = JSON.readTree(mqtt.stream()
                .filter(m -> m.topicName().endsWith("/events/" + eventId)).findFirst().orElseThrow()
                .payload().toString());
        assertThat(notification.get("operation").asText()).isEqualTo("CREATE");
        assertThat(notification.get("object").get("programID").asText()).isEqualTo(programId);
        withToken(stack, venToken).get("/v2/events/" + eventId)
                .then().statusCode(200).body("programID", equalTo(programId));

        // 8. the VEN answers ACCEPTED, then COMPLETED; the utility sees the responses
        battery.report(venToken, oem.venId(), 78, eventId, "ACCEPTED");
        awaitResponse(utilityToken, eventId, battery.id, "ACCEPTED");
        battery.report(venToken, oem.venId(), 70, eventId, "COMPLETED");
        JsonPath responses = awaitResponse(utilityToken, eventId, battery.id, "COMPLETED");
        assertThat(responses.getInt("counts.COMPLETED")).isGreaterThanOrEqualTo(1);
        withToken(stack, venToken).get("/v2/x-texture/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200).body("deliveries.eventID", hasItem(eventId));

        // 9. a second OEM organization sees nothing of it: not the event, not the responses, not the devices
        Edge.Organization other = Edge.organization(stack, "oem");
        String otherToken = Edge.token(stack, Edge.ven(stack, other.id(), other.serverKey(), Edge.OEM_SCOPES));
        withToken(stack, otherToken).get("/v2/events").then().statusCode(200).body("id", not(hasItem(eventId)));
        withToken(stack, otherToken).get("/v2/events/" + eventId).then().statusCode(404);
        withToken(stack, otherToken).get("/v2/resources/" + battery.id).then().statusCode(404);
        withToken(stack, otherToken).get("/v2/x-texture/enrollments/" + enrollmentId).then().statusCode(404);
        withKey(stack, other.serverKey()).get("/v1/devices/" + battery.id).then().statusCode(404);
        assertThat(withToken(stack, otherToken).get("/v2/x-texture/events/" + eventId + "/responses").statusCode())
                .isIn(403, 404);
        withToken(stack, otherToken).get("/v2/x-texture/programs/" + programId + "/capacity").then().statusCode(404);
    }

    @Test
    void aRevokedDeviceStopsReceivingEvents() throws Exception {
        DemoTenant.Oem oem = demo.oem();
        DemoTenant.Utility utility = demo.utility();
        String programId = demo.program().id();
        String utilityToken = Edge.token(stack, utility.clientId(), utility.clientSecret());
        // two VENs of the OEM, one battery each, both enrolled and subscribed
        Edge.Ven kept = Edge.ven(stack, oem.organizationId(), oem.serverKey(), Edge.OEM_SCOPES);
        Edge.Ven revoked = Edge.ven(stack, oem.organizationId(), oem.serverKey(), Edge.OEM_SCOPES);
        String keptToken = Edge.token(stack, kept);
        String revokedToken = Edge.token(stack, revoked);
        Battery keptBattery = Battery.register(keptToken, kept.id(), "kept");
        Battery revokedBattery = Battery.register(revokedToken, revoked.id(), "revoked");
        keptBattery.report(keptToken, kept.id(), 60, null, null);
        revokedBattery.report(revokedToken, revoked.id(), 60, null, null);
        JsonPath before = capacity(utilityToken, programId);
        keptBattery.enroll(keptToken, programId);
        String revokedEnrollment = revokedBattery.enroll(revokedToken, programId);
        awaitCapacity(utilityToken, programId, before, 10.0, 2 * 8.1);
        String keptSubscription = subscribe(keptToken, programId, "/kept", "kept-bearer");
        String revokedSubscription = subscribe(revokedToken, programId, "/revoked", "revoked-bearer");

        // both hear the first event
        String first = createEvent(utilityToken, programId, -3);
        awaitWebhook("/kept", first);
        awaitWebhook("/revoked", first);

        // the utility ends the enrollment: the device is revoked; within seconds its VEN no longer sees the
        // program's events at all
        withKey(stack, utility.serverKey()).delete("/v1/enrollments/" + revokedEnrollment).then().statusCode(204);
        await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                withToken(stack, revokedToken).get("/v2/events/" + first).then().statusCode(404));
        // and drops out of the program's capacity: only the kept battery still adds to it
        awaitCapacity(utilityToken, programId, before, 5.0, 8.1);

        // the next event reaches the VEN still enrolled (the positive marker) and not the revoked one: its
        // subscription has no delivery for it (deliveries are recorded in the event's own transaction), and
        // its receiver got nothing for it
        String second = createEvent(utilityToken, programId, -4);
        awaitWebhook("/kept", second);
        withToken(stack, keptToken).get("/v2/x-texture/subscriptions/" + keptSubscription + "/deliveries")
                .then().statusCode(200).body("deliveries.eventID", hasItem(second));
        withToken(stack, revokedToken).get("/v2/x-texture/subscriptions/" + revokedSubscription + "/deliveries")
                .then().statusCode(200)
                .body("deliveries.eventID", hasItem(first))
                .body("deliveries.eventID", not(hasItem(second)));
        assertThat(webhooks).filteredOn(d -> d.path().equals("/revoked"))
                .extracting(d -> d.body().get("object").get("id").asText())
                .contains(first).doesNotContain(second);
        // and the utility no longer sees the revoked device
        await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                withKey(stack, utility.serverKey()).get("/v1/devices/" + revokedBattery.id).then().statusCode(404));
        withKey(stack, utility.serverKey()).get("/v1/devices/" + keptBattery.id).then().statusCode(200);
    }

    /** A battery at its own Denver site, registered by a VEN's client. */
    private record Battery(String id, String resourceName, String siteId) {

        static Battery register(String token, String venId, String prefix) {
            String siteId = withToken(stack, token)
                    .body(Map.of("name", prefix + " home", "address", DENVER))
                    .post("/v2/x-texture/sites")
                    .then().statusCode(201).body("territoryMatch.outcome", equalTo("matched"))
                    .extract().path("id");
            String resourceName = Edge.unique(prefix);
            Map<String, Object> body = Edge.battery(venId, resourceName, siteId, 5, 13500);
            String id = withToken(stack, token).body(body).post("/v2/resources")
                    .then().statusCode(201).body("objectType", equalTo("VEN_RESOURCE")).extract().path("id");
            return new Battery(id, resourceName, siteId);
        }

        /** A reading (and, with an event, the command status); retried while the resource is still unknown. */
        void report(String token, String venId, int chargePercent, String eventId, String commandStatus) {
            String status = commandStatus == null ? ""
                    : ",{\"type\":\"x-telemetry:COMMAND_STATUS\",\"values\":[\"" + commandStatus + "\"]}";
            String body = """
                    {"eventID":%s,"clientName":"%s","reportName":"golden-path","resources":[{"resourceName":"%s",\
                    "intervalPeriod":{"start":"%s","duration":"PT0S"},"intervals":[{"id":0,"payloads":[\
                    {"type":"STORAGE_CHARGE_LEVEL","values":[%d]},\
                    {"type":"x-telemetry:CHARGING_STATE","values":["%s"]}%s]}]}]}"""
                    .formatted(eventId == null ? "null" : "\"" + eventId + "\"", venId, resourceName,
                            Instant.now().truncatedTo(ChronoUnit.MILLIS), chargePercent,
                            eventId == null ? "IDLE" : "DISCHARGING", status);
            await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Response report = withToken(stack, token).body(body).post("/v2/reports");
                assertThat(report.statusCode()).as(report.asString()).isEqualTo(201);
            });
        }

        /** Enrolls with consent; enrollment-service learns devices and sites from events, so 404 is retried. */
        String enroll(String token, String programId) {
            Map<String, Object> enrollment = Map.of("resourceID", id, "siteID", siteId, "programID", programId,
                    "consent", Map.of("optIn", true, "timestamp", Instant.now().minusSeconds(60).toString(),
                            "source", "device_app", "termsVersion", "v1", "scope", List.of("demand_response")));
            Response created = await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).until(
                    () -> withToken(stack, token).body(enrollment).post("/v2/x-texture/enrollments"),
                    response -> response.statusCode() != 404);
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            assertThat(created.jsonPath().getString("state")).isIn("enrolled", "active");
            return created.path("id");
        }
    }

    private String subscribe(String token, String programId, String path, String bearer) {
        String callback = "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
        return withToken(stack, token)
                .body(Map.of("clientName", "golden-path", "programID", programId,
                        "objectOperations", List.of(Map.of("objects", List.of("EVENT"),
                                "operations", List.of("CREATE", "UPDATE", "DELETE"),
                                "callbackUrl", callback, "bearerToken", bearer))))
                .post("/v2/subscriptions")
                .then().statusCode(201).extract().path("id");
    }

    /** The VEN's MQTT session (token as username, venID as client id), subscribed to its events. */
    private static List<MqttPublishMessage> connectMqtt(String venId, String token) throws Exception {
        URI broker = URI.create(stack.mqttUrl());
        List<MqttPublishMessage> received = new CopyOnWriteArrayList<>();
        MqttClient client = MqttClient.create(vertx,
                new MqttClientOptions().setClientId(venId + ":golden").setUsername(token).setPassword(""));
        client.publishHandler(received::add);
        client.connect(broker.getPort(), broker.getHost()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        client.subscribe("texture/v2/" + venId + "/events/#", 1).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return received;
    }

    private static String createEvent(String utilityToken, String programId, double kw) {
        String body = """
                {"programID":"%s","eventName":"Golden path peak","priority":1,
                 "intervalPeriod":{"start":"%s","duration":"PT1H"},
                 "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"DISPATCH_SETPOINT",
                                        "units":"KW"}],
                 "intervals":[{"id":0,"payloads":[{"type":"DISPATCH_SETPOINT","values":[%s]}]}]}"""
                .formatted(programId, Instant.now().truncatedTo(ChronoUnit.SECONDS), kw);
        return withToken(stack, utilityToken).body(body).post("/v2/events")
                .then().statusCode(201).body("objectType", equalTo("EVENT")).extract().path("id");
    }

    private static Delivery awaitWebhook(String path, String eventId) {
        await().atMost(WITHIN_SECONDS).until(() -> webhooks.stream().anyMatch(d -> matches(d, path, eventId)));
        return webhooks.stream().filter(d -> matches(d, path, eventId)).findFirst().orElseThrow();
    }

    private static boolean matches(Delivery d, String path, String eventId) {
        return d.path().equals(path) && eventId.equals(d.body().path("object").path("id").asText());
    }

    private static JsonPath capacity(String token, String programId) {
        return withToken(stack, token).get("/v2/x-texture/programs/" + programId + "/capacity")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the program's capacity is {@code before} plus exactly {@code kw} available and {@code kwh} stored. */
    private static void awaitCapacity(String token, String programId, JsonPath before, double kw, double kwh) {
        double kwBefore = before.getDouble("total.availableDischargeKw");
        double kwhBefore = before.getDouble("total.storedKwh");
        await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath now = capacity(token, programId);
            assertThat(now.getDouble("total.availableDischargeKw")).isCloseTo(kwBefore + kw, within(0.001));
            assertThat(now.getDouble("total.storedKwh")).isCloseTo(kwhBefore + kwh, within(0.001));
        });
    }

    private static JsonPath awaitResponse(String utilityToken, String eventId, String deviceId, String status) {
        String query = "devices.find { it.deviceId == '" + deviceId + "' }.status";
        await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> status.equals(
                withToken(stack, utilityToken).get("/v2/x-texture/events/" + eventId + "/responses")
                        .jsonPath().getString(query)));
        return withToken(stack, utilityToken).get("/v2/x-texture/events/" + eventId + "/responses").jsonPath();
    }
}
