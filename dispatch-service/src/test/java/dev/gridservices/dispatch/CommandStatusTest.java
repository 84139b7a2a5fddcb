package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.commandStatus;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.utility;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Event responses: COMMAND_STATUS from telemetry.raw moves forward only, counts only from devices the event
 * reached, visible to the event's utility.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class CommandStatusTest {

    @Test
    void statusesMoveForwardOnlyAndAreCountedPerStatus() throws Exception {
        Scenario s = scenario();
        String ven = id("ven");
        String d1 = s.enrolledDevice(ven);
        String d2 = s.enrolledDevice(ven);
        String silent = s.enrolledDevice(ven);
        String eventId = s.createEvent("[]", -5.0);
        String marker = s.createEvent("[]", -1.0);
        // a device the event did not reach (not enrolled in the program) reports on it: no response of its
        String stranger = id("res");
        // (keyed like d1's records, so it is consumed before them)
        KafkaTestProducer.send("telemetry.raw", d1, commandStatus(stranger, eventId, "COMPLETED", null));

        KafkaTestProducer.send("telemetry.raw", d1, commandStatus(d1, eventId, "ACCEPTED", null),
                commandStatus(d1, eventId, "EXECUTING", null));
        KafkaTestProducer.send("telemetry.raw", d2, commandStatus(d2, eventId, "ACCEPTED", null),
                commandStatus(d2, eventId, "FAILED", "Battery below reserve"));
        awaitStatus(eventId, d1, "EXECUTING");
        awaitStatus(eventId, d2, "FAILED");

        // a late ACCEPTED, then (same key, so processed after it) a marker on another event
        KafkaTestProducer.send("telemetry.raw", d1, commandStatus(d1, eventId, "ACCEPTED", null),
                commandStatus(d1, marker, "ACCEPTED", null));
        awaitStatus(marker, d1, "ACCEPTED");
        JsonPath responses = responses(s.utility(), eventId);
        assertThat(status(responses, d1)).isEqualTo("EXECUTING");
        assertThat(responses.getString("devices.find { it.deviceId == '" + d2 + "' }.failureReason"))
                .isEqualTo("Battery below reserve");
        assertThat(responses.getInt("counts.EXECUTING")).isEqualTo(1);
        assertThat(responses.getInt("counts.FAILED")).isEqualTo(1);
        assertThat(responses.getInt("counts.ACCEPTED")).isZero();
        // every device the event reached is listed; one that never answered is NO_RESPONSE
        assertThat(status(responses, silent)).isEqualTo("NO_RESPONSE");
        assertThat(responses.getInt("counts.NO_RESPONSE")).isEqualTo(1);
        assertThat(responses.getList("devices.deviceId")).containsExactlyInAnyOrder(d1, d2, silent);

        KafkaTestProducer.send("telemetry.raw", d1, commandStatus(d1, eventId, "COMPLETED", null));
        awaitStatus(eventId, d1, "COMPLETED");
        assertThat(responses(s.utility(), eventId).getInt("counts.COMPLETED")).isEqualTo(1);
        // the stranger's COMPLETED, consumed before d1's records, was never recorded
        assertThat(Fixtures.exists("SELECT 1 FROM command_status WHERE event_id = ? AND device_id = '" + stranger + "'",
                eventId)).isFalse();

        utility(id("utl")).get("/v2/x-texture/events/" + eventId + "/responses").then().statusCode(404);
        Fixtures.ven(id("oem"), id("ven")).get("/v2/x-texture/events/" + eventId + "/responses").then()
                .statusCode(403);
    }

    private static JsonPath responses(String utility, String eventId) {
        return Fixtures.token(TestCredentials.bearer(utility, "read_all")).get("/v2/x-texture/events/" + eventId + "/responses").jsonPath();
    }

    private void awaitStatus(String eventId, String deviceId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Fixtures.exists("SELECT 1 FROM command_status WHERE event_id = ? AND device_id = '"
                        + deviceId + "' AND status = '" + status + "'", eventId));
    }

    private static String status(JsonPath responses, String deviceId) {
        return responses.getString("devices.find { it.deviceId == '" + deviceId + "' }.status");
    }
}
