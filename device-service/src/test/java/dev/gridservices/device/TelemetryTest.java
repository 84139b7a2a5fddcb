package dev.gridservices.device;

import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oemServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gridservices.openadr.telemetry.TelemetryReading;
import dev.gridservices.device.service.ConnectivityMonitor;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.KafkaTestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Live state from telemetry.raw on the real broker, and the 72-hour connectivity rule (§10.6). */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class TelemetryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    MutableClock clock;

    @Inject
    ConnectivityMonitor monitor;

    /** A telemetry.reading v1 envelope as telemetry-ingest-service produces it: one interval, its payloads. */
    static String reading(String envelopeId, String org, String venId, String deviceId, Map<String, Object> payloads,
                          OffsetDateTime start, OffsetDateTime receivedAt) {
        TelemetryReading reading = new TelemetryReading(deviceId, venId, org, "BATTERY", start.toString(), "PT5M",
                null, null, "rep-" + envelopeId, payloads, receivedAt.toInstant());
        ObjectNode envelope = MAPPER.createObjectNode().put("id", envelopeId)
                .put("type", TelemetryReading.ENVELOPE_TYPE).put("version", TelemetryReading.ENVELOPE_VERSION)
                .put("occurredAt", receivedAt.toString()).put("tenant", org);
        envelope.set("payload", MAPPER.valueToTree(reading));
        return envelope.toString();
    }

    private static void send(String deviceId, String... records) {
        KafkaTestProducer.send("telemetry.raw", deviceId, records);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aReadingOnTheBrokerBecomesTheDevicesStateAndBadRecordsAreSurvived() {
        String org = newOrg();
        String[] battery = Api.registerBattery(org);
        String ven = battery[0];
        String device = battery[2];
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        String duplicated = id();
        send(device,
                "this is not json",
                "{\"id\":\"" + id() + "\",\"type\":\"telemetry.reading\",\"version\":1,\"payload\":{\"deviceId\":\"" + device + "\"}}",
                // Complete but for its payloads: nothing to apply.
                reading(id(), org, ven, device, Map.of(), t, t),
                "{\"id\":\"" + id() + "\",\"type\":\"something.else\",\"version\":1,\"payload\":{}}",
                // Another organization's reading for this device id is not applied.
                reading(id(), newOrg(), ven, device, Map.of("x-telemetry:BACKUP_RESERVE", 99), t, t),
                reading(duplicated, org, ven, device, Map.of("STORAGE_CHARGE_LEVEL", 40), t, t),
                // A redelivery of the same envelope id changes nothing, whatever it carries.
                reading(duplicated, org, ven, device, Map.of("STORAGE_CHARGE_LEVEL", 41), t.plusMinutes(5),
                        t.plusMinutes(5)),
                reading(id(), org, ven, device, Map.of("x-telemetry:CHARGING_STATE", "CHARGING"), t, t));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                oemServer(org).get("/v1/devices/" + device).then().statusCode(200)
                        .body("state.chargingState", equalTo("charging")));
        oemServer(org).get("/v1/devices/" + device).then()
                .body("state.chargePercentage", equalTo(40))
                .body("state.backupReserve", nullValue())
                .body("state.createdAt", equalTo(t.toString()))
                .body("connectivity.status", equalTo("online"))
                .body("lastSeen", notNullValue());

        // One reading carries several payloads; a newer one merges into the state, it does not replace it.
        send(device, reading(id(), org, ven, device, Map.of("STORAGE_CHARGE_LEVEL", 55,
                "x-telemetry:BACKUP_RESERVE", 20), t.plusMinutes(5), t.plusMinutes(5)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                oemServer(org).get("/v1/devices/" + device).then().body("state.chargePercentage", equalTo(55)));
        oemServer(org).get("/v1/devices/" + device).then()
                .body("state.backupReserve", equalTo(20))
                .body("state.chargingState", equalTo("charging"))
                .body("state.createdAt", equalTo(t.plusMinutes(5).toString()));

        // A late, older reading does not overwrite newer values, but fills in a type the state lacks;
        // the newer reading after it is the marker that it was processed.
        send(device, reading(id(), org, ven, device, Map.of("STORAGE_CHARGE_LEVEL", 10,
                        "x-telemetry:BACKUP_RESERVE", 5, "x-telemetry:GRID_STATUS", "ON_GRID"), t.minusHours(1), t),
                reading(id(), org, ven, device, Map.of("x-telemetry:CHARGING_STATE", "IDLE"), t.plusMinutes(6), t));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                oemServer(org).get("/v1/devices/" + device).then().body("state.chargingState", equalTo("idle")));
        oemServer(org).get("/v1/devices/" + device).then()
                .body("state.chargePercentage", equalTo(55))
                .body("state.backupReserve", equalTo(20))
                .body("state.gridStatus", equalTo("on_grid"));
    }

    @Test
    void aDeviceSilentForMoreThan72HoursLosesConnectivityOnceAndRegainsItOnTheNextReading() throws Throwable {
        String org = newOrg();
        String[] battery = Api.registerBattery(org);
        String device = battery[2];
        try {
            clock.advance(Duration.ofHours(71));
            sweep();
            oemServer(org).get("/v1/devices/" + device).then().body("connectivity.status", equalTo("never_seen"));

            clock.advance(Duration.ofHours(2));
            assertThat(sweep()).isGreaterThanOrEqualTo(1);
            oemServer(org).get("/v1/devices/" + device).then().body("connectivity.status", equalTo("lost"))
                    .body("connectivity.lostAt", notNullValue());
            // Raised once: a second sweep does not flag it again.
            sweep();
            JsonNode lost = awaitEvent("device.connectivityLost", device);
            assertThat(lost.path("payload").path("connectivityLost").asBoolean()).isTrue();

            OffsetDateTime now = OffsetDateTime.now(clock);
            send(device, reading(id(), org, battery[0], device, Map.of("STORAGE_CHARGE_LEVEL", 77), now, now));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    oemServer(org).get("/v1/devices/" + device).then().body("connectivity.status", equalTo("online"))
                            .body("state.chargePercentage", equalTo(77)));
            JsonNode restored = awaitEvent("device.connectivityRestored", device);
            assertThat(restored.path("payload").path("connectivityLost").asBoolean()).isFalse();
            assertThat(countEvents("device.connectivityLost", device)).isEqualTo(1);
        } finally {
            clock.reset();
        }
    }

    /** The sweep needs a Vert.x context (reactive transaction), as the scheduler gives it. */
    private int sweep() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> monitor.sweep());
    }

    static JsonNode awaitEvent(String type, String key) throws Exception {
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.await("devices.changed",
                r -> key.equals(r.key()) && type.equals(field(r.value(), "type")), Duration.ofSeconds(30));
        assertThat(records).as("%s for %s on devices.changed", type, key).isNotEmpty();
        return MAPPER.readTree(records.get(0).value());
    }

    /** How many records of {@code type} for {@code key}, read after the restored event (a later marker) arrived. */
    private static long countEvents(String type, String key) {
        List<ConsumerRecord<String, String>> all = new java.util.ArrayList<>();
        KafkaTestConsumer.await("devices.changed", r -> {
            if (key.equals(r.key())) {
                all.add(r);
            }
            return "device.connectivityRestored".equals(field(r.value(), "type")) && key.equals(r.key());
        }, Duration.ofSeconds(30));
        return all.stream().filter(r -> type.equals(field(r.value(), "type"))).count();
    }

    private static String field(String json, String name) {
        try {
            return MAPPER.readTree(json).path(name).asText();
        } catch (Exception e) {
            return "";
        }
    }
}
