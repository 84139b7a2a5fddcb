package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.apiKey;
import static dev.gridservices.dispatch.Fixtures.awaitNotification;
import static dev.gridservices.dispatch.Fixtures.commandStatus;
import static dev.gridservices.dispatch.Fixtures.count;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.instance;
import static dev.gridservices.dispatch.Fixtures.reachedVens;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.utility;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.MqttTestClient;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Core API program events (/v1/program-events, /v1/programInstances/{id}/events): a utility's SERVER key
 * creates, reads, lists and cancels events of its own instances; each dispatch is an OpenADR event of the
 * /v2 table, fanned out the same way (outbox, MQTT). Validation names every field; another organization
 * gets 404; OEM keys and tokens (issue 13's matrix) get 403 and write nothing.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class ProgramEventTest {

    private static String body(String instanceId, String tagA, String tagB) {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"programInstanceId":"%s","type":"discharge","startsAt":"%s","endsAt":"%s",
                 "dispatches":[
                   {"tag":"%s","startsAt":"%s","endsAt":"%s","type":"battery:set-reserve",
                    "input":{"chargePercentage":20}},
                   {"tag":"%s","startsAt":"%s","endsAt":"%s","type":"battery:set-operating-mode",
                    "input":{"operatingMode":"discharge","minimumBatteryReserve":10,"executionPriority":["baseline"]}}]}
                """.formatted(instanceId, start, start.plus(2, ChronoUnit.HOURS), tagA, start,
                start.plus(1, ChronoUnit.HOURS), tagB, start.plus(30, ChronoUnit.MINUTES),
                start.plus(2, ChronoUnit.HOURS));
    }

    /** A utility with a program, an instance, and three enrolled devices: two tagged group-5, one group-6. */
    private record Setup(String utility, String oem, String programId, String instanceId, String venA, String venB,
                         String venC, String deviceA, String deviceB, String deviceC) {
    }

    private static Setup setup() {
        Scenario s = scenario();
        String instanceId = id("ins");
        instance("programInstance.created", instanceId, s.programId(), s.utility(), null);
        String venA = id("ven");
        String venB = id("ven");
        String venC = id("ven");
        String deviceA = s.knownDevice(venA, "a", "[\"group-5\"]");
        String deviceB = s.knownDevice(venB, "b", "[\"group-5\"]");
        String deviceC = s.knownDevice(venC, "c", "[\"group-6\"]");
        return new Setup(s.utility(), s.oem(), s.programId(), instanceId, venA, venB, venC, deviceA, deviceB, deviceC);
    }

    @Test
    void aUtilityCreatesReadsListsAndCancelsProgramEventsThatFanOutAsOpenAdrEvents() throws Exception {
        Setup s = setup();
        String key = TestCredentials.serverApiKey(s.utility());
        try (MqttTestClient venA = MqttTestClient.connect().subscribe("texture/v2/" + s.venA() + "/events/#")) {
            Response created = apiKey(key).body(body(s.instanceId(), "group-5", "group-6")).post("/v1/program-events");
            created.then().statusCode(201).header("Location", containsString("/v1/program-events/"))
                    .body("programInstanceId", equalTo(s.instanceId())).body("type", equalTo("discharge"))
                    .body("dispatches", hasSize(2)).body("cancelledAt", nullValue())
                    .body("dispatches[0].type", equalTo("battery:set-reserve"))
                    .body("dispatches[0].input.chargePercentage", equalTo(20))
                    .body("dispatches[0].issuedAt", notNullValue())
                    .body("dispatches[0].metrics.counts.total", equalTo(2))
                    .body("dispatches[0].metrics.counts.pending", equalTo(2))
                    .body("dispatches[1].metrics.counts.total", equalTo(1));
            CoreApiSchema.assertValid("/program-events", Request.Method.POST, 201, created.asString());
            String id = created.jsonPath().getString("id");
            String reserve = created.jsonPath().getString("dispatches[0].id");
            String mode = created.jsonPath().getString("dispatches[1].id");

            // each dispatch is an OpenADR event of the /v2 table, reaching exactly its tag's VENs
            assertThat(reachedVens(reserve, "CREATE")).containsExactlyInAnyOrder(s.venA(), s.venB());
            assertThat(reachedVens(mode, "CREATE")).containsExactly(s.venC());
            Response openadr = utility(s.utility()).get("/v2/events/" + reserve);
            openadr.then().statusCode(200).body("programID", equalTo(s.programId()))
                    .body("eventName", equalTo("discharge")).body("targets", hasItems("group-5"));
            OpenAdrSchema.assertValid("/events/" + reserve, Request.Method.GET, 200, openadr.asString());
            JsonNode notification = awaitNotification(venA, null, reserve, "CREATE");
            JsonNode payloads = notification.at("/object/intervals/0/payloads");
            assertThat(payloads.findValuesAsText("type")).contains("x-command:TYPE", "x-command:CHARGE_PERCENTAGE",
                    "x-config:BACKUP_RESERVE_PCT", "x-telemetry:DURATION_MINUTES");
            assertThat(payloads.get(0).at("/values/0").asText()).isEqualTo("battery:set-reserve");

            // answers count per dispatch: scheduled (accepted/executing), completed, pending
            KafkaTestProducer.send("telemetry.raw", s.deviceA(),
                    commandStatus(s.deviceA(), reserve, "COMPLETED", null));
            KafkaTestProducer.send("telemetry.raw", s.deviceB(),
                    commandStatus(s.deviceB(), reserve, "ACCEPTED", null));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM command_status WHERE event_id = ?", reserve) == 2);
            Response read = apiKey(key).get("/v1/program-events/" + id);
            read.then().statusCode(200).body("dispatches[0].metrics.counts.completed", equalTo(1))
                    .body("dispatches[0].metrics.counts.scheduled", equalTo(1))
                    .body("dispatches[0].metrics.counts.pending", equalTo(0))
                    .body("dispatches[0].metrics.counts.failed", equalTo(0));
            CoreApiSchema.assertValid("/program-events/" + id, Request.Method.GET, 200, read.asString());

            // list, newest first, paged
            String second = apiKey(key).body(body(s.instanceId(), "group-6", "group-6")).post("/v1/program-events")
                    .then().statusCode(201).extract().jsonPath().getString("id");
            Response list = apiKey(key).get("/v1/programInstances/" + s.instanceId() + "/events");
            list.then().statusCode(200).body("data.id", equalTo(List.of(second, id))).body("totalItems", equalTo(2))
                    .body("page", equalTo(1)).body("perPage", equalTo(100)).body("totalPages", equalTo(1));
            CoreApiSchema.assertValid("/programInstances/" + s.instanceId() + "/events", Request.Method.GET, 200,
                    list.asString());
            apiKey(key).queryParam("perPage", 1).queryParam("page", 2)
                    .get("/v1/programInstances/" + s.instanceId() + "/events").then().statusCode(200)
                    .body("data.id", equalTo(List.of(id))).body("totalPages", equalTo(2));
            apiKey(key).queryParam("perPage", 101).get("/v1/programInstances/" + s.instanceId() + "/events")
                    .then().statusCode(400).body("errors.field", hasItems("perPage"));
            apiKey(key).queryParam("page", "x").get("/v1/programInstances/" + s.instanceId() + "/events")
                    .then().statusCode(400).body("errors.field", hasItems("page"));

            // cancel: VENs are told DELETE, the OpenADR events are gone, the program event stays, marked
            apiKey(key).delete("/v1/program-events/" + id).then().statusCode(200).body("cancelledAt", notNullValue());
            awaitNotification(venA, null, reserve, "DELETE");
            assertThat(reachedVens(mode, "DELETE")).containsExactly(s.venC());
            utility(s.utility()).get("/v2/events/" + reserve).then().statusCode(404);
            String cancelledAt = apiKey(key).get("/v1/program-events/" + id).then().statusCode(200)
                    .extract().jsonPath().getString("cancelledAt");
            apiKey(key).delete("/v1/program-events/" + id).then().statusCode(200)
                    .body("cancelledAt", equalTo(cancelledAt));
            assertThat(count("SELECT count(*) FROM outbox_message WHERE message_key = ? AND type = 'event.changed'",
                    reserve)).as("a second cancel notifies nobody again").isEqualTo(2);
        }
    }

    @Test
    void invalidRequestsNameEveryField() {
        Setup s = setup();
        String key = TestCredentials.serverApiKey(s.utility());
        apiKey(key).body("{}").post("/v1/program-events").then().statusCode(400)
                .body("errors.field", hasItems("programInstanceId", "type", "startsAt", "endsAt", "dispatches"));
        apiKey(key).body("[]").post("/v1/program-events").then().statusCode(400)
                .body("errors.field", hasItems("body"));
        String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String bad = """
                {"programInstanceId":"%s","type":"discharge","startsAt":"%s","endsAt":"%s","color":"red",
                 "dispatches":[
                   {"tag":"","startsAt":"yesterday","endsAt":"%s","type":"battery:explode","input":{}},
                   {"tag":"g","startsAt":"%s","endsAt":"%s","type":"battery:set-reserve",
                    "input":{"chargePercentage":120,"extra":1}},
                   {"tag":"g","startsAt":"%s","endsAt":"%s","type":"thermostat:set-operating-mode",
                    "input":{"operatingMode":"heat"}},
                   {"tag":"g","startsAt":"%s","endsAt":"%s","type":"vehicle:set-charge-limit",
                    "input":{"chargeLimit":50.5,"requireHomeLocation":"yes"}},
                   {"tag":"g","startsAt":"%s","endsAt":"2999-01-01T00:00:00Z","type":"thermostat:set-fan-mode",
                    "input":{"fanMode":"turbo"}}]}
                """.formatted(s.instanceId(), start, end, end, start, end, start, end, start, end, start);
        Response r = apiKey(key).body(bad).post("/v1/program-events");
        r.then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("color", "dispatches[0].tag", "dispatches[0].startsAt",
                        "dispatches[0].type", "dispatches[1].input.chargePercentage", "dispatches[1].input.extra",
                        "dispatches[2].input.heatTarget", "dispatches[3].input.chargeLimit",
                        "dispatches[3].input.requireHomeLocation", "dispatches[4].input.fanMode",
                        "dispatches[4].endsAt"));
        String past = Instant.now().minus(2, ChronoUnit.HOURS).toString();
        apiKey(key).body(body(s.instanceId(), "g", "g").replaceFirst("\"endsAt\":\"[^\"]+\"",
                        "\"endsAt\":\"" + past + "\"")).post("/v1/program-events").then().statusCode(400)
                .body("errors.field", hasItems("endsAt"));
        assertThat(countEvents(s.instanceId())).isZero();
    }

    @Test
    void anotherOrganizationGets404AndAnOemOrABearerToken403WithNothingWritten() throws Exception {
        Setup s = setup();
        String key = TestCredentials.serverApiKey(s.utility());
        String id = apiKey(key).body(body(s.instanceId(), "group-5", "group-6")).post("/v1/program-events")
                .then().statusCode(201).extract().jsonPath().getString("id");
        long dispatched = count("SELECT count(*) FROM dispatch_event WHERE program_id = ?", s.programId());
        assertThat(dispatched).isEqualTo(2);

        String otherUtility = TestCredentials.serverApiKey(id("utl"));
        apiKey(otherUtility).get("/v1/program-events/" + id).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        apiKey(otherUtility).delete("/v1/program-events/" + id).then().statusCode(404);
        apiKey(otherUtility).get("/v1/programInstances/" + s.instanceId() + "/events").then().statusCode(404);
        apiKey(otherUtility).body(body(s.instanceId(), "group-5", "group-6")).post("/v1/program-events").then()
                .statusCode(404).body("detail", containsString(s.instanceId()));
        apiKey(key).get("/v1/program-events/" + id("nope")).then().statusCode(404);
        apiKey(key).body(body(id("ins"), "g", "g")).post("/v1/program-events").then().statusCode(404);
        // a key bound to another workspace of the same organization does not see the instance
        apiKey(TestCredentials.workspaceServerApiKey(s.utility(), id("wsp"), TestCredentials.UTILITY))
                .get("/v1/programInstances/" + s.instanceId() + "/events").then().statusCode(404);

        // issue 13: an OEM organization cannot create events, whatever it holds
        String oemKey = TestCredentials.serverApiKey(s.oem(), TestCredentials.OEM);
        apiKey(oemKey).body(body(s.instanceId(), "group-5", "group-6")).post("/v1/program-events").then()
                .statusCode(403).contentType(containsString("application/problem+json"));
        apiKey(oemKey).get("/v1/program-events/" + id).then().statusCode(403);
        apiKey(oemKey).delete("/v1/program-events/" + id).then().statusCode(403);
        String oemToken = TestCredentials.oemBearer(s.oem(), "write_events", "read_all", "write_programs",
                "read_events", "write_vens", "write_subscriptions", "write_reports");
        Fixtures.token(oemToken).body(Fixtures.event(s.programId(), "[]", -5.0)).post("/v2/events").then()
                .statusCode(403).contentType(containsString("application/problem+json"));
        Fixtures.token(TestCredentials.bearerForVen(s.oem(), s.venA(), "write_events", "read_events"))
                .body(Fixtures.event(s.programId(), "[]", -5.0)).post("/v2/events").then().statusCode(403);
        // the utility's bearer token is not a SERVER key: the core API is for keys
        utility(s.utility()).body(body(s.instanceId(), "group-5", "group-6")).post("/v1/program-events").then()
                .statusCode(403);
        apiKey(key).get("/v1/program-events/" + id).then().statusCode(200).body("cancelledAt", nullValue());
        assertThat(countEvents(s.instanceId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dispatch_event WHERE program_id = ?", s.programId()))
                .isEqualTo(dispatched);
    }

    @Test
    void aDeletedInstanceTakesNoMoreEvents() {
        Setup s = setup();
        instance("programInstance.deleted", s.instanceId(), s.programId(), s.utility(), null);
        apiKey(TestCredentials.serverApiKey(s.utility())).body(body(s.instanceId(), "group-5", "group-6"))
                .post("/v1/program-events").then().statusCode(404);
    }

    private static long countEvents(String instanceId) {
        try {
            return count("SELECT count(*) FROM program_event WHERE program_instance_id = ?", instanceId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
