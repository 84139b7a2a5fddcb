package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

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
import java.util.List;
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
}
