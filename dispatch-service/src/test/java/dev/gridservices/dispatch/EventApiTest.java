package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.enrolledDevice;
import static dev.gridservices.dispatch.Fixtures.event;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.program;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.utility;
import static dev.gridservices.dispatch.Fixtures.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.atlassian.oai.validator.model.Request;
import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v2/events: utility writes for its own programs, validation, and what each VEN may see. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class EventApiTest {

    @Test
    void theUtilityCreatesReadsReplacesAndDeletesAnEventOfItsProgram() {
        String utility = id("utl");
        String programId = id("prg");
        program(programId, utility);

        Response created = utility(utility).body(event(programId, "[]", -5.0)).post("/v2/events");
        created.then().statusCode(201).header("Location", containsString("/v2/events/"));
        String body = created.asString();
        OpenAdrSchema.assertValid("/events", Request.Method.POST, 201, body);
        String eventId = created.jsonPath().getString("id");
        assertThat(created.jsonPath().getString("objectType")).isEqualTo("EVENT");
        assertThat(created.jsonPath().getString("createdDateTime")).endsWith("Z");

        Response read = utility(utility).get("/v2/events/" + eventId);
        read.then().statusCode(200);
        OpenAdrSchema.assertValid("/events/" + eventId, Request.Method.GET, 200, read.asString());

        Response replaced = utility(utility).body(event(programId, "[]", -3.0)).put("/v2/events/" + eventId);
        replaced.then().statusCode(200);
        OpenAdrSchema.assertValid("/events/" + eventId, Request.Method.PUT, 200, replaced.asString());
        assertThat(replaced.jsonPath().getDouble("intervals[0].payloads[0].values[0]")).isEqualTo(-3.0);

        utility(utility).delete("/v2/events/" + eventId).then().statusCode(200);
        utility(utility).get("/v2/events/" + eventId).then().statusCode(404);
    }

    @Test
    void payloadsAreValidatedWithProblemsNamingEachField() {
        String utility = id("utl");
        String programId = id("prg");
        program(programId, utility);
        String bad = """
                {"programID":"%s","priority":-1,"intervalPeriod":{"start":"yesterday"},
                 "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[7]},
                                                   {"type":"IMPORT_CAPACITY_LIMIT","values":[-2]},
                                                   {"type":"DISPATCH_SETPOINT","values":["fast"]},
                                                   {"type":"x-telemetry:FAN_MODE","values":["TURBO"]},
                                                   {"type":"NOT_A_TYPE","values":[1]}]}]}
                """.formatted(programId);
        utility(utility).body(bad).post("/v2/events").then().statusCode(400)
                .body("errors.field", hasItem("priority"))
                .body("errors.field", hasItem("intervalPeriod.start"))
                .body("errors.field", hasItem("intervals[0].payloads[0].values[0]"))
                .body("errors.field", hasItem("intervals[0].payloads[1].values[0]"))
                .body("errors.field", hasItem("intervals[0].payloads[2].values[0]"))
                .body("errors.field", hasItem("intervals[0].payloads[3].values[0]"))
                .body("errors.field", hasItem("intervals[0].payloads[4].type"));
        utility(utility).body("{\"eventName\":\"x\"}").post("/v2/events").then().statusCode(400)
                .body("errors.field", hasItem("programID")).body("errors.field", hasItem("intervals"));
    }

    @Test
    void onlyTheProgramsOwnUtilityWritesItsEvents() {
        String owner = id("utl");
        String programId = id("prg");
        program(programId, owner);
        utility(id("utl")).body(event(programId, "[]", -5.0)).post("/v2/events").then().statusCode(400)
                .body("errors.field", hasItem("programID"));
        utility(owner).body(event("unknown-program", "[]", -5.0)).post("/v2/events").then().statusCode(400);
        Fixtures.token(TestCredentials.oemBearer(id("oem"), "write_events")).body(event(programId, "[]", -5.0))
                .post("/v2/events").then().statusCode(403);
        Fixtures.token(TestCredentials.bearer(owner, "read_all")).body(event(programId, "[]", -5.0))
                .post("/v2/events").then().statusCode(403);
        String eventId = utility(owner).body(event(programId, "[]", -5.0)).post("/v2/events").jsonPath().get("id");
        String other = id("utl");
        utility(other).get("/v2/events/" + eventId).then().statusCode(404);
        utility(other).body(event(programId, "[]", 1.0)).put("/v2/events/" + eventId).then().statusCode(404);
        utility(other).delete("/v2/events/" + eventId).then().statusCode(404);
    }

    @Test
    void aVenSeesOnlyEventsThatReachItInProgramsItIsEnrolledIn() {
        Scenario s = scenario();
        String venA = id("ven");
        String venB = id("ven");
        String venOutside = id("ven");
        String deviceA = s.enrolledDevice(venA);
        s.enrolledDevice(venB);
        // enrolled in another program only
        String otherProgram = id("prg");
        program(otherProgram, s.utility());
        enrolledDevice(otherProgram, s.utility(), s.oem(), venOutside);

        String all = s.createEvent("[]", -5.0);
        String onlyA = s.createEvent("[\"" + deviceA + "\",\"" + venB + "-x\"]", -5.0);

        Response listA = ven(s.oem(), venA).queryParam("programID", s.programId()).get("/v2/events");
        listA.then().statusCode(200).body("id", hasItem(all)).body("id", hasItem(onlyA));
        OpenAdrSchema.assertValid("/events", Request.Method.GET, 200, listA.asString());
        // the VEN sees only the targets naming its own device
        assertThat(ven(s.oem(), venA).get("/v2/events/" + onlyA).jsonPath().getList("targets"))
                .isEqualTo(List.of(deviceA));

        ven(s.oem(), venB).get("/v2/events").then().statusCode(200).body("id", hasItem(all))
                .body("findAll { it.id == '" + onlyA + "' }", hasSize(0));
        ven(s.oem(), venB).get("/v2/events/" + onlyA).then().statusCode(404);
        ven(s.oem(), venOutside).get("/v2/events/" + all).then().statusCode(404);
        ven(id("oem"), venA).get("/v2/events/" + all).then().statusCode(404);
        ven(s.oem(), venA).queryParam("limit", "51").get("/v2/events").then().statusCode(400);
        ven(s.oem(), venA).queryParam("active", "maybe").get("/v2/events").then().statusCode(400);
        ven(s.oem(), venA).queryParam("active", "true").queryParam("programID", s.programId()).get("/v2/events")
                .then().statusCode(200).body("id", hasItem(all));
    }

    @Test
    void anEventMayTargetAVenByItsName() {
        Scenario s = scenario();
        String venId = id("ven");
        String venName = "fleet-" + venId;
        Fixtures.venNamed(venId, venName, s.oem());
        s.enrolledDevice(venId);
        String other = s.enrolledVen();
        String eventId = s.createEvent("[\"" + venName + "\"]", -5.0);
        assertThat(ven(s.oem(), venId).get("/v2/events/" + eventId).then().statusCode(200).extract().jsonPath()
                .getList("targets")).isEqualTo(List.of(venName));
        ven(s.oem(), other).get("/v2/events/" + eventId).then().statusCode(404);
    }

    @Test
    void aRevokedDevicesVenNoLongerSeesTheEvent() {
        Scenario s = scenario();
        String venId = id("ven");
        String enrollmentId = id("enr");
        String device = id("res");
        s.enrollment(enrollmentId, 1, "enrolled", venId, device, "bat-1");
        String eventId = s.createEvent("[]", -5.0);
        ven(s.oem(), venId).get("/v2/events/" + eventId).then().statusCode(200);

        s.enrollment(enrollmentId, 2, "revoked", venId, device, "bat-1");
        ven(s.oem(), venId).get("/v2/events/" + eventId).then().statusCode(404);
        // an older fact arriving late does not bring the device back
        s.enrollment(enrollmentId, 1, "enrolled", venId, device, "bat-1");
        // same key (device), so applied after the late fact: the positive marker that it was processed
        String marker = id("enr");
        s.enrollment(marker, 1, "pending", venId, device, "bat-1");
        ven(s.oem(), venId).get("/v2/events/" + eventId).then().statusCode(404);
    }
}
