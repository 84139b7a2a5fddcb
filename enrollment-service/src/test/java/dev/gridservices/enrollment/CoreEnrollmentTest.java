package dev.gridservices.enrollment;

import static dev.gridservices.enrollment.Fixtures.instance;
import static dev.gridservices.enrollment.Fixtures.instanceUpdate;
import static dev.gridservices.enrollment.Fixtures.newId;
import static dev.gridservices.enrollment.Fixtures.program;
import static dev.gridservices.enrollment.Fixtures.utility;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core API (utility side): the four identification types, eligibility, status moves, metadata, delete. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class CoreEnrollmentTest {

    private static Map<String, Object> address(String state) {
        return Map.of("streetOne", "1 Main St", "city", "Albany", "state", state, "postalCode", "12207");
    }

    private static Map<String, Object> customerInfo(String state) {
        Map<String, Object> body = new HashMap<>();
        body.put("identificationType", "customerInfo");
        body.put("firstName", "Suzie");
        body.put("lastName", "Homeowner");
        body.put("email", "suzie@example.com");
        body.put("address", address(state));
        return body;
    }

    private static String openInstance(String org, Object criteria) {
        String programId = program("platform", "public", "demand_response");
        return instance(org, programId, "active", criteria);
    }

    @Test
    void eachIdentificationTypeEnrolls() {
        String org = newId("util-");
        String instanceId = openInstance(org, Map.of("regions", List.of("NY")));
        String base = "/v1/programInstances/" + instanceId + "/enrollments";

        String first = utility(org).body(customerInfo("NY")).post(base).then().statusCode(201)
                .body("firstName", equalTo("Suzie")).body("programInstanceId", equalTo(instanceId))
                .body("eligibility.status", equalTo("eligible"))
                .body("address.country", equalTo("USA"))
                .extract().path("id");

        utility(org).body(Map.of("identificationType", "customerId", "customerId", "cus_123"))
                .post(base).then().statusCode(201).body("customerId", equalTo("cus_123"))
                .body("eligibility.status", equalTo("candidate"))
                .body("eligibility.reason", containsString("state unknown"));

        utility(org).body(Map.of("identificationType", "enrollmentId", "enrollmentId", first))
                .post(base).then().statusCode(201).body("email", equalTo("suzie@example.com"))
                .body("eligibility.status", equalTo("eligible"));

        String leadId = utility(org).body(Map.of("email", "lead@example.com", "firstName", "Lee",
                        "metadata", Map.of("source", "web"))).post("/v1/leads").then().statusCode(200)
                .body("metadata.source", equalTo("web")).extract().path("id");
        utility(org).body(Map.of("identificationType", "leadId", "leadId", leadId, "address", address("NY")))
                .post(base).then().statusCode(201).body("leadId", equalTo(leadId))
                .body("email", equalTo("lead@example.com")).body("firstName", equalTo("Lee"));
        utility(org).get("/v1/leads").then().statusCode(200).body("data", hasSize(1)).body("perPage", equalTo(10));

        utility(org).get(base).then().statusCode(200).body("totalItems", equalTo(4)).body("perPage", equalTo(100));
        utility(org).queryParam("status", "candidate").get(base).then().statusCode(200).body("data", hasSize(1));
        utility(org).queryParam("perPage", "2").queryParam("page", "2").get(base).then().statusCode(200)
                .body("data", hasSize(2)).body("totalPages", equalTo(2));
    }

    @Test
    void missingFieldsOfEachTypeAreNamed() {
        String org = newId("util-");
        String base = "/v1/programInstances/" + openInstance(org, null) + "/enrollments";
        utility(org).body(Map.of("firstName", "x")).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("identificationType"));
        Map<String, Object> noEmail = customerInfo("NY");
        noEmail.remove("email");
        utility(org).body(noEmail).post(base).then().statusCode(400).body("errors[0].field", equalTo("email"));
        utility(org).body(Map.of("identificationType", "leadId", "leadId", "l1")).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("address"));
        utility(org).body(Map.of("identificationType", "customerId")).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("customerId"));
        utility(org).body(Map.of("identificationType", "enrollmentId")).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("enrollmentId"));
        utility(org).body(Map.of("identificationType", "passport")).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("identificationType"));
        utility(org).body(Map.of("identificationType", "leadId", "leadId", "nope", "address", address("NY")))
                .post(base).then().statusCode(404);
        utility(org).queryParam("status", "sleeping").get(base).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        utility(org).queryParam("perPage", "0").get(base).then().statusCode(400);
        utility(org).body(Map.of("firstName", "no email")).post("/v1/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void eligibilityIsComputedWithAReasonUnlessGiven() {
        String org = newId("util-");
        String base = "/v1/programInstances/" + openInstance(org, Map.of("regions", List.of("NY"))) + "/enrollments";
        utility(org).body(customerInfo("CA")).post(base).then().statusCode(201)
                .body("eligibility.status", equalTo("ineligible"))
                .body("eligibility.reason", containsString("state CA is not in [NY]"));
        utility(org).body(customerInfo("NY")).post(base).then().statusCode(201)
                .body("eligibility.status", equalTo("eligible"))
                .body("eligibility.reason", containsString("states"));
        Map<String, Object> given = customerInfo("CA");
        given.put("eligibility", Map.of("status", "submitted", "reason", "paper form"));
        utility(org).body(given).post(base).then().statusCode(201)
                .body("eligibility.status", equalTo("submitted")).body("eligibility.reason", equalTo("paper form"));
        given.put("eligibility", Map.of("status", "maybe"));
        utility(org).body(given).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("eligibility.status"));
    }

    @Test
    void statusMovesMetadataMergesAndDeleteKeepsTheRecord() {
        String org = newId("util-");
        String base = "/v1/programInstances/" + openInstance(org, Map.of("regions", List.of("NY"))) + "/enrollments";
        String id = utility(org).body(customerInfo("NY")).post(base).then().statusCode(201).extract().path("id");
        String path = "/v1/enrollments/" + id;

        utility(org).body(Map.of("status", "submitted")).put(path + "/status").then().statusCode(200)
                .body("eligibility.status", equalTo("submitted"));
        utility(org).body(Map.of("status", "approved")).put(path + "/status").then().statusCode(200);
        utility(org).body(Map.of("status", "candidate")).put(path + "/status").then().statusCode(409)
                .body("detail", containsString("from approved to candidate"));
        utility(org).body(Map.of("status", "bogus")).put(path + "/status").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));

        utility(org).body(Map.of("metadata", Map.of("a", "1", "b", "2"))).patch(path + "/metadata").then()
                .statusCode(200);
        utility(org).body(Map.of("metadata", Map.of("b", "3", "c", "4"))).patch(path + "/metadata").then()
                .statusCode(200).body("meta.a", equalTo("1")).body("meta.b", equalTo("3")).body("meta.c", equalTo("4"));
        utility(org).body(Map.of("metadata", Map.of("n", 5))).patch(path + "/metadata").then().statusCode(400)
                .body("errors[0].field", equalTo("metadata.n"));

        utility(org).delete(path).then().statusCode(204);
        utility(org).get(path).then().statusCode(200).body("eligibility.status", equalTo("unenrolling"));
        utility(org).body(Map.of("status", "unenrolling")).put(path + "/status").then().statusCode(200);

        // Each committed change is on enrollment.changed, in order: created, 2 status moves, 2 merges, delete.
        List<JsonNode> changes = Fixtures.changes(id, 6);
        assertThat(changes).extracting(c -> c.path("payload").path("sequence").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode ended = changes.get(5);
        assertThat(ended.path("type").asText()).isEqualTo("enrollment.ended");
        assertThat(ended.path("payload").path("eligibilityStatus").asText()).isEqualTo("unenrolling");
        assertThat(ended.path("payload").path("utilityOrganizationId").asText()).isEqualTo(org);
        assertThat(ended.path("payload").path("programInstanceId").asText()).isNotEmpty();
    }

    @Test
    void archivedOrInactiveInstancesAcceptNothing() {
        String org = newId("util-");
        String programId = program("platform", "public", "demand_response");
        String instanceId = instance(org, programId, "active", null);
        instanceUpdate("programInstance.updated", org, programId, instanceId, "archived", null,
                OffsetDateTime.now().plusSeconds(1));
        utility(org).body(customerInfo("NY")).post("/v1/programInstances/" + instanceId + "/enrollments").then()
                .statusCode(409).body("detail", containsString("archived"));
        // An older announcement does not reopen it.
        instanceUpdate("programInstance.updated", org, programId, instanceId, "active", null,
                OffsetDateTime.now().minusDays(1));
        utility(org).body(customerInfo("NY")).post("/v1/programInstances/" + instanceId + "/enrollments").then()
                .statusCode(409);
        String inactive = instance(org, programId, "inactive", null);
        utility(org).body(customerInfo("NY")).post("/v1/programInstances/" + inactive + "/enrollments").then()
                .statusCode(409).body("detail", containsString("inactive"));
    }

    @Test
    void anotherOrganizationSeesNothing() {
        String org = newId("util-");
        String other = newId("util-");
        String instanceId = openInstance(org, null);
        String id = utility(org).body(customerInfo("NY")).post("/v1/programInstances/" + instanceId + "/enrollments")
                .then().statusCode(201).extract().path("id");
        utility(other).get("/v1/enrollments/" + id).then().statusCode(404);
        utility(other).delete("/v1/enrollments/" + id).then().statusCode(404);
        utility(other).body(Map.of("status", "eligible")).put("/v1/enrollments/" + id + "/status").then().statusCode(404);
        utility(other).body(Map.of("metadata", Map.of("a", "b"))).patch("/v1/enrollments/" + id + "/metadata")
                .then().statusCode(404);
        utility(other).get("/v1/programInstances/" + instanceId + "/enrollments").then().statusCode(404);
        utility(other).body(customerInfo("NY")).post("/v1/programInstances/" + instanceId + "/enrollments").then()
                .statusCode(404);
        utility(other).body(Map.of("identificationType", "enrollmentId", "enrollmentId", id))
                .post("/v1/programInstances/" + openInstance(other, null) + "/enrollments").then().statusCode(404);
    }

    @Test
    void credentials() {
        String org = newId("util-");
        RestAssured.given().get("/v1/enrollments/x").then().statusCode(401);
        RestAssured.given().header("Texture-Api-Key", TestCredentials.serverApiKey(org, "oem"))
                .get("/v1/enrollments/x").then().statusCode(403);
        RestAssured.given().auth().oauth2(TestCredentials.bearer(org, "read_all")).get("/v1/leads").then()
                .statusCode(403);
    }

    @Test
    void aFailedTransactionPublishesNothing() throws Exception {
        String org = newId("util-");
        String base = "/v1/programInstances/" + openInstance(org, null) + "/enrollments";
        String id = utility(org).body(customerInfo("NY")).post(base).then().statusCode(201).extract().path("id");
        // The history is append-only: with a trigger refusing every new transition, the status change fails
        // in its transaction, and its enrollment.changed record must not exist.
        Fixtures.sql("CREATE OR REPLACE FUNCTION refuse_" + id + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.enrollment_id = '" + id + "' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$");
        Fixtures.sql("CREATE TRIGGER refuse_" + id + " BEFORE INSERT ON enrollment_transition FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_" + id + "()");
        try {
            utility(org).body(Map.of("status", "submitted")).put("/v1/enrollments/" + id + "/status").then()
                    .statusCode(500);
        } finally {
            Fixtures.sql("DROP TRIGGER refuse_" + id + " ON enrollment_transition");
        }
        utility(org).get("/v1/enrollments/" + id).then().statusCode(200).body("eligibility.status", equalTo("eligible"));
        // A later successful change is the marker: once it is on the topic, the failed one would be before it.
        utility(org).body(Map.of("status", "ineligible")).put("/v1/enrollments/" + id + "/status").then().statusCode(200);
        List<JsonNode> changes = Fixtures.changes(id, 2);
        assertThat(changes).extracting(c -> c.path("payload").path("eligibilityStatus").asText())
                .containsExactly("eligible", "ineligible");
        assertThat(KafkaTestConsumer.untilMarker("enrollment.changed", r -> r.value().contains(id)
                && r.value().contains("\"submitted\""), r -> r.value().contains(id)
                && r.value().contains("\"ineligible\""), Duration.ofSeconds(20))).isEmpty();
    }
}
