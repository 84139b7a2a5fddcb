package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.awaitNotification;
import static dev.gridservices.dispatch.Fixtures.enrolledDevice;
import static dev.gridservices.dispatch.Fixtures.event;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.program;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.utility;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.MqttTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event change reaches, through the outbox, events.dispatched and the real MQTT broker, exactly the VENs
 * with a dispatchable enrollment it targets, with the OpenADR operation.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class EventDeliveryTest {

    @Test
    void enrolledVensGetCreateUpdateDeleteAndOthersNothing() throws Exception {
        Scenario s = scenario();
        String enrolled = s.enrolledVen();
        String pending = id("ven");
        String revoked = id("ven");
        String otherProgram = id("ven");
        s.enrollment(id("enr"), 1, "pending", pending, id("res"), "p-1");
        String revokedEnrollment = id("enr");
        String revokedDevice = id("res");
        s.enrollment(revokedEnrollment, 1, "enrolled", revoked, revokedDevice, "r-1");
        String elsewhere = id("prg");
        program(elsewhere, s.utility());
        enrolledDevice(elsewhere, s.utility(), s.oem(), otherProgram);

        try (MqttTestClient mine = MqttTestClient.connect().subscribe("texture/v2/" + enrolled + "/events/#");
             MqttTestClient spy = MqttTestClient.connect().subscribe("texture/v2/#")) {
            long posted = System.currentTimeMillis();
            String eventId = s.createEvent("[]", -5.0);
            awaitNotification(mine, null, eventId, "CREATE");
            System.out.printf("[measure] event POST -> MQTT notification observed: <= %d ms%n",
                    System.currentTimeMillis() - posted);
            // the revoked VEN got the CREATE (it was enrolled then); now its device is revoked
            awaitNotification(spy, revoked, eventId, "CREATE");
            s.enrollment(revokedEnrollment, 2, "revoked", revoked, revokedDevice, "r-1");

            utility(s.utility()).body(event(s.programId(), "[]", -4.0)).put("/v2/events/" + eventId).then()
                    .statusCode(200);
            JsonNode update = awaitNotification(mine, null, eventId, "UPDATE");
            assertThat(update.at("/object/intervals/0/payloads/0/values/0").asDouble()).isEqualTo(-4.0);
            assertThat(update.at("/object/modificationDateTime").asText()).endsWith("Z");
            utility(s.utility()).delete("/v2/events/" + eventId).then().statusCode(200);
            awaitNotification(mine, null, eventId, "DELETE");
            // the DELETE to the enrolled VEN is the later positive marker: by then nothing else may have come
            awaitNotification(spy, enrolled, eventId, "DELETE");
            List<MqttTestClient.Received> all = spy.received();
            assertThat(all).noneMatch(r -> r.topic().startsWith("texture/v2/" + pending + "/"));
            assertThat(all).noneMatch(r -> r.topic().startsWith("texture/v2/" + otherProgram + "/"));
            assertThat(all.stream().filter(r -> r.topic().startsWith("texture/v2/" + revoked + "/")))
                    .hasSize(1);
        }
    }

    @Test
    void aTargetedEventReachesOnlyTheVensOfTheTargetedDevices() throws Exception {
        Scenario s = scenario();
        String venA = id("ven");
        String venB = id("ven");
        String deviceA = s.enrolledDevice(venA);
        s.enrolledDevice(venB);
        try (MqttTestClient spy = MqttTestClient.connect().subscribe("texture/v2/#")) {
            String targeted = s.createEvent("[\"" + deviceA + "\"]", -2.0);
            String broadcast = s.createEvent("[]", -1.0);
            JsonNode toA = awaitNotification(spy, venA, targeted, "CREATE");
            assertThat(toA.at("/object/targets/0").asText()).isEqualTo(deviceA);
            awaitNotification(spy, venB, broadcast, "CREATE");
            // venB's records share one partition (key = venB) and the targeted event was recorded first: a
            // wrong record for it would have arrived before the broadcast one
            assertThat(spy.received()).noneMatch(r -> r.topic().equals("texture/v2/" + venB + "/events/" + targeted));
        }
    }
}
