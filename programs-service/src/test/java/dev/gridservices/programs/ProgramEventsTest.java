package dev.gridservices.programs;

import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What other services learn on programs.changed: versioned envelopes, keyed by program id. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ProgramEventsTest {

    private static final String TOPIC = "programs.changed";
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode awaitEvent(String type, String field, String value) throws Exception {
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.await(TOPIC, r -> {
            try {
                JsonNode envelope = mapper.readTree(r.value());
                return type.equals(envelope.path("type").asText())
                        && value.equals(envelope.path("payload").path(field).asText());
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20));
        assertThat(records).as("%s with %s=%s on %s", type, field, value, TOPIC).isNotEmpty();
        ConsumerRecord<String, String> record = records.get(records.size() - 1);
        JsonNode envelope = mapper.readTree(record.value());
        assertThat(record.key()).isEqualTo(envelope.path("payload").path("programId").asText());
        assertThat(envelope.path("version").asInt()).isEqualTo(1);
        assertThat(envelope.path("id").asText()).isNotEmpty();
        assertThat(envelope.path("occurredAt").asText()).isNotEmpty();
        return envelope;
    }

    @Test
    void programAndInstanceLifecycleIsPublished() throws Exception {
        String org = newOrg();
        String slug = newSlug("evented");
        String programId = createProgram(org, program(slug, "public", "NY", "NJ"));
        JsonNode created = awaitEvent("program.created", "programId", programId);
        assertThat(created.path("tenant").asText()).isEqualTo(org);
        assertThat(created.path("payload").path("slug").asText()).isEqualTo(slug);
        assertThat(created.path("payload").path("openadrProgramId").asText()).isEqualTo(programId);
        assertThat(created.path("payload").path("active").asBoolean()).isTrue();
        assertThat(created.path("payload").path("states").toString()).isEqualTo("[\"NY\",\"NJ\"]");

        String enrolling = newOrg();
        String instanceId = createInstance(enrolling, slug, Map.of("eligibilityCriteria",
                Map.of("deviceTypes", List.of("battery"))));
        JsonNode instanceCreated = awaitEvent("programInstance.created", "instanceId", instanceId);
        assertThat(instanceCreated.path("tenant").asText()).isEqualTo(enrolling);
        JsonNode payload = instanceCreated.path("payload");
        assertThat(payload.path("status").asText()).isEqualTo("active");
        assertThat(payload.path("acceptingEnrollments").asBoolean()).isTrue();
        assertThat(payload.path("openadrProgramId").asText()).isEqualTo(programId);
        assertThat(payload.path("programSlug").asText()).isEqualTo(slug);
        assertThat(payload.path("organizationId").asText()).isEqualTo(enrolling);
        assertThat(payload.path("eligibilityCriteria").path("deviceTypes").get(0).asText()).isEqualTo("battery");

        server(enrolling).body(Map.of("status", "archived")).patch("/v1/programInstances/" + instanceId)
                .then().statusCode(200);
        JsonNode archived = awaitEvent("programInstance.updated", "instanceId", instanceId);
        assertThat(archived.path("payload").path("status").asText()).isEqualTo("archived");
        assertThat(archived.path("payload").path("acceptingEnrollments").asBoolean()).isFalse();

        server(enrolling).delete("/v1/programInstances/" + instanceId).then().statusCode(204);
        awaitEvent("programInstance.deleted", "instanceId", instanceId);
    }

    @Test
    void deactivatingAProgramReannouncesItsInstancesAsClosed() throws Exception {
        String org = newOrg();
        String slug = newSlug("closing");
        String programId = createProgram(org, program(slug, "private", "TX"));
        String instanceId = createInstance(org, slug, Map.of());
        awaitEvent("programInstance.created", "instanceId", instanceId);

        bearer(org, "write_programs").body(Map.of("programName", slug, "attributes",
                        List.of(Map.of("type", "x-texture:ACTIVE", "values", List.of(false)))))
                .put("/v2/programs/" + programId).then().statusCode(200);
        JsonNode program = awaitEvent("program.updated", "programId", programId);
        assertThat(program.path("payload").path("active").asBoolean()).isFalse();
        JsonNode instance = awaitEvent("programInstance.updated", "instanceId", instanceId);
        assertThat(instance.path("payload").path("programActive").asBoolean()).isFalse();
        assertThat(instance.path("payload").path("acceptingEnrollments").asBoolean()).isFalse();
        assertThat(instance.path("payload").path("status").asText()).isEqualTo("active");
        server(org).get("/v1/programInstances/" + instanceId).then().statusCode(200)
                .body("acceptingEnrollments", equalTo(false));
    }

    @Test
    void aRejectedWriteAnnouncesNothing() throws Exception {
        String org = newOrg();
        String slug = newSlug("silent");
        Map<String, Object> body = program(slug, "private", "TX");
        body.put("active", false);
        String programId = createProgram(org, body);
        server(org).body(Map.of("title", "never", "slug", "never-" + slug)).post("/v1/programs/" + slug + "/instances")
                .then().statusCode(409);
        // A later event of the same program (same key, same partition, so after anything the rejected write
        // could have produced) is the marker: once it arrived, the rejected write's absence is proven.
        bearer(org, "write_programs").body(Map.of("programName", slug, "attributes",
                        List.of(Map.of("type", "x-texture:DESCRIPTION", "values", List.of("marker-" + slug)))))
                .put("/v2/programs/" + programId).then().statusCode(200);
        assertThat(readAll(programId)).noneMatch(r -> r.value().contains("never-" + slug))
                .anyMatch(r -> r.value().contains("\"program.updated\""));
    }

    /** Every record of one key up to and including its program.updated marker. */
    private static List<ConsumerRecord<String, String>> readAll(String key) {
        List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
        KafkaTestConsumer.await(TOPIC, r -> {
            if (key.equals(r.key())) {
                seen.add(r);
            }
            return key.equals(r.key()) && r.value().contains("\"program.updated\"");
        }, Duration.ofSeconds(20));
        return seen;
    }
}
