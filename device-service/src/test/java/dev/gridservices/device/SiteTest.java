package dev.gridservices.device;

import static dev.gridservices.device.Api.createVen;
import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oem;
import static dev.gridservices.device.Api.oemServer;
import static dev.gridservices.device.Api.siteBody;
import static dev.gridservices.device.Api.utilityServer;
import static dev.gridservices.device.Api.ven;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Sites on both APIs, with territory matching on the real CommonGrid data. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class SiteTest {

    private ValidatableResponse create(String org, Map<String, Object> body) {
        return oemServer(org).body(body).post("/v2/x-texture/sites").then();
    }

    @Test
    void denverMatchesPublicServiceCompanyOfColoradoAndIsEligibleOnceAProgramCoversColorado() {
        String org = newOrg();
        // No program covers CO for this organization yet (tests announce only private programs).
        create(org, siteBody("1600 Glenarm Pl", "Denver", "CO", "80202")).statusCode(201)
                .body("territoryMatch.outcome", equalTo("partial"))
                .body("programEligible", equalTo(false))
                .body("serviceTerritory", equalTo("PUBLIC_SERVICE_CO_OF_COLORADO"))
                .body("utilityName", equalTo("Public Service Company of Colorado"))
                .body("utilityEiaId", equalTo("15466"))
                .body("territoryMatch.candidates", hasSize(1))
                .body("timezone", equalTo("America/Denver"))
                .body("location.source", equalTo("zip_centroid"))
                .body("address.zip", equalTo("80202"));

        announceProgram(org, "private", true, "CO");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                create(org, siteBody("1600 Glenarm Pl", "Denver", "CO", "80202")).statusCode(201)
                        .body("territoryMatch.outcome", equalTo("matched"))
                        .body("programEligible", equalTo(true)));
    }

    @Test
    void aUtilityWithoutAnActiveProgramIsAPartialMatch() {
        String org = newOrg();
        // An inactive program for CO and an active one for another state do not make Denver eligible.
        announceProgram(org, "private", false, "CO");
        announceProgram(org, "private", true, "NY");
        announceProgram(newOrg(), "private", true, "CO");
        create(org, siteBody("1 Main St", "Denver", "CO", "80202")).statusCode(201)
                .body("territoryMatch.outcome", equalTo("partial"))
                .body("utilityEiaId", equalTo("15466"));
    }

    @Test
    void austinIsAmbiguousAndAcceptedPendingReview() {
        create(newOrg(), siteBody("301 W 2nd St", "Austin", "TX", "78701")).statusCode(201)
                .body("territoryMatch.outcome", equalTo("ambiguous"))
                .body("territoryMatch.pendingReview", equalTo(true))
                .body("territoryMatch.candidates.eiaId", containsInAnyOrder("1015", "14626", "1892"))
                .body("utilityName", nullValue())
                .body("serviceTerritory", nullValue())
                .body("programEligible", equalTo(false))
                .body("iso", equalTo("ERCOT"))
                .body("timezone", equalTo("America/Chicago"));
    }

    @Test
    void puertoRicoIsNoMatchAndTheGulfIsNoMatchToo() {
        // PREPA's territory is not a known distribution utility of the data set: no distribution utility.
        create(newOrg(), siteBody("Calle 1", "Adjuntas", "PR", "00601")).statusCode(201)
                .body("territoryMatch.outcome", equalTo("no_match"))
                .body("programEligible", equalTo(false));
        Map<String, Object> offshore = siteBody("Platform 7", "Houston", "TX", "77002");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) offshore.get("address");
        address.put("latitude", 26.0);
        address.put("longitude", -90.0);
        create(newOrg(), offshore).statusCode(201)
                .body("territoryMatch.outcome", equalTo("no_match"))
                .body("location.source", equalTo("caller"));
    }

    @Test
    void anUnknownZipIsAnInvalidLocation() {
        create(newOrg(), siteBody("1 Nowhere Rd", "Denver", "CO", "00000")).statusCode(201)
                .body("territoryMatch.outcome", equalTo("invalid_location"))
                .body("programEligible", equalTo(false))
                .body("location", nullValue());
    }

    @Test
    void sanFranciscoCarriesItsCca() {
        create(newOrg(), siteBody("1 Market St", "San Francisco", "CA", "94103")).statusCode(201)
                .body("cca", equalTo("CleanPowerSF"))
                .body("iso", equalTo("CAISO"));
    }

    @Test
    void theAddressIsValidatedFieldByField() {
        String org = newOrg();
        expectInvalid(org, siteBody(null, "Denver", "CO", "80202"), "address.street");
        expectInvalid(org, siteBody("1 Main", " ", "CO", "80202"), "address.city");
        expectInvalid(org, siteBody("1 Main", "Denver", "Colorado", "80202"), "address.state");
        expectInvalid(org, siteBody("1 Main", "Denver", "XX", "80202"), "address.state");
        expectInvalid(org, siteBody("1 Main", "Denver", "CO", "8020"), "address.zip");
        expectInvalid(org, siteBody("1 Main", "Denver", "CO", null), "address.zip");
        Map<String, Object> noName = siteBody("1 Main", "Denver", "CO", "80202");
        noName.remove("name");
        expectInvalid(org, noName, "name");
        Map<String, Object> noAddress = new HashMap<>(Map.of("name", "x"));
        expectInvalid(org, noAddress, "address");
    }

    private void expectInvalid(String org, Map<String, Object> body, String field) {
        create(org, body).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void replacingTheAddressMatchesAgain() {
        String org = newOrg();
        String id = create(org, siteBody("1 Main", "Denver", "CO", "80202")).statusCode(201).extract().path("id");
        oemServer(org).body(siteBody("301 W 2nd St", "Austin", "TX", "78701")).put("/v2/x-texture/sites/" + id)
                .then().statusCode(200).body("territoryMatch.outcome", equalTo("ambiguous"))
                .body("address.city", equalTo("Austin"));
        oemServer(org).get("/v2/x-texture/sites/" + id).then().statusCode(200)
                .body("territoryMatch.outcome", equalTo("ambiguous"));
        oemServer(org).body(siteBody("1 Main", "Denver", "CO", "8")).put("/v2/x-texture/sites/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("address.zip"));
    }

    @Test
    void oneSiteModelServesBothApis() {
        String org = newOrg();
        String id = create(org, siteBody("1600 Glenarm Pl", "Denver", "CO", "80202")).statusCode(201)
                .extract().path("id");
        oemServer(org).get("/v1/sites/" + id).then().statusCode(200)
                .body("location.streetOne", equalTo("1600 Glenarm Pl"))
                .body("location.postalCode", equalTo("80202"))
                .body("location.latitude", notNullValue())
                .body("utility.name", equalTo("Public Service Company of Colorado"))
                .body("territoryMatch", notNullValue());

        String v1 = oemServer(org).body(Map.of("streetOne", "301 W 2nd St", "city", "Austin", "state", "TX",
                        "postalCode", "78701", "country", "US", "referenceId", "ref-1"))
                .post("/v1/sites").then().statusCode(201).body("territoryMatch", equalTo("ambiguous"))
                .extract().path("id");
        oemServer(org).get("/v2/x-texture/sites/" + v1).then().statusCode(200).body("address.city", equalTo("Austin"));
        oemServer(org).body(Map.of("postalCode", "80202", "city", "Denver", "state", "CO")).patch("/v1/sites/" + v1)
                .then().statusCode(200).body("territoryMatch", equalTo("partial")).body("referenceId", equalTo("ref-1"));
        oemServer(org).body(Map.of("postalCode", "123")).patch("/v1/sites/" + v1)
                .then().statusCode(400).body("errors[0].field", equalTo("postalCode"));
        oemServer(org).queryParam("referenceId", "ref-1").get("/v1/sites").then().statusCode(200)
                .body("data", hasSize(1)).body("totalItems", equalTo(1)).body("data[0].id", equalTo(v1));
    }

    @Test
    void anotherOrganizationsOrAnotherVensSiteIsNotFound() {
        String org = newOrg();
        String venA = createVen(org);
        String venB = createVen(org);
        String ofA = Api.createSite(ven(org, venA));
        ven(org, venA).get("/v2/x-texture/sites/" + ofA).then().statusCode(200).body("venID", equalTo(venA));
        ven(org, venB).get("/v2/x-texture/sites/" + ofA).then().statusCode(404)
                .contentType("application/problem+json");
        ven(org, venB).get("/v2/x-texture/sites").then().statusCode(200).body("", hasSize(0));
        oemServer(org).get("/v2/x-texture/sites/" + ofA).then().statusCode(200);
        oem(org).get("/v2/x-texture/sites/" + ofA).then().statusCode(200);
        String other = newOrg();
        oemServer(other).get("/v2/x-texture/sites/" + ofA).then().statusCode(404);
        oemServer(other).get("/v1/sites/" + ofA).then().statusCode(404);
        oemServer(other).body(siteBody("1 Main", "Denver", "CO", "80202")).put("/v2/x-texture/sites/" + ofA)
                .then().statusCode(404);
        oemServer(other).delete("/v2/x-texture/sites/" + ofA).then().statusCode(404);
    }

    @Test
    void onlyOemCallersWithTheRightScopeUseTheDirectApi() {
        String org = newOrg();
        given().get("/v2/x-texture/sites").then().statusCode(401);
        utilityServer(org).get("/v2/x-texture/sites").then().statusCode(403);
        oem(org, "read_programs").get("/v2/x-texture/sites").then().statusCode(403)
                .contentType("application/problem+json");
        oem(org, "read_ven_objects").get("/v2/x-texture/sites").then().statusCode(200);
        oem(org, "read_ven_objects").body(siteBody("1 Main", "Denver", "CO", "80202")).post("/v2/x-texture/sites")
                .then().statusCode(403);
        // A utility's core API key sees its own sites only: none of any OEM's.
        String oemSite = Api.createSite(oemServer(org));
        utilityServer(newOrg()).get("/v1/sites/" + oemSite).then().statusCode(404);
    }

    @Test
    void deletingASiteAndPaginationBounds() {
        String org = newOrg();
        for (int i = 0; i < 3; i++) {
            Api.createSite(oemServer(org));
        }
        oemServer(org).queryParam("limit", 2).get("/v2/x-texture/sites").then().statusCode(200).body("", hasSize(2));
        oemServer(org).queryParam("skip", 2).get("/v2/x-texture/sites").then().statusCode(200).body("", hasSize(1));
        oemServer(org).queryParam("limit", 0).get("/v2/x-texture/sites").then().statusCode(200).body("", hasSize(0));
        oemServer(org).queryParam("limit", 51).get("/v2/x-texture/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        oemServer(org).queryParam("skip", -1).get("/v2/x-texture/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("skip"));
        oemServer(org).queryParam("limit", "x").get("/v2/x-texture/sites").then().statusCode(400);
        oemServer(org).queryParam("perPage", 2).queryParam("page", 2).get("/v1/sites").then().statusCode(200)
                .body("data", hasSize(1)).body("totalItems", equalTo(3)).body("totalPages", equalTo(2));
        oemServer(org).queryParam("perPage", 101).get("/v1/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("perPage"));
        oemServer(org).queryParam("page", 0).get("/v1/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        oemServer(org).queryParam("page", 1001).get("/v1/sites").then().statusCode(400);
        oemServer(org).queryParam("page", 9).get("/v1/sites").then().statusCode(200).body("data", hasSize(0));

        String id = Api.createSite(oemServer(org));
        oemServer(org).delete("/v2/x-texture/sites/" + id).then().statusCode(200).body("id", equalTo(id));
        oemServer(org).get("/v2/x-texture/sites/" + id).then().statusCode(404);
        String[] battery = Api.registerBattery(org);
        oemServer(org).delete("/v2/x-texture/sites/" + battery[1]).then().statusCode(409)
                .body("detail", containsString("devices"));
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    /** A programs.changed program.created record, as programs-service writes it. */
    static void announceProgram(String org, String visibility, boolean active, String... states) {
        String programId = "prog-" + UUID.randomUUID();
        String now = OffsetDateTime.now().toString();
        String payload = "{\"programId\":\"" + programId + "\",\"slug\":\"s-" + programId + "\",\"active\":" + active
                + ",\"visibility\":\"" + visibility + "\",\"organizationId\":\"" + org + "\",\"states\":"
                + List.of(states).stream().map(s -> "\"" + s + "\"").toList() + ",\"updatedAt\":\"" + now + "\"}";
        String envelope = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"program.created\",\"version\":1,"
                + "\"occurredAt\":\"" + now + "\",\"tenant\":\"" + org + "\",\"payload\":" + payload + "}";
        KafkaTestProducer.send("programs.changed", programId, envelope);
    }
}
