package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Test vocabulary: fresh organizations and VENs, resources and events announced on the real topics as
 * device-service and dispatch-service would (then awaited in the read models), reports, callers.
 */
final class Fixtures {

    /** A valid payload set per device type (every required type, plausible values). */
    static final Map<DeviceType, String> VALID_PAYLOADS = Map.of(
            DeviceType.BATTERY, """
                    {"type":"STORAGE_CHARGE_LEVEL","values":[85]},{"type":"x-telemetry:CHARGE_RATE","values":[2400]},\
                    {"type":"x-telemetry:CHARGING_STATE","values":["CHARGING"]},{"type":"x-telemetry:BACKUP_RESERVE","values":[20]},\
                    {"type":"x-telemetry:GRID_STATUS","values":["IMPORTING"]}""",
            DeviceType.THERMOSTAT, """
                    {"type":"READING","values":[71.5]},{"type":"x-telemetry:OPERATING_MODE","values":["COOL"]},\
                    {"type":"x-telemetry:FAN_MODE","values":["AUTO"]},{"type":"x-telemetry:ALLOWED_MODES","values":["HEAT","COOL"]}""",
            DeviceType.EV_CHARGER, """
                    {"type":"x-telemetry:CHARGING_STATE","values":["CONNECTED"]},{"type":"x-telemetry:IS_PLUGGED_IN","values":[true]},\
                    {"type":"DEMAND","values":[7.2]},{"type":"x-telemetry:CHARGER_VOLTAGE","values":[240]}""",
            DeviceType.SOLAR_INVERTER, """
                    {"type":"x-telemetry:GENERATION_POWER","values":[4100]},{"type":"x-telemetry:GRID_POWER","values":[-1500]}""",
            DeviceType.VEHICLE, """
                    {"type":"x-telemetry:CHARGING_STATE","values":["CHARGING"]},{"type":"STORAGE_CHARGE_LEVEL","values":[64]},\
                    {"type":"x-telemetry:CHARGE_COMPLETED_AT","values":["2026-03-24T21:00:00Z"]}""",
            DeviceType.SMART_METER, """
                    {"type":"DEMAND","values":[-2.5]},{"type":"x-telemetry:VOLTAGE","values":[239.8]}""");

    /** device-service's /v1 {@code type} of each device type (its DeviceKind), carried next to deviceType. */
    private static final Map<String, String> CORE_TYPES = Map.of("BATTERY", "battery", "THERMOSTAT", "thermostat",
            "EV_CHARGER", "charger", "SOLAR_INVERTER", "inverter", "SMART_METER", "meter", "VEHICLE", "vehicle");

    private Fixtures() {
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A VEN of an OEM organization, with its token. */
    record Ven(String organizationId, String venId) {

        static Ven create() {
            return new Ven(newId("org_"), newId("ven_"));
        }

        String token() {
            return TestCredentials.bearerForVen(organizationId, venId, "write_reports", "read_ven_objects");
        }

        RequestSpecification caller() {
            return given().auth().oauth2(token()).contentType(ContentType.JSON).accept(ContentType.JSON);
        }

        /** Announces a resource on devices.changed and waits until the read model has it; returns its id. */
        String resource(String resourceName, DeviceType type, DeviceDirectory directory) {
            return resource(resourceName, type, "site_1", directory);
        }

        /** Like {@link #resource(String, DeviceType, DeviceDirectory)}, at {@code siteId}. */
        String resource(String resourceName, DeviceType type, String siteId, DeviceDirectory directory) {
            String id = newId("res_");
            announceResource(id, resourceName, venId, organizationId, type.name(), siteId);
            await().atMost(Duration.ofSeconds(20)).until(() -> directory.byId(id).isPresent());
            awaitCaughtUp();
            return id;
        }
    }

    /**
     * Waits for the catch-up gate: a record applied on one partition does not mean the start-up backlog of
     * the others is applied too, and until it is, reports are refused 503.
     */
    static void awaitCaughtUp() {
        ReadModelCatchUp gate = Arc.container().instance(ReadModelCatchUp.class).get();
        await().atMost(Duration.ofSeconds(20)).until(gate::isCaughtUp);
    }

    /** A {@code device.created} record exactly as device-service's DeviceEvents publishes it. */
    static void announceResource(String id, String resourceName, String venId, String organizationId, String type) {
        announceResource(id, resourceName, venId, organizationId, type, "site_1");
    }

    static void announceResource(String id, String resourceName, String venId, String organizationId, String type,
                                 String siteId) {
        KafkaTestProducer.send("devices.changed", id, envelope("device.created", organizationId, """
                {"deviceId":"%s","resourceName":"%s","venId":"%s","organizationId":"%s","workspaceId":"wsp_1",\
                "siteId":"%s","deviceType":"%s","type":"%s","manufacturer":"Acme","manufacturerDeviceId":"%s",\
                "model":null,"serialNumber":null,"targets":[],"tags":[],"connectivityLost":false,\
                "connectivityLostAt":null,"lastSeen":null,"deleted":false,"updatedAt":"%s"}"""
                .formatted(id, resourceName, venId, organizationId, siteId, type, CORE_TYPES.getOrDefault(type, "unknown"),
                        resourceName, Instant.now())));
    }

    /** A {@code site.created} record exactly as device-service's DeviceEvents publishes it ({@code iso} may be null). */
    static void announceSite(String siteId, String organizationId, String customerId, String iso) {
        KafkaTestProducer.send("devices.changed", siteId, envelope("site.created", organizationId, """
                {"siteId":"%s","organizationId":"%s","workspaceId":"wsp_1","venId":null,"customerId":"%s",\
                "state":"TX","postalCode":"78701","latitude":30.27,"longitude":-97.74,"timezone":"America/Chicago",\
                "territoryOutcome":"MATCHED","utilityId":null,"utilityEiaId":null,"utilityName":null,"ccaName":null,\
                "iso":%s,"programEligible":false,"deleted":false,"updatedAt":"%s"}"""
                .formatted(siteId, organizationId, customerId, iso == null ? "null" : "\"" + iso + "\"", Instant.now())));
    }

    /**
     * An event change exactly as dispatch-service's EventFanout records it on {@code events.dispatched}:
     * one {@code event.changed} (key = event id; {@code venIDs} = the VENs its {@code targets} resolved
     * to) and one {@code event.dispatched} per reached VEN (key = VEN id), which this service ignores.
     * Waits until the read model has the event.
     */
    static void announceEvent(String eventId, String programId, String utilityOrg, List<String> venIds,
                              List<String> targets, EventDirectory directory) {
        sendEventChange(eventId, programId, utilityOrg, "CREATE", venIds, targets);
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(eventId).isPresent());
    }

