package dev.gridservices.enrollment;

import static dev.gridservices.enrollment.Fixtures.consent;
import static dev.gridservices.enrollment.Fixtures.enrollment;
import static dev.gridservices.enrollment.Fixtures.newId;
import static dev.gridservices.enrollment.Fixtures.oem;
import static dev.gridservices.enrollment.Fixtures.read;
import static dev.gridservices.enrollment.Fixtures.utility;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.auth.ForbiddenMatrix;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's boundary for enrollment-service. The utility owns instances and its customers' enrollments (core
 * /v1, utility SERVER key); the OEM owns devices, their consent and their enrollments (/v2/x-texture,
 * OEM token with write_vens). So no credential a utility can hold — its SERVER key, its scoped key, its
 * tokens with every utility scope or with a (wrongly held) write_vens — creates, revokes or changes an OEM
 * device enrollment, and no credential an OEM can hold — its SERVER key, MANUFACTURER key, tokens with every
 * OEM scope or with utility scopes — creates customer enrollments or leads, or ends or edits an enrollment
 * through /v1. Each answers 403 problem+json; afterwards both owners read their rows unchanged, nothing new
 * exists in the database, and enrollment.changed carries nothing of the attempts (checked after a marker).
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OrganizationKindMatrixTest {

    private static final String[] UTILITY_SCOPES = {"read_all", "read_bl", "read_targets", "read_programs",
        "read_events", "write_programs", "write_events", "write_subscriptions"};
    private static final String[] OEM_SCOPES = TestCredentials.OEM_SERVER_KEY_SCOPES.toArray(String[]::new);

    @Test
    void neitherKindWritesTheOtherKindsEnrollments() throws Exception {
        DirectEnrollmentTest.World w = DirectEnrollmentTest.world("matched", "online", null);
        String deviceEnrollment = DirectEnrollmentTest.enroll(w).statusCode(201).body("state", equalTo("active"))
                .extract().path("id");
        List<Object> history = oem(w.oem()).get("/v2/x-texture/enrollments/" + deviceEnrollment).then()
                .statusCode(200).extract().jsonPath().getList("history");
        // A second device of the OEM, enrolled only after the refused writes: the topic's marker.
        String markerResource = Fixtures.resource(w.oem(), w.venId(), w.siteId(), "online");

        String utilityKey = TestCredentials.serverApiKey(w.utility());
        String scopedKey = TestCredentials.scopedApiKey(w.utility(), "cus_1");
        ForbiddenMatrix.of()
                .caller("utility SERVER key", () -> key(utilityKey))
                .caller("utility scoped key", () -> key(scopedKey))
                .caller("utility token, every utility scope", () -> token(TestCredentials.bearer(w.utility(), UTILITY_SCOPES)))
                .caller("utility token with write_vens",
                        () -> token(TestCredentials.bearer(w.utility(), "write_vens", "read_all", "write_programs")))
                .call("POST", "/v2/x-texture/enrollments", enrollment(w.resourceId(), w.siteId(), w.programId(),
                        consent(Instant.now().minus(1, ChronoUnit.HOURS))))
                .call("POST", "/v2/x-texture/enrollments", enrollment(markerResource, w.siteId(), w.programId(),
                        consent(Instant.now().minus(1, ChronoUnit.HOURS))))
                .call("POST", "/v2/x-texture/enrollments/events", Map.of("eventId", newId("evt-"),
                        "type", "consent_revoked", "resourceID", w.resourceId(), "source", "utility",
                        "occurredAt", Instant.now().toString()))
                .call("POST", "/v2/x-texture/enrollments/events", Map.of("eventId", newId("evt-"),
                        "type", "decommissioned", "resourceID", w.resourceId(), "reason", "utility",
                        "occurredAt", Instant.now().toString()))
                .call("GET", "/v2/x-texture/enrollments", null)
                .call("GET", "/v2/x-texture/enrollments/" + deviceEnrollment, null)
                .assertAllForbidden();

        String oemKey = TestCredentials.serverApiKey(w.oem(), TestCredentials.OEM);
        String manufacturerKey = TestCredentials.manufacturerApiKey(w.oem());
        String instancePath = "/v1/programInstances/" + w.instanceId() + "/enrollments";
        Map<String, Object> customer = Map.of("identificationType", "customerInfo", "firstName", "Oem",
                "lastName", "Made", "email", "oem-made@example.com", "address",
                Map.of("streetOne", "1 Main St", "city", "Albany", "state", "NY", "postalCode", "12207"));
        ForbiddenMatrix.of()
                .caller("OEM SERVER key", () -> key(oemKey))
                .caller("OEM MANUFACTURER key", () -> key(manufacturerKey))
                .caller("OEM token, every OEM scope", () -> token(TestCredentials.oemBearer(w.oem(), OEM_SCOPES)))
                .caller("OEM VEN token, every OEM scope",
                        () -> token(TestCredentials.bearerForVen(w.oem(), w.venId(), OEM_SCOPES)))
                .caller("OEM token with utility scopes", () -> token(TestCredentials.oemBearer(w.oem(), UTILITY_SCOPES)))
                .call("POST", instancePath, customer)
                .call("POST", instancePath, Map.of("identificationType", "enrollmentId", "enrollmentId", deviceEnrollment))
                .call("DELETE", "/v1/enrollments/" + deviceEnrollment, null)
                .call("PATCH", "/v1/enrollments/" + deviceEnrollment + "/metadata", Map.of("metadata", Map.of("by", "oem")))
                .call("PUT", "/v1/enrollments/" + deviceEnrollment + "/status", Map.of("status", "unenrolling"))
                .call("POST", "/v1/leads", Map.of("email", "oem-lead@example.com"))
                .call("GET", instancePath, null)
                .call("GET", "/v1/enrollments/" + deviceEnrollment, null)
                .call("GET", "/v1/leads", null)
                .assertAllForbidden();

        // Both owners read what was there: the OEM its active enrollment with the same history, the utility one
        // enrollment in its instance (the device's) with no metadata, and no lead.
        oem(w.oem()).get("/v2/x-texture/enrollments/" + deviceEnrollment).then().statusCode(200)
                .body("state", equalTo("active")).body("history", equalTo(history));
        oem(w.oem()).get("/v2/x-texture/enrollments").then().statusCode(200).body("size()", equalTo(1));
        utility(w.utility()).get(instancePath).then().statusCode(200).body("totalItems", equalTo(1))
                .body("data[0].id", equalTo(deviceEnrollment));
        utility(w.utility()).get("/v1/enrollments/" + deviceEnrollment).then().statusCode(200)
                .body("eligibility.status", equalTo("approved"));
        utility(w.utility()).get("/v1/leads").then().statusCode(200).body("totalItems", equalTo(0));
        assertThat(count("select count(*) from enrollment where instance_id = ?", w.instanceId())).isEqualTo(1);
        assertThat(count("select count(*) from lead where organization_id in (?, ?)", w.utility(), w.oem())).isZero();
        assertThat(count("select count(*) from device_change_event where device_id = ?", w.resourceId())).isZero();

        String marker = DirectEnrollmentTest.enroll(new DirectEnrollmentTest.World(w.utility(), w.oem(), w.venId(),
                w.programId(), w.instanceId(), w.siteId(), markerResource)).statusCode(201).extract().path("id");
        assertThat(KafkaTestConsumer.untilMarker("enrollment.changed", r -> {
            JsonNode payload = read(r.value()).path("payload");
            boolean changedTheDevice = deviceEnrollment.equals(payload.path("enrollmentId").asText())
                    && !"enrollment.created".equals(read(r.value()).path("type").asText());
            boolean createdInTheInstance = w.instanceId().equals(payload.path("programInstanceId").asText())
                    && !deviceEnrollment.equals(payload.path("enrollmentId").asText())
                    && !marker.equals(payload.path("enrollmentId").asText());
            return changedTheDevice || createdInTheInstance;
        }, r -> r.value().contains(marker), Duration.ofSeconds(30)))
                .as("enrollment.changed records caused by the refused requests").isEmpty();
    }

    private static RequestSpecification key(String key) {
        return given().header("Texture-Api-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static RequestSpecification token(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static int count(String sql, String... parameters) throws Exception {
        try (Connection db = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                Infrastructure.postgres().username(), "");
             PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
