package dev.gridservices.device;

import static dev.gridservices.device.Api.battery;
import static dev.gridservices.device.Api.createSite;
import static dev.gridservices.device.Api.createVen;
import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oem;
import static dev.gridservices.device.Api.oemServer;
import static dev.gridservices.device.Api.unique;
import static dev.gridservices.device.Api.utilityServer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core API devices (/v1/devices) over the same table as /v2/resources; customers and manufacturers. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class CoreDeviceTest {

    private static RequestSpecification manufacturer(String org) {
        return given().header("Texture-Api-Key", TestCredentials.manufacturerApiKey(org))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void listFiltersAndPages() {
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        String battery = oemServer(org).body(battery(venId, unique("BAT"), siteId)).post("/v2/resources").then()
                .statusCode(201).extract().path("id");
        oemServer(org).body(Api.resource(venId, unique("T"), List.of(Api.attribute("x-static:DEVICE_TYPE", "THERMOSTAT"),
                Api.attribute("x-static:SITE_ID", siteId), Api.attribute("x-static:MANUFACTURER", "ecobee"),
                Api.attribute("x-static:DEVICE_MODEL", "smart-premium")))).post("/v2/resources").then().statusCode(201);

        oemServer(org).get("/v1/devices").then().statusCode(200).body("data", hasSize(2)).body("totalItems", equalTo(2))
                .body("page", equalTo(1)).body("perPage", equalTo(100)).body("totalPages", equalTo(1));
        oemServer(org).queryParam("type", "battery").get("/v1/devices").then().body("data", hasSize(1))
                .body("data[0].id", equalTo(battery));
        oemServer(org).queryParam("type", "charger").get("/v1/devices").then().body("data", hasSize(0));
        oemServer(org).queryParam("type", "other").get("/v1/devices").then().statusCode(200).body("data", hasSize(0));
        oemServer(org).queryParam("type", "toaster").get("/v1/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        oemServer(org).queryParam("manufacturer", "ecobee").get("/v1/devices").then().body("data", hasSize(1));
        oemServer(org).queryParam("model", "smart-premium").get("/v1/devices").then().body("data", hasSize(1));
        oemServer(org).queryParam("model", "smart-premium").queryParam("type", "battery").get("/v1/devices")
                .then().body("data", hasSize(0));
        String mdid = oemServer(org).get("/v1/devices/" + battery).path("manufacturerDeviceId");
        oemServer(org).queryParam("manufacturerDeviceId", mdid).get("/v1/devices").then().body("data", hasSize(1));
        oemServer(org).queryParam("referenceId", "nobody").get("/v1/devices").then().body("data", hasSize(0));
        oemServer(org).queryParam("perPage", 1).queryParam("page", 2).get("/v1/devices").then()
                .body("data", hasSize(1)).body("totalPages", equalTo(2));
        oemServer(org).queryParam("perPage", 0).get("/v1/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("perPage"));
        oemServer(org).queryParam("page", "two").get("/v1/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        oemServer(org).get("/v1/devices/types").then().statusCode(200).body("", hasItem("battery")).body("", hasSize(8));
    }

    @Test
    void aUtilitySeesNoOemDeviceAndTokensCannotUseTheCoreApi() {
        String org = newOrg();
        String[] battery = Api.registerBattery(org);
        String utility = newOrg();
        utilityServer(utility).get("/v1/devices").then().statusCode(200).body("data", hasSize(0));
        utilityServer(utility).get("/v1/devices/" + battery[2]).then().statusCode(404);
        oem(org).get("/v1/devices").then().statusCode(403);
        manufacturer(org).get("/v1/devices").then().statusCode(403);
        given().get("/v1/devices").then().statusCode(401);
    }

    @Test
    void tagsSiteAndDelete() {
        String org = newOrg();
        String[] battery = Api.registerBattery(org);
        String id = battery[2];
        oemServer(org).get("/v1/devices/" + id + "/tags").then().statusCode(200).body("tags", hasSize(0));
        oemServer(org).body(Map.of("tags", List.of("garage", "garage", "east"))).put("/v1/devices/" + id + "/tags")
                .then().statusCode(200).body("tags", contains("garage", "east"));
        oemServer(org).get("/v1/devices/" + id).then().body("tags", contains("garage", "east"));
        oemServer(org).body(Map.of()).put("/v1/devices/" + id + "/tags").then().statusCode(400)
                .body("errors[0].field", equalTo("tags"));

        String newSite = createSite(oemServer(org));
        oemServer(org).body(Map.of("siteProfileId", newSite)).put("/v1/devices/" + id + "/site").then().statusCode(200)
                .body("siteProfileId", equalTo(newSite));
        oemServer(org).get("/v2/resources/" + id).then()
                .body("attributes.find { it.type == 'x-static:SITE_ID' }.values[0]", equalTo(newSite));
        String foreignSite = createSite(oemServer(newOrg()));
        oemServer(org).body(Map.of("siteProfileId", foreignSite)).put("/v1/devices/" + id + "/site").then()
                .statusCode(400).body("errors[0].field", equalTo("siteProfileId"));

        oemServer(newOrg()).delete("/v1/devices/" + id).then().statusCode(404);
        oemServer(org).delete("/v1/devices/" + id).then().statusCode(204);
        oemServer(org).get("/v1/devices/" + id).then().statusCode(404);
        oemServer(org).get("/v2/resources/" + id).then().statusCode(404);
    }

    @Test
    void aManufacturerKeyRegistersIdempotently() {
        String org = newOrg();
        String siteId = createSite(oemServer(org));
        Map<String, Object> body = new HashMap<>(Map.of("manufacturerDeviceId", unique("M"), "deviceModelId",
                "acme_powervault_10kwh", "siteId", siteId, "serialNumber", "SN-1"));
        String id = manufacturer(org).body(body).post("/v1/devices").then().statusCode(201)
                .body("provisioningType", equalTo("OEM_DIRECT")).body("siteId", equalTo(siteId)).extract().path("id");
        manufacturer(org).body(body).post("/v1/devices").then().statusCode(200).body("id", equalTo(id));
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("serialNumber", "SN-2");
        manufacturer(org).body(changed).post("/v1/devices").then().statusCode(409)
                .body("errors.field", contains("serialNumber"));
        oemServer(org).get("/v1/devices/" + id).then().statusCode(200).body("type", equalTo("unknown"))
                .body("model", equalTo("acme_powervault_10kwh"));
        Map<String, Object> missing = new HashMap<>(body);
        missing.remove("deviceModelId");
        manufacturer(org).body(missing).post("/v1/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("deviceModelId"));
        Map<String, Object> foreign = new HashMap<>(body);
        foreign.put("manufacturerDeviceId", unique("M"));
        foreign.put("siteId", createSite(oemServer(newOrg())));
        manufacturer(org).body(foreign).post("/v1/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("siteId"));
        oemServer(org).body(body).post("/v1/devices").then().statusCode(403);
    }

    @Test
    void customersAndTheirSites() {
        String org = newOrg();
        String customer = oemServer(org).body(Map.of("referenceId", "cust-1", "firstName", "Ada",
                "email", "ada@example.com")).post("/v1/customers").then().statusCode(201)
                .body("connectedSiteIds", hasSize(0)).extract().path("id");
        oemServer(org).body(Map.of("firstName", "No ref")).post("/v1/customers").then().statusCode(400)
                .body("errors[0].field", equalTo("referenceId"));
        oemServer(org).body(Map.of("referenceId", "x", "email", "not-an-email")).post("/v1/customers").then()
                .statusCode(400).body("errors[0].field", equalTo("email"));
        String site = oemServer(org).body(Map.of("streetOne", "1 Main", "city", "Denver", "state", "CO",
                "postalCode", "80202", "country", "US", "customerId", customer)).post("/v1/sites").then()
                .statusCode(201).body("customerId", equalTo(customer)).extract().path("id");
        oemServer(org).body(Map.of("streetOne", "1 Main", "city", "Denver", "state", "CO", "postalCode", "80202",
                "country", "US", "customerId", "nobody")).post("/v1/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("customerId"));
        oemServer(org).get("/v1/customers/" + customer).then().statusCode(200)
                .body("connectedSiteIds", contains(site)).body("referenceId", equalTo("cust-1"));
        oemServer(org).get("/v1/customers/" + customer + "/sites").then().statusCode(200)
                .body("sites", hasSize(1)).body("sites[0].id", equalTo(site));
        oemServer(org).queryParam("referenceId", "cust-1").get("/v1/customers").then().statusCode(200)
                .body("data", hasSize(1)).body("totalItems", equalTo(1));
        oemServer(newOrg()).get("/v1/customers/" + customer).then().statusCode(404);
        oemServer(newOrg()).get("/v1/customers/" + customer + "/sites").then().statusCode(404);
        oemServer(org).delete("/v1/customers/" + customer).then().statusCode(204);
        oemServer(org).get("/v1/customers/" + customer).then().statusCode(404);
        oemServer(org).get("/v1/sites/" + site).then().statusCode(200).body("customerId", nullValue());
    }

    @Test
    void manufacturers() {
        given().get("/v1/public/manufacturers").then().statusCode(200).body("slug", hasItem("tesla"))
                .body("find { it.slug == 'tesla' }.supportLevel", equalTo("production"));
        String org = newOrg();
        String venId = createVen(org);
        String siteId = createSite(oemServer(org));
        oemServer(org).body(battery(venId, unique("BAT"), siteId)).post("/v2/resources").then().statusCode(201);
        oemServer(org).get("/v1/manufacturers").then().statusCode(200).body("slug", hasItem("acme-power"))
                .body("find { it.slug == 'acme-power' }.deviceTypes", contains("battery"))
                .body("slug", hasItem("ecobee"));
        oemServer(newOrg()).get("/v1/manufacturers").then().statusCode(200)
                .body("slug", not(hasItem("acme-power")));
    }
}
