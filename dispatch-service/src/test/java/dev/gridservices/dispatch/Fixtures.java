package dev.gridservices.dispatch;

import static io.restassured.RestAssured.given;

import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Puts other services' facts on the real broker (programs.changed, enrollment.changed, telemetry.raw)
 * and waits until this service has applied them, by reading its read-model tables.
 */
final class Fixtures {

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

    /** A VEN with a name, as device-service announces it on devices.changed. */
    static void venNamed(String venId, String venName, String oemOrg) {
        String envelope = """
                {"id":"%s","type":"ven.created","version":1,"occurredAt":"%s","tenant":"%s",
                 "payload":{"venId":"%s","organizationId":"%s","venName":"%s","deleted":false,"updatedAt":"%s"}}
                """.formatted(UUID.randomUUID(), Instant.now(), oemOrg, venId, oemOrg, venName, Instant.now());
        KafkaTestProducer.send("devices.changed", venId, envelope);
        awaitRow("SELECT 1 FROM known_ven WHERE ven_id = ?", venId);
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
