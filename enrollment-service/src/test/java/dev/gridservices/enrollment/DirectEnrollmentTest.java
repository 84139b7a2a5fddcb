package dev.gridservices.enrollment;

import static dev.gridservices.enrollment.Fixtures.consent;
import static dev.gridservices.enrollment.Fixtures.enrollment;
import static dev.gridservices.enrollment.Fixtures.instance;
import static dev.gridservices.enrollment.Fixtures.newId;
import static dev.gridservices.enrollment.Fixtures.oem;
import static dev.gridservices.enrollment.Fixtures.offer;
import static dev.gridservices.enrollment.Fixtures.program;
import static dev.gridservices.enrollment.Fixtures.resource;
import static dev.gridservices.enrollment.Fixtures.site;
import static dev.gridservices.enrollment.Fixtures.utility;
import static dev.gridservices.enrollment.Fixtures.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Direct API (OEM side): enrollment with consent, territory, lifecycle, change events, two organizations. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class DirectEnrollmentTest {

    /** A utility offering a program to an OEM, and the OEM's VEN, site and device. */
    record World(String utility, String oem, String venId, String programId, String instanceId, String siteId,
                 String resourceId) {
    }

    static World world(String outcome, String connectivity, Object criteria) {
        String utility = newId("util-");
        String oem = newId("oem-");
        String venId = newId("ven_");
        String programId = program(utility, "private", "demand_response");
        String instanceId = instance(utility, programId, "active", criteria);
        offer(utility, programId, List.of(oem), false);
        String siteId = site(oem, "NY", outcome, "util-coned");
        String resourceId = resource(oem, venId, siteId, connectivity);
        return new World(utility, oem, venId, programId, instanceId, siteId, resourceId);
    }

    static ValidatableResponse enroll(World w) {
        return oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(),
                consent(Instant.now().minus(1, ChronoUnit.DAYS)))).post("/v2/x-texture/enrollments").then();
    }

    static ValidatableResponse event(World w, String eventId, String type, Instant occurredAt, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("eventId", eventId);
        body.put("type", type);
        body.put("resourceID", w.resourceId());
        body.put("occurredAt", occurredAt.toString());
        return oem(w.oem()).body(body).post("/v2/x-texture/enrollments/events").then();
    }

    static List<String> history(World w, String id) {
        return oem(w.oem()).get("/v2/x-texture/enrollments/" + id).then().statusCode(200).extract()
                .jsonPath().getList("history.to");
    }

    @Test
    void matchedTerritoryEnrollsAndPublishesTheWholeState() {
        World w = world("matched", "online", Map.of("deviceTypes", List.of("battery")));
        String id = enroll(w).statusCode(201).body("state", equalTo("active"))
                .body("programID", equalTo(w.programId())).body("programInstanceId", equalTo(w.instanceId()))
                .body("venID", equalTo(w.venId())).body("consent.termsVersion", equalTo("v3.2"))
                .extract().path("id");
        assertThat(history(w, id)).containsExactly("eligible", "opted_in", "enrolled", "active");
        oem(w.oem()).get("/v2/x-texture/enrollments/" + id).then().body("history[0].cause", equalTo("territory_matched"))
                .body("history[0].actor", equalTo("oem:" + w.oem())).body("history[1].occurredAt", notNullValue());

        JsonNode created = Fixtures.latest(id, 1);
        assertThat(created.path("type").asText()).isEqualTo("enrollment.created");
        JsonNode p = created.path("payload");
        assertThat(p.path("state").asText()).isEqualTo("active");
        assertThat(p.path("deviceId").asText()).isEqualTo(w.resourceId());
        assertThat(p.path("venId").asText()).isEqualTo(w.venId());
        assertThat(p.path("programId").asText()).isEqualTo(w.programId());
        assertThat(p.path("openadrProgramId").asText()).isEqualTo(w.programId());
        assertThat(p.path("programInstanceId").asText()).isEqualTo(w.instanceId());
        assertThat(p.path("utilityOrganizationId").asText()).isEqualTo(w.utility());
        assertThat(p.path("oemOrganizationId").asText()).isEqualTo(w.oem());
        assertThat(p.path("transitions")).hasSize(4);
        assertThat(created.path("version").asInt()).isEqualTo(1);

        // The utility sees the enrollment in its instance, with the device's summary and nothing more.
        utility(w.utility()).get("/v1/enrollments/" + id).then().statusCode(200)
                .body("kind", equalTo("direct")).body("eligibility.status", equalTo("approved"))
                .body("devices[0].id", equalTo(w.resourceId())).body("devices[0].type", equalTo("battery"));
        utility(w.utility()).get("/v1/programInstances/" + w.instanceId() + "/enrollments").then().statusCode(200)
                .body("data", hasSize(1));
        utility(newId("util-")).get("/v1/enrollments/" + id).then().statusCode(404);
    }

    @Test
    void territoryOutcomeDecidesTheFirstState() {
        World partial = world("partial", "online", null);
        String discovered = enroll(partial).statusCode(201).body("state", equalTo("discovered")).extract().path("id");
        World ambiguous = world("ambiguous", "online", null);
        String pending = enroll(ambiguous).statusCode(201).body("state", equalTo("pending_verification"))
                .extract().path("id");
        enroll(world("no_match", "online", null)).statusCode(400).body("errors[0].field", equalTo("siteID"))
                .body("detail", containsString("no_match"));
        enroll(world("invalid_location", "online", null)).statusCode(400).body("detail", containsString("invalid_location"));

        // A later territory match (devices.changed site.updated) moves them on: discovered/pending → eligible → …
        Fixtures.siteUpdate("site.updated", partial.oem(), partial.siteId(), "NY", "matched", "util-coned",
                Instant.now());
        assertThat(history(partial, discovered)).containsExactly("discovered", "eligible", "opted_in", "enrolled",
                "active");
        Fixtures.siteUpdate("site.updated", ambiguous.oem(), ambiguous.siteId(), "NY", "matched", "util-coned",
                Instant.now());
        assertThat(history(ambiguous, pending)).containsExactly("pending_verification", "eligible", "opted_in",
                "enrolled", "active");
    }

    @Test
    void consentFreshnessBoundaryAndRules() {
        World w = world("matched", "lost", null);
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        TestClock.pin(now);
        try {
            String path = "/v2/x-texture/enrollments";
            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(),
                            consent(now.minus(91, ChronoUnit.DAYS)))).post(path).then().statusCode(400)
                    .body("errors[0].field", equalTo("consent.timestamp")).body("detail", containsString("stale"));
            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(),
                            consent(now.minus(90, ChronoUnit.DAYS).minusSeconds(1)))).post(path).then().statusCode(400);
            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(),
                            consent(now.plusSeconds(1)))).post(path).then().statusCode(400)
                    .body("detail", containsString("future"));
            Map<String, Object> bad = consent(now);
            bad.put("optIn", false);
            bad.remove("source");
            bad.remove("termsVersion");
            bad.put("scope", List.of("karaoke"));
            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(), bad)).post(path).then()
                    .statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("consent.optIn",
                            "consent.source", "consent.termsVersion", "consent.scope"));
            Map<String, Object> otherType = consent(now);
            otherType.put("scope", List.of("rebate"));
            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(), otherType)).post(path).then()
                    .statusCode(400).body("detail", containsString("demand_response"));
            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(), null)).post(path).then()
                    .statusCode(400).body("errors[0].field", equalTo("consent"));

            oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), w.programId(),
                            consent(now.minus(90, ChronoUnit.DAYS)))).post(path).then().statusCode(201)
                    .body("state", equalTo("enrolled"));
        } finally {
            TestClock.unpin();
        }
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("enrollment_consent_refusals_total{rule=\"stale\"}"));
    }

    @Test
    void enrollmentIsIdempotentByDeviceAndProgram() throws Exception {
        World w = world("matched", "online", null);
        Map<String, Object> body = enrollment(w.resourceId(), w.siteId(), w.programId(),
                consent(Instant.now().minus(1, ChronoUnit.DAYS)));
        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> oem(w.oem()).body(body)
                .post("/v2/x-texture/enrollments").then().extract().path("id"));
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> oem(w.oem()).body(body)
                .post("/v2/x-texture/enrollments").then().extract().path("id"));
        assertThat(a.get()).isNotNull().isEqualTo(b.get());
        String again = oem(w.oem()).body(body).post("/v2/x-texture/enrollments").then().statusCode(200)
                .extract().path("id");
        assertThat(again).isEqualTo(a.get());
        oem(w.oem()).queryParam("resourceID", w.resourceId()).get("/v2/x-texture/enrollments").then().statusCode(200)
                .body("$", hasSize(1));
    }

    @Test
    void changeEventsReplayAndOrder() {
        World w = world("matched", "online", null);
        String id = enroll(w).statusCode(201).body("state", equalTo("active")).extract().path("id");
        Instant t0 = Instant.now().plusSeconds(1);

        event(w, "ev-1", "connectivity_lost", t0, Map.of("lastSeenAt", t0.minusSeconds(3600).toString()))
                .statusCode(200).body("outcome", equalTo("applied")).body("enrollments[0].state", equalTo("suspended"));
        event(w, "ev-1", "connectivity_lost", t0, Map.of("lastSeenAt", t0.toString())).statusCode(200)
                .body("replayed", equalTo(true)).body("outcome", equalTo("applied"));
        // Connectivity returns (devices.changed): suspended → active.
        Fixtures.resourceUpdate("device.updated", w.oem(), w.venId(), w.resourceId(), w.siteId(),
                "online", t0.plusSeconds(5));
        assertThat(history(w, id)).endsWith("suspended", "active");

        // Relocation to an ambiguous site re-runs the match from the site read model.
        String newSite = site(w.oem(), "NY", "ambiguous", null);
        event(w, "ev-2", "relocated", t0.plusSeconds(20), Map.of("newSiteID", newSite)).statusCode(200)
                .body("enrollments[0].state", equalTo("pending_verification"));
        // An older event does not override the newer one.
        event(w, "ev-3", "consent_revoked", t0.plusSeconds(10), Map.of("source", "app")).statusCode(200)
                .body("outcome", equalTo("stale")).body("enrollments[0].state", equalTo("pending_verification"));
        event(w, "ev-4", "consent_revoked", t0.plusSeconds(30), Map.of("source", "app")).statusCode(200)
                .body("outcome", equalTo("applied")).body("enrollments[0].state", equalTo("opted_out"));
        oem(w.oem()).get("/v2/x-texture/enrollments/" + id).then().body("consent.revokedAt", notNullValue());
        event(w, "ev-5", "decommissioned", t0.plusSeconds(40), Map.of("reason", "removed")).statusCode(200)
                .body("outcome", equalTo("no_enrollment"));
        assertThat(history(w, id)).containsExactly("eligible", "opted_in", "enrolled", "active", "suspended", "active",
                "pending_verification", "opted_out");

        JsonNode last = Fixtures.latest(id, 5);
        assertThat(last.path("type").asText()).isEqualTo("enrollment.ended");
        assertThat(last.path("payload").path("state").asText()).isEqualTo("opted_out");
        assertThat(last.path("payload").path("ended").asBoolean()).isTrue();

        event(w, "", "teleported", t0, Map.of()).statusCode(400);
        event(w, "ev-6", "relocated", t0, Map.of()).statusCode(400).body("errors[0].field", equalTo("newSiteID"));
        event(w, "ev-7", "consent_revoked", Instant.now().plus(1, ChronoUnit.DAYS), Map.of("source", "x"))
                .statusCode(400).body("errors[0].field", equalTo("occurredAt"));
    }

    @Test
    void revocationPathsEndEveryEnrollmentOfTheDevice() {
        World w = world("matched", "online", null);
        String first = enroll(w).statusCode(201).extract().path("id");
        // The same device in a second program: a revocation of the device ends both.
        String secondProgram = program(w.utility(), "public", "demand_response");
        instance(w.utility(), secondProgram, "active", null);
        String second = oem(w.oem()).body(enrollment(w.resourceId(), w.siteId(), secondProgram,
                consent(Instant.now().minusSeconds(60)))).post("/v2/x-texture/enrollments").then().statusCode(201)
                .extract().path("id");
        event(w, "own-1", "ownership_transferred", Instant.now(), Map.of("previousOwner", "a", "newOwner", "b"))
                .statusCode(200).body("enrollments.state", org.hamcrest.Matchers.everyItem(equalTo("revoked")))
                .body("enrollments", hasSize(2));
        assertThat(history(w, first)).endsWith("revoked");
        assertThat(history(w, second)).endsWith("revoked");

        World d = world("matched", "lost", null);
        String decommissioned = enroll(d).statusCode(201).body("state", equalTo("enrolled")).extract().path("id");
        event(d, "dec-1", "decommissioned", Instant.now(), Map.of("reason", "end of life")).statusCode(200)
                .body("enrollments[0].state", equalTo("revoked"));
        // Ended, the record stays; a new enrollment of the device can start over.
        oem(d.oem()).get("/v2/x-texture/enrollments/" + decommissioned).then().statusCode(200)
                .body("state", equalTo("revoked"));

        World u = world("matched", "online", null);
        String ended = enroll(u).statusCode(201).extract().path("id");
        utility(u.utility()).delete("/v1/enrollments/" + ended).then().statusCode(204);
        oem(u.oem()).get("/v2/x-texture/enrollments/" + ended).then().body("state", equalTo("revoked"));
        utility(u.utility()).body(Map.of("status", "eligible")).put("/v1/enrollments/" + ended + "/status").then()
                .statusCode(409);

        World r = world("matched", "online", null);
        String relocated = enroll(r).statusCode(201).extract().path("id");
        String outside = site(r.oem(), "NV", "no_match", null);
        event(r, "rel-1", "relocated", Instant.now(), Map.of("newSiteID", outside)).statusCode(200)
                .body("enrollments[0].state", equalTo("revoked"));
        assertThat(history(r, relocated)).endsWith("revoked");

        World x = world("matched", "online", null);
        String deleted = enroll(x).statusCode(201).extract().path("id");
        Fixtures.resourceUpdate("device.deleted", x.oem(), x.venId(), x.resourceId(), x.siteId(),
                "online", Instant.now());
        assertThat(history(x, deleted)).endsWith("revoked");
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("enrollment_revocation_latency_seconds"));
    }

    @Test
    void programMustBeOfferedAndOpen() {
        String utility = newId("util-");
        String oemOrg = newId("oem-");
        String venId = newId("ven_");
        String siteId = site(oemOrg, "NY", "matched", null);
        String resourceId = resource(oemOrg, venId, siteId, "online");
        Map<String, Object> consent = consent(Instant.now().minusSeconds(60));

        String privateProgram = program(utility, "private", "demand_response");
        instance(utility, privateProgram, "active", null);
        oem(oemOrg).body(enrollment(resourceId, siteId, privateProgram, consent)).post("/v2/x-texture/enrollments")
                .then().statusCode(404).body("errors[0].field", equalTo("programID"));
        offer(utility, privateProgram, List.of(newId("oem-")), false);
        oem(oemOrg).body(enrollment(resourceId, siteId, privateProgram, consent)).post("/v2/x-texture/enrollments")
                .then().statusCode(404);
        offer(utility, privateProgram, List.of(), true);
        oem(oemOrg).body(enrollment(resourceId, siteId, privateProgram, consent)).post("/v2/x-texture/enrollments")
                .then().statusCode(201);

        String publicProgram = program(utility, "public", "demand_response");
        instance(utility, publicProgram, "active", null);
        oem(oemOrg).body(enrollment(resourceId, siteId, publicProgram, consent)).post("/v2/x-texture/enrollments")
                .then().statusCode(201);

        String closed = program(utility, "public", "demand_response");
        instance(utility, closed, "archived", null);
        oem(oemOrg).body(enrollment(resourceId, siteId, closed, consent)).post("/v2/x-texture/enrollments")
                .then().statusCode(409).body("detail", containsString("archived"));

        String strict = program(utility, "public", "demand_response");
        instance(utility, strict, "active", Map.of("deviceTypes", List.of("ev_charger")));
        oem(oemOrg).body(enrollment(resourceId, siteId, strict, consent)).post("/v2/x-texture/enrollments")
                .then().statusCode(400).body("detail", containsString("device type battery is not in [ev_charger]"));

        // devices.changed carries no capacity, so a capacity rule cannot refuse: the device stays a candidate.
        String capacity = program(utility, "public", "demand_response");
        String capacityInstance = instance(utility, capacity, "active", Map.of("minimumCapacity", 20));
        String candidate = oem(oemOrg).body(enrollment(resourceId, siteId, capacity, consent))
                .post("/v2/x-texture/enrollments").then().statusCode(201).extract().path("id");
        utility(utility).get("/v1/enrollments/" + candidate).then().statusCode(200)
                .body("eligibility.programInstanceId", equalTo(capacityInstance));
    }

    @Test
    void organizationsAndVensSeeOnlyTheirOwn() {
        World w = world("matched", "online", null);
        String id = enroll(w).statusCode(201).extract().path("id");
        String other = newId("oem-");
        oem(other).get("/v2/x-texture/enrollments/" + id).then().statusCode(404);
        oem(other).get("/v2/x-texture/enrollments").then().statusCode(200).body("$", hasSize(0));
        oem(other).body(enrollment(w.resourceId(), w.siteId(), w.programId(), consent(Instant.now())))
                .post("/v2/x-texture/enrollments").then().statusCode(404);
        Map<String, Object> evt = Map.of("eventId", "x-1", "type", "decommissioned", "resourceID", w.resourceId(),
                "occurredAt", Instant.now().toString(), "reason", "stolen");
        oem(other).body(evt).post("/v2/x-texture/enrollments/events").then().statusCode(404);

        ven(w.oem(), w.venId()).get("/v2/x-texture/enrollments/" + id).then().statusCode(200);
        ven(w.oem(), newId("ven_")).get("/v2/x-texture/enrollments/" + id).then().statusCode(404);
        ven(w.oem(), newId("ven_")).get("/v2/x-texture/enrollments").then().statusCode(200).body("$", hasSize(0));

        RestAssured.given().get("/v2/x-texture/enrollments").then().statusCode(401);
        RestAssured.given().auth().oauth2(TestCredentials.oemBearer(w.oem(), "read_programs"))
                .get("/v2/x-texture/enrollments").then().statusCode(403);
        RestAssured.given().auth().oauth2(TestCredentials.bearer(w.utility(), "write_vens"))
                .get("/v2/x-texture/enrollments").then().statusCode(403);
        oem(w.oem()).queryParam("limit", "51").get("/v2/x-texture/enrollments").then().statusCode(400);
    }

    @Test
    void historyAndConsentAreAppendOnly() {
        World w = world("matched", "online", null);
        String id = enroll(w).statusCode(201).extract().path("id");
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Fixtures.sql("DELETE FROM consent_record WHERE enrollment_id = '" + id + "'"));
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Fixtures.sql("UPDATE enrollment_transition SET cause = 'x' WHERE enrollment_id = '" + id + "'"));
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Fixtures.sql("UPDATE consent_record SET source = 'x' WHERE enrollment_id = '" + id + "'"));
    }
}
