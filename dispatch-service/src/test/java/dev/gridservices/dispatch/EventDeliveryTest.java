package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.enrolledDevice;
import static dev.gridservices.dispatch.Fixtures.enrollment;
import static dev.gridservices.dispatch.Fixtures.event;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.program;
import static dev.gridservices.dispatch.Fixtures.utility;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.MqttTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An event change reaches, through the outbox, events.dispatched and the real MQTT broker, exactly the VENs
 * with a dispatchable enrollment it targets, with the OpenADR operation.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class EventDeliveryTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void enrolledVensGetCreateUpdateDeleteAndOthersNothing() throws Exception {
        String utility = id("utl");
        String oem = id("oem");
        String programId = id("prg");
        program(programId, utility);
        String enrolled = id("ven");
        String pending = id("ven");
        String revoked = id("ven");
        String otherProgram = id("ven");
        enrolledDevice(programId, utility, oem, enrolled);
        enrollment(id("enr"), 1, "pending", programId, utility, oem, pending, id("res"), "p-1");
        String revokedEnrollment = id("enr");
        String revokedDevice = id("res");
        enrollment(revokedEnrollment, 1, "enrolled", programId, utility, oem, revoked, revokedDevice, "r-1");
        String elsewhere = id("prg");
        program(elsewhere, utility);
        enrolledDevice(elsewhere, utility, oem, otherProgram);

        try (MqttTestClient mine = MqttTestClient.connect().subscribe("texture/v2/" + enrolled + "/events/#");
             MqttTestClient spy = MqttTestClient.connect().subscribe("texture/v2/#")) {
            long posted = System.currentTimeMillis();
            String eventId = utility(utility).body(event(programId, "[]", -5.0)).post("/v2/events")
                    .then().statusCode(201).extract().jsonPath().get("id");
            awaitOperation(mine, eventId, "CREATE");
            System.out.printf("[measure] event POST -> MQTT notification observed: <= %d ms%n",
                    System.currentTimeMillis() - posted);
            // the revoked VEN got the CREATE (it was enrolled then); now its device is revoked
            awaitOperation(spy, revoked, eventId, "CREATE");
            enrollment(revokedEnrollment, 2, "revoked", programId, utility, oem, revoked, revokedDevice, "r-1");

            utility(utility).body(event(programId, "[]", -4.0)).put("/v2/events/" + eventId).then().statusCode(200);
            JsonNode update = awaitOperation(mine, eventId, "UPDATE");
            assertThat(update.at("/object/intervals/0/payloads/0/values/0").asDouble()).isEqualTo(-4.0);
            assertThat(update.at("/object/modificationDateTime").asText()).endsWith("Z");
            utility(utility).delete("/v2/events/" + eventId).then().statusCode(200);
            awaitOperation(mine, eventId, "DELETE");
            // the DELETE to the enrolled VEN is the later positive marker: by then nothing else may have come
            awaitOperation(spy, enrolled, eventId, "DELETE");
            List<MqttTestClient.Received> all = spy.received();
            assertThat(all).noneMatch(r -> r.topic().startsWith("texture/v2/" + pending + "/"));
            assertThat(all).noneMatch(r -> r.topic().startsWith("texture/v2/" + otherProgram + "/"));
            assertThat(all.stream().filter(r -> r.topic().startsWith("texture/v2/" + revoked + "/")))
                    .hasSize(1);
        }
    }

    @Test
    void aTargetedEventReachesOnlyTheVensOfTheTargetedDevices() throws Exception {
        String utility = id("utl");
        String oem = id("oem");
        String programId = id("prg");
        program(programId, utility);
        String venA = id("ven");
        String venB = id("ven");
        String deviceA = enrolledDevice(programId, utility, oem, venA);
        enrolledDevice(programId, utility, oem, venB);
        try (MqttTestClient spy = MqttTestClient.connect().subscribe("texture/v2/#")) {
            String targeted = utility(utility).body(event(programId, "[\"" + deviceA + "\"]", -2.0))
                    .post("/v2/events").jsonPath().get("id");
            String broadcast = utility(utility).body(event(programId, "[]", -1.0)).post("/v2/events")
                    .jsonPath().get("id");
            JsonNode toA = awaitOperation(spy, venA, targeted, "CREATE");
            assertThat(toA.at("/object/targets/0").asText()).isEqualTo(deviceA);
            awaitOperation(spy, venB, broadcast, "CREATE");
            // venB's records share one partition (key = venB) and the targeted event was recorded first: a
            // wrong record for it would have arrived before the broadcast one
            assertThat(spy.received()).noneMatch(r -> r.topic().equals("texture/v2/" + venB + "/events/" + targeted));
        }
    }

    private JsonNode awaitOperation(MqttTestClient client, String eventId, String operation) {
        return awaitMatching(client, null, eventId, operation);
    }

    private JsonNode awaitOperation(MqttTestClient client, String venId, String eventId, String operation) {
        return awaitMatching(client, venId, eventId, operation);
    }

    private JsonNode awaitMatching(MqttTestClient client, String venId, String eventId, String operation) {
        JsonNode[] found = {null};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MqttTestClient.Received r : client.received()) {
                if (!r.topic().endsWith("/events/" + eventId)
                        || (venId != null && !r.topic().startsWith("texture/v2/" + venId + "/"))) {
                    continue;
                }
                JsonNode n = mapper.readTree(r.payload());
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
}
