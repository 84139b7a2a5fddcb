package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.key;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static dev.gridservices.programs.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.auth.ForbiddenMatrix;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's boundary for programs-service: every program, instance and offer write (/v1 and /v2) by every
 * credential an OEM organization can hold — its SERVER key (organization-wide and workspace-bound), its
 * MANUFACTURER key, its tokens with every OEM scope, bound to a VEN or not, and tokens that also (wrongly)
 * carry write_programs — answers 403 problem+json, and afterwards the owner still reads its rows unchanged,
 * no row of the OEM exists and programs.changed carries nothing of the attempts (checked after a marker).
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OrganizationKindMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] OEM_SCOPES = TestCredentials.OEM_SERVER_KEY_SCOPES.toArray(String[]::new);

    @Test
    void noCredentialOfAnOemOrganizationWritesProgramsInstancesOrOffers() throws Exception {
        String utility = newOrg();
        String oem = newOrg();
        String slug = newSlug("kind-matrix");
        String programId = server(utility).body(program(slug, "private", "NY")).post("/v1/programs").then()
                .statusCode(201).extract().path("id");
        // Offered to the OEM, so that it sees the program: a missing kind check would reach the write.
        server(utility).body(Map.of("organizationIds", List.of(oem))).post("/v1/programs/" + programId + "/offers")
                .then().statusCode(201);
        String instanceId = createInstance(utility, programId, Map.of("title", "Utility instance"));
        String programVersion = server(utility).get("/v1/programs/" + programId).then().statusCode(200)
                .extract().header("ETag");
        String instanceVersion = server(utility).get("/v1/programInstances/" + instanceId).then().statusCode(200)
                .extract().header("ETag");

        String oemServerKey = TestCredentials.serverApiKey(oem, TestCredentials.OEM);
        String oemWorkspaceKey = TestCredentials.workspaceServerApiKey(oem, "ws-" + oem, TestCredentials.OEM);
        String manufacturerKey = TestCredentials.manufacturerApiKey(oem);
        String oemSlug = newSlug("by-oem");
        ForbiddenMatrix.of()
                .caller("OEM SERVER key", () -> key(oemServerKey))
                .caller("OEM workspace SERVER key", () -> key(oemWorkspaceKey))
                .caller("OEM MANUFACTURER key", () -> key(manufacturerKey))
                .caller("OEM token, every OEM scope", () -> token(TestCredentials.oemBearer(oem, OEM_SCOPES)))
                .caller("OEM VEN token, every OEM scope",
                        () -> token(TestCredentials.bearerForVen(oem, "ven-" + oem, OEM_SCOPES)))
                .caller("OEM token with write_programs",
                        () -> token(TestCredentials.oemBearer(oem, "write_programs", "read_programs", "read_all")))
                .caller("OEM VEN token with write_programs",
                        () -> token(TestCredentials.bearerForVen(oem, "ven-" + oem, "write_programs", "read_programs")))
                .call("POST", "/v1/programs", program(oemSlug, "private", "NY"))
                .call("POST", "/v1/programs/" + programId, Map.of("name", "OEM instance"))
                .call("POST", "/v1/programs/" + programId + "/instances", Map.of("title", "OEM instance"))
                .call("POST", "/v1/programInstances", Map.of("title", "OEM instance", "programSlug", programId))
                .call("PATCH", "/v1/programInstances/" + instanceId, Map.of("title", "Taken over", "status", "archived"))
                .call("DELETE", "/v1/programInstances/" + instanceId, null)
                .call("POST", "/v1/programs/" + programId + "/offers", Map.of("allOems", true))
                .call("DELETE", "/v1/programs/" + programId + "/offers/" + oem, null)
                .call("POST", "/v2/programs", Map.of("programName", oemSlug))
                .call("PUT", "/v2/programs/" + programId, Map.of("programName", slug, "programLongName", "Taken over"))
                .call("DELETE", "/v2/programs/" + programId, null)
                .assertAllForbidden();

        // The owner reads everything as it was: same versions, same offer, its one instance.
        server(utility).get("/v1/programs/" + programId).then().statusCode(200)
                .header("ETag", equalTo(programVersion)).body("slug", equalTo(slug));
        server(utility).get("/v1/programInstances/" + instanceId).then().statusCode(200)
                .header("ETag", equalTo(instanceVersion)).body("title", equalTo("Utility instance"))
                .body("status", equalTo("active"));
        server(utility).get("/v1/programs/" + programId + "/offers").then().statusCode(200)
                .body("allOems", equalTo(false)).body("organizationIds", equalTo(List.of(oem)));
        server(utility).get("/v1/programInstances?programId=" + programId).then().statusCode(200)
                .body("totalItems", equalTo(1));
        bearer(utility, "read_programs").get("/v2/programs/" + programId).then().statusCode(200)
                .body("programName", equalTo(slug));
        // Nothing of the OEM: no program by its slug anywhere (the admin sees all), no instance of its own.
        admin().get("/v1/programs/" + oemSlug).then().statusCode(404);
        key(oemServerKey).get("/v1/programInstances").then().statusCode(200).body("totalItems", equalTo(0));
        assertThat(rowsOf(oem)).as("program and instance rows of the OEM organization").isZero();

        // programs.changed: a later write of the owner is the marker; nothing about the OEM came before it.
        String marker = createInstance(utility, programId, Map.of("title", "Marker"));
        assertThat(KafkaTestConsumer.untilMarker("programs.changed", r -> causedByARefusedWrite(r, oem, programId),
                r -> r.value().contains(marker), Duration.ofSeconds(30)))
                .as("programs.changed records caused by the refused writes").isEmpty();
    }

    /**
     * What the refused writes would have published: anything of the OEM as tenant, and for the utility's program
     * an update or deletion of it or its instance, or an offer set other than the one made (to the OEM by name).
     */
    private static boolean causedByARefusedWrite(ConsumerRecord<String, String> record, String oem, String programId) {
        JsonNode envelope = json(record.value());
        if (oem.equals(envelope.path("tenant").asText())) {
            return true;
        }
        if (!programId.equals(record.key())) {
            return false;
        }
        String type = envelope.path("type").asText();
        JsonNode payload = envelope.path("payload");
        return switch (type) {
            case "program.updated", "program.deleted", "programInstance.updated", "programInstance.deleted" -> true;
            case "programOffers.changed" -> payload.path("allOems").asBoolean()
                    || !List.of(oem).toString().equals(strings(payload.path("organizationIds")).toString());
            default -> false;
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static int rowsOf(String organizationId) throws Exception {
        try (Connection db = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
             PreparedStatement query = db.prepareStatement("select (select count(*) from program where organization_id = ?)"
                     + " + (select count(*) from program_instance where organization_id = ?)")) {
            query.setString(1, organizationId);
            query.setString(2, organizationId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
