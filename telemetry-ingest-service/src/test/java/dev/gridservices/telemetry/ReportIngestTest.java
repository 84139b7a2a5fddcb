package dev.gridservices.telemetry;

import static dev.gridservices.telemetry.Fixtures.VALID_PAYLOADS;
import static dev.gridservices.telemetry.Fixtures.now;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /v2/reports end to end on the real broker and database, and who may read what. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ReportIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeviceDirectory devices;

    @Inject
    EventDirectory events;

    @Test
    void aBatchOf500IsAcceptedAndBecomes500RecordsOnTelemetryRaw() throws Exception {
        Fixtures.Ven ven = Fixtures.Ven.create();
        List<String> names = IntStream.range(0, 500).mapToObj(i -> "BAT-" + i).toList();
        // 500 announcements in one producer session, then one wait for the read model.
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String id = Fixtures.newId("res_");
            ids.add(id);
            Fixtures.announceResource(id, name, ven.venId(), ven.organizationId(), "BATTERY");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream().allMatch(id -> devices.byId(id).isPresent()));
        String start = now();
        String resources = names.stream().map(n -> """
                {"resourceName":"%s","intervalPeriod":{"start":"%s","duration":"PT0S"},"intervals":[{"id":0,"payloads":[%s]}]}"""
                .formatted(n, start, VALID_PAYLOADS.get(DeviceType.BATTERY))).collect(Collectors.joining(","));
        String body = "{\"eventID\":null,\"clientName\":\"" + ven.venId() + "\",\"resources\":[" + resources + "]}";

        String reportId = ven.caller().body(body).post("/v2/reports").then().statusCode(201)
                .body("resources", hasSize(500)).extract().path("id");

        List<ConsumerRecord<String, String>> records = TopicReader.read("telemetry.raw",
                r -> r.value().contains(reportId), 500, Duration.ofSeconds(30));
        assertThat(records).hasSize(500);
        assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode envelope = JSON.readTree(records.get(0).value());
        assertThat(envelope.get("type").asText()).isEqualTo("telemetry.reading");
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("tenant").asText()).isEqualTo(ven.organizationId());
        JsonNode payload = envelope.get("payload");
        assertThat(payload.get("deviceId").asText()).isEqualTo(records.get(0).key());
        assertThat(payload.get("venId").asText()).isEqualTo(ven.venId());
        assertThat(payload.get("deviceType").asText()).isEqualTo("BATTERY");
        assertThat(payload.get("start").asText()).isEqualTo(start);
        assertThat(payload.get("duration").asText()).isEqualTo("PT0S");
        assertThat(payload.get("eventId").isNull()).isTrue();
        assertThat(payload.get("reportId").asText()).isEqualTo(reportId);
        assertThat(payload.get("payloads").get("STORAGE_CHARGE_LEVEL").asInt()).isEqualTo(85);
        assertThat(payload.get("payloads").get("x-telemetry:CHARGING_STATE").asText()).isEqualTo("CHARGING");
        assertThat(payload.get("receivedAt").asText()).isNotEmpty();
    }

    @Test
    void unknownAndForeignResourcesAreRefusedAlikeAndNothingIsProduced() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        Fixtures.Ven other = Fixtures.Ven.create();
        ven.resource("MINE-1", DeviceType.BATTERY, devices);
        other.resource("THEIRS-1", DeviceType.BATTERY, devices);
        String body = """
                {"eventID":null,"clientName":"c","resources":[
                {"resourceName":"MINE-1","intervalPeriod":{"start":"%s"},"intervals":[{"id":0,"payloads":[%s]}]},
                {"resourceName":"THEIRS-1","intervalPeriod":{"start":"%s"},"intervals":[{"id":0,"payloads":[%s]}]},
                {"resourceName":"NOBODYS","intervalPeriod":{"start":"%s"},"intervals":[{"id":0,"payloads":[%s]}]}]}"""
                .formatted(now(), VALID_PAYLOADS.get(DeviceType.BATTERY), now(), VALID_PAYLOADS.get(DeviceType.BATTERY),
                        now(), VALID_PAYLOADS.get(DeviceType.BATTERY));
        ven.caller().body(body).post("/v2/reports").then().statusCode(400)
                .body("errors.field", is(List.of("resources[1].resourceName", "resources[2].resourceName")))
                .body("errors.message", hasItem("resource THEIRS-1 is not registered for VEN " + ven.venId()))
                .body("errors.message", hasItem("resource NOBODYS is not registered for VEN " + ven.venId()));
        // Whole batch refused: the VEN has no report, MINE-1's reading did not go out either.
        ven.caller().get("/v2/reports").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anEventIdMustExistAndTargetTheCallerAndThenTheUtilitySeesTheReport() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("EVT-BAT", DeviceType.BATTERY, devices);
        String utility = Fixtures.newId("org_");
        String mine = Fixtures.newId("evt_");
        String notMine = Fixtures.newId("evt_");
        String byResource = Fixtures.newId("evt_");
        Fixtures.announceEvent(mine, "prg_a", utility, List.of(ven.venId()), List.of(ven.venId()), events);
        Fixtures.announceEvent(notMine, "prg_a", utility, List.of("ven_someone_else"), List.of("ven_someone_else"),
                events);
        // Targeted by resource name: dispatch-service resolves that to the VEN in venIDs.
        Fixtures.announceEvent(byResource, "prg_b", utility, List.of(ven.venId()), List.of("EVT-BAT"), events);
        String payloads = VALID_PAYLOADS.get(DeviceType.BATTERY);

        for (String unknown : List.of(notMine, "evt_does_not_exist")) {
            ven.caller().body(Fixtures.report("c", unknown, "EVT-BAT", now(), payloads)).post("/v2/reports").then()
                    .statusCode(400).body("errors[0].field", is("eventID"))
                    .body("errors[0].message", is("no event " + unknown + " targets VEN " + ven.venId()));
        }
        String answer = ven.caller().body(Fixtures.report("c", mine, "EVT-BAT", now(), payloads)).post("/v2/reports")
                .then().statusCode(201).extract().path("id");
        String answerByResource = ven.caller().body(Fixtures.report("c", byResource, "EVT-BAT", now(), payloads))
                .post("/v2/reports").then().statusCode(201).extract().path("id");
        String routine = ven.caller().body(Fixtures.batteryReport(ven, "EVT-BAT")).post("/v2/reports").then()
                .statusCode(201).extract().path("id");
        // A deleted event takes no further reports; the ones already made stay the utility's.
        Fixtures.deleteEvent(mine, "prg_a", utility, List.of(ven.venId()), List.of(ven.venId()), events);
        ven.caller().body(Fixtures.report("c", mine, "EVT-BAT", now(), payloads)).post("/v2/reports").then()
                .statusCode(400).body("errors[0].field", is("eventID"));

        var utilityCaller = given().auth().oauth2(TestCredentials.bearer(utility, "read_all")).accept(ContentType.JSON);
        utilityCaller.get("/v2/reports").then().statusCode(200).body("id", is(List.of(answer, answerByResource)));
        given().auth().oauth2(TestCredentials.bearer(utility, "read_all")).queryParam("programID", "prg_b")
                .get("/v2/reports").then().statusCode(200).body("id", is(List.of(answerByResource)));
        given().auth().oauth2(TestCredentials.bearer(utility, "read_all")).get("/v2/reports/" + routine).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestCredentials.bearer(utility, "read_all")).get("/v2/reports/" + answer).then()
                .statusCode(200).body("eventID", is(mine));
        // Another utility sees none of them.
        given().auth().oauth2(TestCredentials.bearer(Fixtures.newId("org_"), "read_all")).get("/v2/reports").then()
                .statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aVenSeesUpdatesAndDeletesOnlyItsOwnReports() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        Fixtures.Ven other = Fixtures.Ven.create();
        ven.resource("OWN-1", DeviceType.BATTERY, devices);
        String id = ven.caller().body(Fixtures.batteryReport(ven, "OWN-1")).post("/v2/reports").then().statusCode(201)
                .extract().path("id");
        other.caller().get("/v2/reports/" + id).then().statusCode(404);
        other.caller().get("/v2/reports").then().statusCode(200).body("$", hasSize(0));
        other.caller().body(Fixtures.batteryReport(ven, "OWN-1")).put("/v2/reports/" + id).then().statusCode(404);
        other.caller().delete("/v2/reports/" + id).then().statusCode(404);

        ven.caller().queryParam("clientName", ven.venId()).get("/v2/reports").then().statusCode(200).body("id", is(List.of(id)));
        ven.caller().queryParam("clientName", "nobody").get("/v2/reports").then().statusCode(200).body("$", hasSize(0));
        String updated = Fixtures.batteryReport(ven, "OWN-1").replace("\"reportName\":\"test\"", "\"reportName\":\"second\"");
        ven.caller().body(updated).put("/v2/reports/" + id).then().statusCode(200).body("id", is(id))
                .body("reportName", is("second")).body("modificationDateTime", notNullValue());
        ven.caller().body(updated.replace("[85]", "[150]")).put("/v2/reports/" + id).then().statusCode(400);
        ven.caller().delete("/v2/reports/" + id).then().statusCode(200).body("id", is(id));
        ven.caller().get("/v2/reports/" + id).then().statusCode(404);
        ven.caller().queryParam("limit", 51).get("/v2/reports").then().statusCode(400)
                .body("errors[0].field", is("limit"));
        ven.caller().queryParam("skip", "1.5").get("/v2/reports").then().statusCode(400)
                .body("errors[0].field", is("skip"));
    }

    @Test
    void onlyAVensClientWithWriteReportsMayPost() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("AUTH-1", DeviceType.BATTERY, devices);
        String body = Fixtures.batteryReport(ven, "AUTH-1");
        given().contentType(ContentType.JSON).body(body).post("/v2/reports").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestCredentials.bearerForVen(ven.organizationId(), ven.venId(), "read_ven_objects"))
                .contentType(ContentType.JSON).body(body).post("/v2/reports").then().statusCode(403);
        given().auth().oauth2(TestCredentials.bearer(ven.organizationId(), "write_reports"))
                .contentType(ContentType.JSON).body(body).post("/v2/reports").then().statusCode(403);
        given().auth().oauth2(TestCredentials.oemBearer(ven.organizationId(), "write_reports"))
                .contentType(ContentType.JSON).body(body).post("/v2/reports").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("bound to no VEN"));
        given().header("Texture-Api-Key", TestCredentials.manufacturerApiKey(ven.organizationId()))
                .contentType(ContentType.JSON).body(body).post("/v2/reports").then().statusCode(403);
    }

    @Test
    void aDevicePastSixtyReportsAMinuteGets429WithRetryAfter() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("CHATTY-1", DeviceType.BATTERY, devices);
        ven.resource("QUIET-1", DeviceType.BATTERY, devices);
        String token = ven.token();
        long started = System.nanoTime();
        int accepted = 0;
        io.restassured.response.Response refused = null;
        while (refused == null && accepted < 200) {
            io.restassured.response.Response r = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Fixtures.batteryReport(ven, "CHATTY-1")).post("/v2/reports");
            if (r.statusCode() == 201) {
                accepted++;
            } else {
                refused = r;
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        // 60 at once, then the bucket refills greedily: one more per second elapsed.
        assertThat(accepted).isBetween(60, 60 + (int) seconds + 1);
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", org.hamcrest.Matchers.containsString("60 report requests per minute"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Fixtures.batteryReport(ven, "QUIET-1"))
                .post("/v2/reports").then().statusCode(201);
    }

    @Test
    void anAccountPastItsLimitGets429() {
        // telemetry.rate-limit.per-account."org_limited" = 3 in the test configuration.
        Fixtures.Ven ven = new Fixtures.Ven("org_limited", Fixtures.newId("ven_"));
        ven.resource("LIM-1", DeviceType.BATTERY, devices);
        for (int i = 0; i < 3; i++) {
            ven.caller().body(Fixtures.batteryReport(ven, "LIM-1")).post("/v2/reports").then().statusCode(201);
        }
        ven.caller().body(Fixtures.batteryReport(ven, "LIM-1")).post("/v2/reports").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", is("https://direct.texturehq.com/errors/rate-limited"));
    }
}
