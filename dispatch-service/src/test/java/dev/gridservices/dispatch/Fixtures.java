package dev.gridservices.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.MqttTestClient;
import dev.gridservices.testkit.auth.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Puts other services' facts on the real broker (programs.changed, enrollment.changed, devices.changed,
 * telemetry.raw) and waits until this service has applied them, by reading its read-model tables; and the
 * setup and waiting the tests share (a program with an OEM, subscriptions, MQTT notifications).
 */
final class Fixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String[] VEN_SCOPES = {"read_events", "read_targets", "write_subscriptions", "write_reports"};

    private Fixtures() {
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static RequestSpecification utility(String org) {
        return token(TestCredentials.bearer(org, "write_events", "read_all", "write_programs"));
    }

    static RequestSpecification ven(String org, String venId) {
        return token(TestCredentials.bearerForVen(org, venId, VEN_SCOPES));
    }

    static RequestSpecification token(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /**
     * Where most tests start: a utility organization, its program known to dispatch, and an OEM organization
     * whose devices enroll in it.
     */
    record Scenario(String utility, String oem, String programId) {

        /** A new VEN of the OEM with one device enrolled in the program; returns the VEN id. */
        String enrolledVen() {
            String venId = id("ven");
            enrolledDevice(venId);
            return venId;
        }

        /** A new device of {@code venId} enrolled in the program; returns the device id. */
        String enrolledDevice(String venId) {
            return Fixtures.enrolledDevice(programId, utility, oem, venId);
        }

        /** An enrollment fact of the OEM's device in the program (see {@link Fixtures#enrollment}). */
        void enrollment(String enrollmentId, long sequence, String state, String venId, String deviceId,
                        String resourceName) {
            Fixtures.enrollment(enrollmentId, sequence, state, programId, utility, oem, venId, deviceId, resourceName);
        }

        /**
         * A device of {@code venId} enrolled in the program and announced on devices.changed under
         * {@code resourceName} with {@code tagsJson} (at a site of its own); returns the device id.
         */
        String knownDevice(String venId, String resourceName, String tagsJson) {
            String deviceId = id("res");
            enrollment(id("enr"), 1, "enrolled", venId, deviceId, resourceName);
            device("device.created", deviceId, resourceName, venId, oem, id("site"), tagsJson);
            return deviceId;
        }

        /** The utility creates an OpenADR event on the program (201); returns its id. */
        String createEvent(String targets, double setpoint) {
            return Fixtures.utility(utility).body(event(programId, targets, setpoint)).post("/v2/events").then()
                    .statusCode(201).extract().jsonPath().get("id");
        }
    }

    /** A new utility with a program known to dispatch, and a new OEM organization. */
    static Scenario scenario() {
        Scenario s = new Scenario(id("utl"), id("oem"), id("prg"));
        program(s.programId(), s.utility());
        return s;
    }

    /** A program owned by {@code utilityOrg}, known to dispatch. */
    static void program(String programId, String utilityOrg) {
        String envelope = """
                {"id":"%s","type":"program.created","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"programId":"%s","slug":"p","openadrProgramId":"%s","organizationId":"%s",
                            "visibility":"private","active":true,"updatedAt":"%s"}}
                """.formatted(UUID.randomUUID(), Instant.now(), utilityOrg, programId, programId, utilityOrg,
                Instant.now());
        KafkaTestProducer.send("programs.changed", programId, envelope);
        awaitRow("SELECT 1 FROM known_program WHERE program_id = ?", programId);
    }

    /** A program instance of {@code programId}, owned by {@code utilityOrg} (programs.changed programInstance.*). */
    static void instance(String type, String instanceId, String programId, String utilityOrg, String workspaceId) {
        String envelope = """
                {"id":"%s","type":"%s","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"instanceId":"%s","programId":"%s","programSlug":"p","openadrProgramId":"%s",
                            "organizationId":"%s","workspaceId":%s,"status":"active","acceptingEnrollments":true,
                            "programActive":true,"states":["CA"],"eligibilityCriteria":{},"startDate":null,
                            "endDate":null,"updatedAt":"%s"}}
                """.formatted(UUID.randomUUID(), type, Instant.now(), utilityOrg, instanceId, programId, programId,
                utilityOrg, workspaceId == null ? "null" : "\"" + workspaceId + "\"", Instant.now());
        KafkaTestProducer.send("programs.changed", programId, envelope);
        awaitRow("SELECT 1 FROM known_instance WHERE instance_id = ? AND deleted = "
                + type.equals("programInstance.deleted"), instanceId);
    }

    /** Rows of {@code sql} with one parameter. */
    static long count(String sql, String param) throws SQLException {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                Infrastructure.postgres().username(), "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static RequestSpecification apiKey(String key) {
        return given().header("Texture-Api-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A VEN with a name, as device-service announces it on devices.changed. */
    static void venNamed(String venId, String venName, String oemOrg) {
        String envelope = """
                {"id":"%s","type":"ven.created","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"venId":"%s","organizationId":"%s","venName":"%s","deleted":false,"updatedAt":"%s"}}
                """.formatted(UUID.randomUUID(), Instant.now(), oemOrg, venId, oemOrg, venName, Instant.now());
        KafkaTestProducer.send("devices.changed", venId, envelope);
        awaitRow("SELECT 1 FROM known_ven WHERE ven_id = ?", venId);
    }

    /** A device (resource) snapshot as device-service announces it on devices.changed (DeviceEvents.DeviceChanged). */
    static void device(String type, String deviceId, String resourceName, String venId, String oemOrg, String siteId,
                       String tagsJson) {
        boolean deleted = type.equals("device.deleted");
        String envelope = """
                {"id":"%s","type":"%s","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"deviceId":"%s","resourceName":"%s","venId":"%s","organizationId":"%s",
                            "workspaceId":null,"siteId":"%s","deviceType":"BATTERY","type":"battery",
                            "manufacturer":"m","manufacturerDeviceId":"x","model":"m1","serialNumber":"s",
                            "targets":[],"tags":%s,"connectivityLost":false,"connectivityLostAt":null,
                            "lastSeen":null,"deleted":%s,"updatedAt":"%s"}}
                """.formatted(UUID.randomUUID(), type, Instant.now(), oemOrg, deviceId, resourceName, venId, oemOrg,
                siteId, tagsJson, deleted, Instant.now());
        KafkaTestProducer.send("devices.changed", deviceId, envelope);
        awaitRow("SELECT 1 FROM known_device WHERE device_id = ? AND deleted = " + deleted, deviceId);
    }

    /** A site snapshot on devices.changed (DeviceEvents.SiteChanged). */
    static void site(String type, String siteId, String venId, String oemOrg) {
        boolean deleted = type.equals("site.deleted");
        String envelope = """
                {"id":"%s","type":"%s","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"siteId":"%s","organizationId":"%s","workspaceId":null,"venId":"%s","customerId":null,
                            "state":"CA","postalCode":"94105","latitude":null,"longitude":null,
                            "timezone":"America/Los_Angeles","territoryOutcome":"matched","utilityId":null,
                            "utilityEiaId":null,"utilityName":null,"ccaName":null,"iso":null,
                            "programEligible":true,"deleted":%s,"updatedAt":"%s"}}
                """.formatted(UUID.randomUUID(), type, Instant.now(), oemOrg, siteId, oemOrg, venId, deleted,
                Instant.now());
        KafkaTestProducer.send("devices.changed", siteId, envelope);
        awaitRow("SELECT 1 FROM known_site WHERE site_id = ? AND deleted = " + deleted, siteId);
    }

    /** The VEN ids of an event change as recorded on the outbox (event.changed venIDs), in its transaction. */
    static List<String> reachedVens(String eventId, String operation) throws SQLException {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                Infrastructure.postgres().username(), "");
             PreparedStatement ps = c.prepareStatement("SELECT envelope FROM outbox_message WHERE message_key = ? "
                     + "AND type = 'event.changed' ORDER BY seq")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode payload = MAPPER.readTree(rs.getString(1)).path("payload");
                    if (operation.equals(payload.path("operation").asText())) {
                        List<String> out = new ArrayList<>();
                        payload.path("venIDs").forEach(v -> out.add(v.asText()));
                        return out;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no event.changed " + operation + " recorded for " + eventId);
    }

    /** An enrollment fact; waits until the read model holds at least this sequence. */
    static void enrollment(String enrollmentId, long sequence, String state, String programId, String utilityOrg,
                           String oemOrg, String venId, String deviceId, String resourceName) {
        boolean ended = !state.equals("enrolled") && !state.equals("active") && !state.equals("pending");
        String type = sequence == 1 ? "enrollment.created" : ended ? "enrollment.ended" : "enrollment.updated";
        String envelope = """
                {"id":"%s","type":"%s","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"enrollmentId":"%s","kind":"direct","sequence":%d,"state":"%s","programId":"%s",
                            "openadrProgramId":"%s","utilityOrganizationId":"%s","oemOrganizationId":"%s",
                            "venId":"%s","deviceId":"%s","resourceName":"%s","deviceType":"BATTERY",
                            "ended":%s}}
                """.formatted(UUID.randomUUID(), type, Instant.now(), utilityOrg, enrollmentId, sequence, state,
                programId, programId, utilityOrg, oemOrg, venId, deviceId, resourceName, ended);
        KafkaTestProducer.send("enrollment.changed", deviceId, envelope);
        awaitRow("SELECT 1 FROM dispatch_enrollment WHERE enrollment_id = ? AND sequence >= " + sequence,
                enrollmentId);
    }

    /** An enrolled device of {@code venId} in {@code programId}. */
    static String enrolledDevice(String programId, String utilityOrg, String oemOrg, String venId) {
        String device = id("res");
        enrollment(id("enr"), 1, "enrolled", programId, utilityOrg, oemOrg, venId, device, "name-" + device);
        return device;
    }

    static void awaitRow(String sql, String param) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> exists(sql, param));
    }

    static boolean exists(String sql, String param) throws SQLException {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                Infrastructure.postgres().username(), "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A webhook subscription to the program's events (CREATE, UPDATE, DELETE); {@code contactEmail} may be null. */
    static String subscription(String programId, String url, String token, String contactEmail) {
        return """
                {"clientName":"ven-client","programID":"%s",%s
                 "objectOperations":[{"objects":["EVENT"],"operations":["CREATE","UPDATE","DELETE"],
                                      "callbackUrl":"%s","bearerToken":"%s"}]}
                """.formatted(programId, contactEmail == null ? "" : "\"contactEmail\":\"" + contactEmail + "\",",
                url, token);
    }

    /** The VEN subscribes {@code url} to the program's events (201); returns the subscription id. */
    static String subscribe(String oem, String venId, String programId, String url, String token,
                            String contactEmail) {
        return ven(oem, venId).body(subscription(programId, url, token, contactEmail)).post("/v2/subscriptions")
                .then().statusCode(201).extract().jsonPath().get("id");
    }

    /** A device's answer to an event on telemetry.raw (x-telemetry:COMMAND_STATUS, optionally a failure reason). */
    static String commandStatus(String deviceId, String eventId, String status, String failureReason) {
        String payloads = "\"x-telemetry:COMMAND_STATUS\":\"" + status + "\""
                + (failureReason == null ? "" : ",\"x-telemetry:COMMAND_FAILURE_REASON\":\"" + failureReason + "\"");
        return """
                {"id":"%s","type":"telemetry.reading","version":1,"occurredAt":"%s","tenant":"oem-1",
                 "payload":{"deviceId":"%s","venId":"ven-1","organizationId":"oem-1","deviceType":"BATTERY",
                            "start":"%s","duration":"PT0S","eventId":"%s","programId":"p","reportId":"r",
                            "payloads":{%s},"receivedAt":"%s"}}
                """.formatted(UUID.randomUUID(), Instant.now(), deviceId, Instant.now(), eventId, payloads,
                Instant.now());
    }

    /**
     * Waits for the MQTT notification of {@code operation} on {@code eventId} (to {@code venId}'s topic, or any
     * VEN's when null) and returns it.
     */
    static JsonNode awaitNotification(MqttTestClient client, String venId, String eventId, String operation) {
        JsonNode[] found = {null};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MqttTestClient.Received r : client.received()) {
                if (!r.topic().endsWith("/events/" + eventId)
                        || (venId != null && !r.topic().startsWith("texture/v2/" + venId + "/"))) {
                    continue;
                }
                JsonNode n = MAPPER.readTree(r.payload());
                if (operation.equals(n.path("operation").asText())) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        });
        assertThat(found[0].path("objectType").asText()).isEqualTo("EVENT");
        assertThat(found[0].at("/object/id").asText()).isEqualTo(eventId);
        return found[0];
    }

    /** A minimal valid eventRequest with one DISPATCH_SETPOINT interval. */
    static String event(String programId, String targets, double setpoint) {
        return """
                {"programID":"%s","eventName":"Peak reduction","priority":1,"targets":%s,
                 "intervalPeriod":{"start":"%s","duration":"PT1H"},
                 "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"DISPATCH_SETPOINT",
                                        "units":"KW"}],
                 "intervals":[{"id":0,"payloads":[{"type":"DISPATCH_SETPOINT","values":[%s]},
                                                   {"type":"x-telemetry:DURATION_MINUTES","values":[60]}]}],
                 "reportDescriptors":[{"payloadType":"STORAGE_CHARGE_LEVEL","readingType":"DIRECT_READ",
                                       "units":"PERCENT","repeat":-1}]}
                """.formatted(programId, targets, Instant.now().minusSeconds(60), setpoint);
    }
}