    /** The {@code DELETE} change of an announced event; waits until the read model dropped it. */
    static void deleteEvent(String eventId, String programId, String utilityOrg, List<String> venIds,
                            List<String> targets, EventDirectory directory) {
        sendEventChange(eventId, programId, utilityOrg, "DELETE", venIds, targets);
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(eventId).isEmpty());
    }

    static void sendEventChange(String eventId, String programId, String utilityOrg, String operation,
                                        List<String> venIds, List<String> targets) {
        KafkaTestProducer.send("events.dispatched", eventId,
                eventChanged(eventId, programId, utilityOrg, operation, venIds, targets));
        for (String venId : venIds) {
            KafkaTestProducer.send("events.dispatched", venId,
                    eventDispatched(venId, eventId, programId, utilityOrg, operation, List.of(venId)));
        }
    }

    /** EventFanout's {@code event.changed} envelope (tenant = the event's utility organization). */
    static String eventChanged(String eventId, String programId, String utilityOrg, String operation,
                               List<String> venIds, List<String> targets) {
        return envelope("event.changed", utilityOrg, """
                {"eventID":"%s","programID":"%s","operation":"%s","venIDs":[%s],"event":%s}"""
                .formatted(eventId, programId, operation, quoted(venIds), openAdrEvent(eventId, programId, targets)));
    }

    /** EventFanout's {@code event.dispatched} envelope: the event as one VEN sees it. */
    static String eventDispatched(String venId, String eventId, String programId, String utilityOrg, String operation,
                                  List<String> visibleTargets) {
        return envelope("event.dispatched", utilityOrg, """
                {"venID":"%s","programID":"%s","operation":"%s","event":%s}"""
                .formatted(venId, programId, operation, openAdrEvent(eventId, programId, visibleTargets)));
    }

    /** dispatch-service's EventMapper.toOpenAdr: the stored eventRequest plus id, timestamps and objectType. */
    private static String openAdrEvent(String eventId, String programId, List<String> targets) {
        String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        return """
                {"id":"%s","createdDateTime":"%s","modificationDateTime":"%s","objectType":"EVENT",\
                "programID":"%s","eventName":"test event","priority":0,"targets":[%s],\
                "intervalPeriod":{"start":"%s","duration":"PT1H"},\
                "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"SIMPLE"}],\
                "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[1]}]}]}"""
                .formatted(eventId, at, at, programId, quoted(targets), at);
    }

    static String envelope(String type, String tenant, String payload) {
        return """
                {"id":"%s","type":"%s","version":1,"occurredAt":"%s","tenant":"%s","aggregateVersion":null,"payload":%s}"""
                .formatted(UUID.randomUUID(), type, Instant.now(), tenant, payload);
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A report of one resource with one point-in-time interval carrying {@code payloads} (JSON list items). */
    static String report(String clientName, String eventId, String resourceName, String start, String payloads) {
        return """
                {"eventID":%s,"clientName":"%s","reportName":"test","payloadDescriptors":[\
                {"objectType":"REPORT_PAYLOAD_DESCRIPTOR","payloadType":"STORAGE_CHARGE_LEVEL","units":"PERCENT","readingType":"DIRECT_READ"}],\
                "resources":[{"resourceName":"%s","intervalPeriod":{"start":"%s","duration":"PT0S"},\
                "intervals":[{"id":0,"payloads":[%s]}]}]}"""
                .formatted(eventId == null ? "null" : "\"" + eventId + "\"", clientName, resourceName, start, payloads);
    }

    static String batteryReport(Ven ven, String resourceName) {
        return report(ven.venId(), null, resourceName, now(), VALID_PAYLOADS.get(DeviceType.BATTERY));
    }
}
