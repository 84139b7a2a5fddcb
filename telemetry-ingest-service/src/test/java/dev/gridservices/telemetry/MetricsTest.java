package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /v1/metrics from history: latest stored energy and summed generation per bucket, per device or site. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class MetricsTest {

    @Inject
    DeviceDirectory devices;

    private static String reading(String resourceName, Instant at, String payloads) {
        return "{\"resourceName\":\"" + resourceName + "\",\"intervalPeriod\":{\"start\":\"" + at
                + "\",\"duration\":\"PT20M\"},\"intervals\":[{\"id\":0,\"payloads\":[" + payloads + "]}]}";
    }

    @Test
    void storageIsTheLatestLevelAndGenerationTheSumPerBucket() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String battery = ven.resource("MET-BAT", DeviceType.BATTERY, devices);
        ven.resource("MET-PV", DeviceType.SOLAR_INVERTER, devices);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        StringBuilder resources = new StringBuilder();
        int[] minutes = {0, 20, 40, 70};
        for (int i = 0; i < minutes.length; i++) {
            Instant at = t0.plus(minutes[i], ChronoUnit.MINUTES);
            resources.append(i > 0 ? "," : "").append(reading("MET-BAT", at, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                    + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                    + "{\"type\":\"x-telemetry:STORAGE_ENERGY_LEVEL\",\"values\":[" + (i + 1) * 100 + "]}"));
            resources.append(",").append(reading("MET-PV", at, "{\"type\":\"x-telemetry:GENERATION_POWER\",\"values\":[3000]},"
                    + "{\"type\":\"x-telemetry:GENERATION_ENERGY\",\"values\":[10.5]}"));
        }
        ven.caller().body("{\"eventID\":null,\"clientName\":\"c\",\"resources\":[" + resources + "]}").post("/v2/reports")
                .then().statusCode(201);
        RequestSpecification owner = given().header("Texture-Api-Key",
                TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM)).accept(ContentType.JSON)
                .queryParam("filterRangeAfter", t0.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Texture-Api-Key",
                        TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM))
                .queryParam("filterRangeAfter", t0.toString()).get("/v1/metrics/generation").then().extract().jsonPath()
                .getList("data").size() == 2);

        JsonPath storage = owner.get("/v1/metrics/storage").then().statusCode(200)
                .body("meta.unit", is("WATT_HOURS")).body("meta.label", is("charge")).extract().jsonPath();
        assertThat(storage.getList("data.ts")).containsExactly(t0.toString(), t0.plus(1, ChronoUnit.HOURS).toString());
        assertThat(storage.getList("data.v", Float.class)).containsExactly(300f, 400f);
        assertThat(storage.getList("data.deviceId")).containsOnly(battery);

        JsonPath generation = given().header("Texture-Api-Key", TestCredentials.serverApiKey(ven.organizationId(),
                        TestCredentials.OEM)).queryParam("filterRangeAfter", t0.toString())
                .queryParam("windowSize", "DAY").queryParam("groupBy", "SITE").get("/v1/metrics/generation").then()
                .statusCode(200).extract().jsonPath();
        assertThat(generation.getList("data.v", Float.class)).hasSizeBetween(1, 2);
        assertThat(generation.getList("data.v", Float.class).stream().mapToDouble(Float::doubleValue).sum()).isEqualTo(42.0);
        assertThat(generation.getList("data.siteId")).containsOnly("site_1");
        assertThat(generation.getList("meta.series", String.class)).isEqualTo(List.of("site_1"));

        given().header("Texture-Api-Key", TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM))
                .queryParam("filterDeviceId", battery).queryParam("filterRangeAfter", t0.toString())
                .get("/v1/metrics/generation").then().statusCode(200).body("data.size()", is(0));
        given().header("Texture-Api-Key", TestCredentials.serverApiKey(Fixtures.newId("org_")))
                .queryParam("filterRangeAfter", t0.toString()).get("/v1/metrics/storage").then().statusCode(200)
                .body("data.size()", is(0));
        given().header("Texture-Api-Key", TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM))
                .queryParam("filterRangeRelative", "forever").get("/v1/metrics/storage").then().statusCode(400)
                .body("errors[0].field", is("filterRangeRelative"));
        given().header("Texture-Api-Key", TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM))
                .queryParam("windowSize", "DECADE").get("/v1/metrics/storage").then().statusCode(400);
    }

    private static RequestSpecification as(String organizationId) {
        return given().header("Texture-Api-Key", TestCredentials.serverApiKey(organizationId, TestCredentials.OEM))
                .accept(ContentType.JSON);
    }

    private static String battery(String resourceName, Instant at, long charged, long discharged, String grid) {
        return reading(resourceName, at, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                + "{\"type\":\"x-telemetry:CHARGE_ENERGY_LIFETIME\",\"values\":[" + charged + "]},"
                + "{\"type\":\"x-telemetry:DISCHARGE_ENERGY_LIFETIME\",\"values\":[" + discharged + "]},"
                + grid);
    }

    /**
     * Consumption and production are the increase of the battery's lifetime counters per bucket (a drop is a
     * restarted counter, a reading before the range is the first one's predecessor); emissions are the grid
     * import energy times the site ISO's factor (TEST-ISO 1.5 lb/kWh in the test profile) or the default
     * 0.86 lb/kWh. Every figure below follows from the readings posted here.
     */
    @Test
    void consumptionProductionAndEmissionsFromIngestedReadings() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String siteA = Fixtures.newId("site_");
        String siteB = Fixtures.newId("site_");
        Fixtures.announceSite(siteA, ven.organizationId(), "cus_a", "TEST-ISO");
        Fixtures.announceSite(siteB, ven.organizationId(), "cus_b", null);
        String a = ven.resource("EN-A", DeviceType.BATTERY, siteA, devices);
        String b = ven.resource("EN-B", DeviceType.BATTERY, siteB, devices);
        await().atMost(Duration.ofSeconds(20)).until(() -> devices.byId(a).flatMap(devices::siteOf).isPresent()
                && devices.byId(b).flatMap(devices::siteOf).isPresent());
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        String gridEnergy = "{\"type\":\"x-telemetry:GRID_ENERGY\",\"values\":[%d]}";
        String resources = String.join(",",
                battery("EN-A", t0, 1000, 300, gridEnergy.formatted(2000)),
                battery("EN-A", t0.plus(20, ChronoUnit.MINUTES), 1500, 300, gridEnergy.formatted(-500)),
                battery("EN-A", t0.plus(40, ChronoUnit.MINUTES), 1700, 400, gridEnergy.formatted(1000)),
                battery("EN-A", t0.plus(70, ChronoUnit.MINUTES), 2500, 100, gridEnergy.formatted(4000)),
                battery("EN-B", t0.plus(10, ChronoUnit.MINUTES), 0, 0,
                        "{\"type\":\"x-telemetry:GRID_IMPORT_ENERGY\",\"values\":[1000]},"
                                + "{\"type\":\"x-telemetry:GRID_ENERGY\",\"values\":[-3000]}"));
        ven.caller().body("{\"eventID\":null,\"clientName\":\"c\",\"resources\":[" + resources + "]}")
                .post("/v2/reports").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> as(ven.organizationId()).queryParam("filterRangeAfter",
                t0.toString()).get("/v1/metrics/emissions").then().extract().jsonPath().getList("data").size() == 3);
        String h0 = t0.toString();
        String h1 = t0.plus(1, ChronoUnit.HOURS).toString();

        JsonPath consumption = as(ven.organizationId()).queryParam("filterRangeAfter", h0)
                .queryParam("filterDeviceId", a).get("/v1/metrics/consumption").then().statusCode(200)
                .body("meta.label", is("energyConsumedWhr")).body("meta.unit", is("WATT_HOURS"))
                .body("meta.displayUnit", is("whr")).body("meta.domainMeta.rate.unit", is("WATT"))
                .body("meta.domainMeta.rate.scaleFactor", is(1.0f)).extract().jsonPath();
        assertThat(consumption.getList("data.ts")).containsExactly(h0, h1);
        // 1000 → 1500 → 1700 in the first hour (the first reading has no predecessor), → 2500 in the second.
        assertThat(consumption.getList("data.v", Float.class)).containsExactly(700f, 800f);
        assertThat(consumption.getList("data.customerId")).containsOnly("cus_a");
        assertThat(consumption.getList("data.siteId")).containsOnly(siteA);

        // 300 → 300 → 400, then 100: the counter restarted, so 100 Wh were discharged since.
        JsonPath production = as(ven.organizationId()).queryParam("filterRangeAfter", h0)
                .queryParam("filterDeviceId", a).get("/v1/metrics/production").then().statusCode(200)
                .body("meta.label", is("energyProducedWhr")).extract().jsonPath();
        assertThat(production.getList("data.v", Float.class)).containsExactly(100f, 100f);

        // From t0+30 min: the reading at +40 min counts its increase over the one at +20 min (before the range).
        JsonPath lookback = as(ven.organizationId()).queryParam("filterRangeAfter", t0.plus(30, ChronoUnit.MINUTES)
                .toString()).queryParam("filterDeviceId", a).get("/v1/metrics/consumption").then().statusCode(200)
                .extract().jsonPath();
        assertThat(lookback.getList("data.v", Float.class)).containsExactly(200f, 800f);

        // A: imports 2000 + 0 + 1000 Wh, then 4000 Wh at 1.5 lb/kWh; B: 1000 Wh imported at the default 0.86.
        JsonPath emissions = as(ven.organizationId()).queryParam("filterRangeAfter", h0)
                .get("/v1/metrics/emissions").then().statusCode(200)
                .body("meta.label", is("energyEmissions")).body("meta.unit", is("POUNDS_CO2"))
                .body("meta.displayUnit", is("lbs_co2")).body("meta.domainMeta.rate.unit", is("POUNDS_CO2"))
                .extract().jsonPath();
        Map<String, Double> byDeviceAndHour = new HashMap<>();
        for (Map<String, Object> point : emissions.<Map<String, Object>>getList("data")) {
            byDeviceAndHour.put(point.get("deviceId") + "@" + point.get("ts"), ((Number) point.get("v")).doubleValue());
        }
        assertThat(byDeviceAndHour).hasSize(3);
        assertThat(byDeviceAndHour.get(a + "@" + h0)).isCloseTo(4.5, offset(1e-6));
        assertThat(byDeviceAndHour.get(a + "@" + h1)).isCloseTo(6.0, offset(1e-6));
        assertThat(byDeviceAndHour.get(b + "@" + h0)).isCloseTo(0.86, offset(1e-6));
        assertThat(emissions.getList("meta.series", String.class)).containsExactlyInAnyOrder(a, b);

        JsonPath bySite = as(ven.organizationId()).queryParam("filterRangeAfter", h0).queryParam("windowSize", "DAY")
                .queryParam("groupBy", "SITE").queryParam("filterSiteId", siteA).get("/v1/metrics/emissions").then()
                .statusCode(200).body("meta.domainMeta.rate.scaleFactor", is(1 / 24f)).extract().jsonPath();
        assertThat(bySite.getList("data.v", Double.class).stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(10.5, offset(1e-6));
        assertThat(bySite.getList("data.siteId")).containsOnly(siteA);
        assertThat(bySite.getList("data.deviceId")).containsOnly((Object) null);
        assertThat(bySite.getList("meta.series", String.class)).containsExactly(siteA);

        // Another organization sees nothing of these devices, by filter or without one.
        String other = Fixtures.newId("org_");
        for (String path : List.of("/v1/metrics/consumption", "/v1/metrics/production", "/v1/metrics/emissions")) {
            as(other).queryParam("filterRangeAfter", h0).get(path).then().statusCode(200).body("data.size()", is(0));
            as(other).queryParam("filterRangeAfter", h0).queryParam("filterDeviceId", a).get(path).then()
                    .statusCode(200).body("data.size()", is(0)).body("meta.series.size()", is(0));
        }
    }

    /** Every metric refuses what the spec refuses, with a problem naming the parameter. */
    @Test
    void badParametersAreRefused() {
        String org = Fixtures.newId("org_");
        Instant now = Instant.now();
        for (String path : List.of("/v1/metrics/storage", "/v1/metrics/generation", "/v1/metrics/grid-energy",
                "/v1/metrics/consumption", "/v1/metrics/production", "/v1/metrics/emissions")) {
            as(org).queryParam("filterRangeAfter", now.plus(1, ChronoUnit.HOURS).toString()).get(path).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is("filterRangeAfter"))
                    .body("errors[0].message", is("Start time must be in the past"));
            as(org).queryParam("filterRangeAfter", now.minus(5, ChronoUnit.MINUTES).toString()).get(path).then()
                    .statusCode(400).body("errors[0].field", is("filterRangeAfter"))
                    .body("errors[0].message", is("Minimum range is 15 minutes"));
            as(org).queryParam("filterRangeAfter", now.minus(2, ChronoUnit.HOURS).toString())
                    .queryParam("filterRangeBefore", now.minus(3, ChronoUnit.HOURS).toString()).get(path).then()
                    .statusCode(400).body("errors[0].field", is("filterRangeAfter"));
            as(org).queryParam("filterRangeAfter", "yesterday").get(path).then().statusCode(400)
                    .body("errors[0].field", is("filterRangeAfter"));
            as(org).queryParam("filterRangeBefore", "2021-01-01").get(path).then().statusCode(400)
                    .body("errors[0].field", is("filterRangeBefore"));
            as(org).queryParam("filterRangeRelative", "0d").get(path).then().statusCode(400)
                    .body("errors[0].field", is("filterRangeRelative")).body("message",
                            containsString("Relative time must be in the format Nh, Nd, Nw, Nm, Ny"));
            as(org).queryParam("windowSize", "MINUTE").get(path).then().statusCode(400)
                    .body("errors[0].field", is("windowSize"));
            as(org).queryParam("groupBy", "DEVICE").get(path).then().statusCode(400)
                    .body("errors[0].field", is("groupBy"));
            as(org).queryParam("filterDeviceId", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "d" + i)
                    .toList()).get(path).then().statusCode(400).body("errors[0].field", is("filterDeviceId"));
            given().queryParam("filterRangeRelative", "1d").get(path).then().statusCode(401);
            as(org).queryParam("filterRangeRelative", "24h").queryParam("windowSize", "FIFTEEN_MINUTES").get(path).then()
                    .statusCode(200).body("data.size()", is(0)).body("meta.sparse", is(true))
                    .body("meta.domainMeta.sparse", is(true)).body("meta.domainMeta.label", notNullValue())
                    .body("meta.domainMeta.rate.displayUnit", notNullValue());
        }
    }
}
