package dev.gridservices.device;

import static dev.gridservices.device.Api.attribute;
import static dev.gridservices.device.Api.battery;
import static dev.gridservices.device.Api.createSite;
import static dev.gridservices.device.Api.createVen;
import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oem;
import static dev.gridservices.device.Api.oemServer;
import static dev.gridservices.device.Api.resource;
import static dev.gridservices.device.Api.unique;
import static dev.gridservices.device.Api.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.atlassian.oai.validator.model.Request;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenADR resources (/v2/resources): registration rules, idempotency, immutability, isolation, schema. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ResourceTest {

    @Test
    void aBatteryRegistersAndReadsBackAsAnOpenAdrResource() {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        Map<String, Object> body = battery(venId, unique("BAT"), siteId);
        Response created = oemServer(org).body(body).post("/v2/resources");
        created.then().statusCode(201).body("id", startsWith("res_")).body("objectType", equalTo("VEN_RESOURCE"))
                .body("venID", equalTo(venId)).body("resourceName", equalTo(body.get("resourceName")))
                .body("attributes", hasSize(8));
        OpenAdrSchema.assertValid("/resources", Request.Method.POST, 201, created.asString());
        String id = created.path("id");
        Response read = ven(org, venId).get("/v2/resources/" + id);
        read.then().statusCode(200);
        OpenAdrSchema.assertValid("/resources/" + id, Request.Method.GET, 200, read.asString());
        Response list = ven(org, venId).queryParam("venID", venId).get("/v2/resources");
        list.then().statusCode(200).body("", hasSize(1));
        OpenAdrSchema.assertValid("/resources", Request.Method.GET, 200, list.asString());
        // The same device in the core API.
        oemServer(org).get("/v1/devices/" + id).then().statusCode(200).body("type", equalTo("battery"))
                .body("siteId", equalTo(siteId)).body("manufacturer", equalTo("Acme Power"))
                .body("model", equalTo("acme_powervault_10kwh")).body("state", nullValue());
    }

    @ParameterizedTest
    @CsvSource({
            "BATTERY, STORAGE_MAX_DISCHARGE_POWER, STORAGE_USABLE_CAPACITY",
            "EV_CHARGER, x-static:NAMEPLATE_KW, ",
            "SOLAR_INVERTER, x-static:NAMEPLATE_KW, "})
    void everyRequiredNumberIsNamedWhenMissing(String type, String first, String second) {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        List<String> required = second == null ? List.of(first) : List.of(first, second);
        for (String missing : required) {
            List<Map<String, Object>> attributes = new ArrayList<>(List.of(attribute("x-static:DEVICE_TYPE", type),
                    attribute("x-static:SITE_ID", siteId)));
            required.stream().filter(r -> !r.equals(missing)).forEach(r -> attributes.add(attribute(r, 7)));
            oemServer(org).body(resource(venId, unique("R"), attributes)).post("/v2/resources").then().statusCode(400)
                    .body("errors[0].field", equalTo("attributes." + missing));
            // Present but not a positive number.
            List<Map<String, Object>> wrong = new ArrayList<>(attributes);
            wrong.add(attribute(missing, "lots"));
            oemServer(org).body(resource(venId, unique("R"), wrong)).post("/v2/resources").then().statusCode(400)
                    .body("errors[0].field", equalTo("attributes." + missing));
        }
        List<Map<String, Object>> complete = new ArrayList<>(List.of(attribute("x-static:DEVICE_TYPE", type),
                attribute("x-static:SITE_ID", siteId)));
        required.forEach(r -> complete.add(attribute(r, 7.5)));
        oemServer(org).body(resource(venId, unique("R"), complete)).post("/v2/resources").then().statusCode(201);
    }

    @ParameterizedTest
    @CsvSource({"THERMOSTAT, thermostat", "SMART_METER, meter", "VEHICLE, vehicle"})
    void typesWithoutExtraAttributesNeedOnlyTypeAndSite(String type, String coreType) {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        String id = oemServer(org).body(resource(venId, unique("R"), List.of(attribute("x-static:DEVICE_TYPE", type),
                attribute("x-static:SITE_ID", siteId)))).post("/v2/resources").then().statusCode(201).extract().path("id");
        oemServer(org).get("/v1/devices/" + id).then().statusCode(200).body("type", equalTo(coreType));
    }

    @Test
    void typeAndSiteAreRequiredAndTheSiteMustBeTheCallers() {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        expect400(org, resource(venId, unique("R"), List.of(attribute("x-static:SITE_ID", siteId))),
                "attributes.x-static:DEVICE_TYPE");
        expect400(org, resource(venId, unique("R"), List.of(attribute("x-static:DEVICE_TYPE", "TOASTER"),
                attribute("x-static:SITE_ID", siteId))), "attributes.x-static:DEVICE_TYPE");
        expect400(org, resource(venId, unique("R"), List.of(attribute("x-static:DEVICE_TYPE", "THERMOSTAT"))),
                "attributes.x-static:SITE_ID");
        String foreignSite = createSite(oemServer(newOrg()));
        expect400(org, resource(venId, unique("R"), List.of(attribute("x-static:DEVICE_TYPE", "THERMOSTAT"),
                attribute("x-static:SITE_ID", foreignSite))), "attributes.x-static:SITE_ID");
        expect400(org, resource(venId, null, List.of()), "resourceName");
        expect400(org, resource(null, unique("R"), List.of()), "venID");
        String foreignVen = createVen(newOrg());
        expect400(org, battery(foreignVen, unique("R"), siteId), "venID");
        Map<String, Object> wrongType = battery(venId, unique("R"), siteId);
        wrongType.put("objectType", "VEN");
        expect400(org, wrongType, "objectType");
    }

    private static void expect400(String org, Map<String, Object> body, String field) {
        oemServer(org).body(body).post("/v2/resources").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    @Test
    void registrationIsIdempotentByResourceNameWithinTheVen() {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        String name = unique("BAT");
        String id = oemServer(org).body(battery(venId, name, siteId)).post("/v2/resources").then().statusCode(201)
                .extract().path("id");
        oemServer(org).body(battery(venId, name, siteId)).post("/v2/resources").then().statusCode(200)
                .body("id", equalTo(id));
        Map<String, Object> different = battery(venId, name, siteId);
        different.put("attributes", List.of(attribute("x-static:DEVICE_TYPE", "THERMOSTAT"),
                attribute("x-static:SITE_ID", siteId)));
        oemServer(org).body(different).post("/v2/resources").then().statusCode(409)
                .contentType("application/problem+json");
        // The same name under another VEN is another device.
        String otherVen = createVen(org);
        oemServer(org).body(battery(otherVen, name, siteId)).post("/v2/resources").then().statusCode(201);
    }

    @Test
    void twoConcurrentIdenticalRegistrationsMakeOneRow() throws Exception {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        for (int round = 0; round < 3; round++) {
            String name = unique("RACE");
            Map<String, Object> body = battery(venId, name, siteId);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<CompletableFuture<Response>> calls = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return oemServer(org).body(body).post("/v2/resources");
                    }, pool));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (CompletableFuture<Response> call : calls) {
                    Response r = call.get();
                    statuses.add(r.statusCode());
                    ids.add(r.path("id"));
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 200);
                assertThat(ids.get(0)).isEqualTo(ids.get(1));
                oemServer(org).queryParam("resourceName", name).get("/v2/resources").then().statusCode(200)
                        .body("", hasSize(1));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void putChangesAttributesOnly() {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        String name = unique("BAT");
        String id = oemServer(org).body(battery(venId, name, siteId)).post("/v2/resources").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> update = battery(venId, name, siteId);
        update.put("attributes", List.of(attribute("x-static:DEVICE_TYPE", "BATTERY"),
                attribute("x-static:SITE_ID", siteId), attribute("STORAGE_MAX_DISCHARGE_POWER", 12),
                attribute("STORAGE_USABLE_CAPACITY", 13500)));
        Response replaced = oemServer(org).body(update).put("/v2/resources/" + id);
        replaced.then().statusCode(200).body("attributes", hasSize(4)).body("resourceName", equalTo(name));
        OpenAdrSchema.assertValid("/resources/" + id, Request.Method.PUT, 200, replaced.asString());

        Map<String, Object> rename = new java.util.HashMap<>(update);
        rename.put("resourceName", unique("OTHER"));
        oemServer(org).body(rename).put("/v2/resources/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("resourceName"));
        Map<String, Object> move = new java.util.HashMap<>(update);
        move.put("venID", createVen(org));
        oemServer(org).body(move).put("/v2/resources/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("venID"));
        Map<String, Object> invalid = new java.util.HashMap<>(update);
        invalid.put("attributes", List.of(attribute("x-static:DEVICE_TYPE", "BATTERY"), attribute("x-static:SITE_ID", siteId)));
        oemServer(org).body(invalid).put("/v2/resources/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("attributes.STORAGE_MAX_DISCHARGE_POWER"));
        oemServer(org).get("/v2/resources/" + id).then().statusCode(200).body("resourceName", equalTo(name))
                .body("venID", equalTo(venId)).body("attributes", hasSize(4));
    }

    @Test
    void anotherOrganizationsOrAnotherVensResourceIsNotFound() {
        String org = newOrg();
        String venA = createVen(org);
        String venB = createVen(org);
        String siteA = createSite(ven(org, venA));
        String id = ven(org, venA).body(battery(venA, unique("BAT"), siteA)).post("/v2/resources").then()
                .statusCode(201).extract().path("id");
        ven(org, venB).get("/v2/resources/" + id).then().statusCode(404);
        ven(org, venB).get("/v2/resources").then().statusCode(200).body("", hasSize(0));
        ven(org, venB).delete("/v2/resources/" + id).then().statusCode(404);
        // VEN B cannot register under VEN A, nor use VEN A's site.
        ven(org, venB).body(battery(venA, unique("BAT"), siteA)).post("/v2/resources").then().statusCode(400)
                .body("errors[0].field", equalTo("venID"));
        ven(org, venB).body(battery(venB, unique("BAT"), siteA)).post("/v2/resources").then().statusCode(400)
                .body("errors[0].field", equalTo("attributes.x-static:SITE_ID"));
        String other = newOrg();
        oemServer(other).get("/v2/resources/" + id).then().statusCode(404);
        oemServer(other).get("/v1/devices/" + id).then().statusCode(404);
        oem(org).get("/v2/resources/" + id).then().statusCode(200);
    }

    @Test
    void listFiltersAndPaginationBounds() {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        String first = unique("A");
        for (String name : List.of(first, unique("B"), unique("C"))) {
            Map<String, Object> body = battery(venId, name, siteId);
            body.put("targets", List.of("group-" + (name.equals(first) ? "1" : "2")));
            oemServer(org).body(body).post("/v2/resources").then().statusCode(201);
        }
        oemServer(org).queryParam("venID", venId).get("/v2/resources").then().body("", hasSize(3));
        oemServer(org).queryParam("resourceName", first).get("/v2/resources").then().body("", hasSize(1));
        oemServer(org).queryParam("targets", "group-2").get("/v2/resources").then().body("", hasSize(2));
        oemServer(org).queryParam("limit", 2).get("/v2/resources").then().body("", hasSize(2));
        oemServer(org).queryParam("skip", 2).queryParam("limit", 2).get("/v2/resources").then().body("", hasSize(1));
        oemServer(org).queryParam("limit", 0).get("/v2/resources").then().body("", hasSize(0));
        oemServer(org).queryParam("limit", 51).get("/v2/resources").then().statusCode(400);
        oemServer(org).queryParam("skip", -1).get("/v2/resources").then().statusCode(400);
    }
}
