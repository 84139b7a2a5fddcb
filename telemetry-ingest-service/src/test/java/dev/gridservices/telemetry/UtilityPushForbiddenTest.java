package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestAuthServer;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.auth.TestToken;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's 403 matrix: a utility organization pushes no telemetry, whatever credential it holds and
 * whichever scopes that credential claims. Each refusal is a 403 problem, and nothing reaches
 * {@code telemetry.raw}: after the refusals the OEM's own push (charge level 86, the refused ones say 85) is
 * the marker, and it must be the device's first record (one device's records share a partition, in order,
 * so anything produced by a refused push would be read before it).
 * MQTT has no such case: the broker lets a client publish only under its own VEN's topics, and a
 * utility has no VEN.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class UtilityPushForbiddenTest {

    @Inject
    DeviceDirectory devices;

    @Test
    void aUtilityCannotPushReportsOrCoreTelemetryAndNothingIsProduced() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String deviceId = ven.resource("UTIL-403", DeviceType.BATTERY, devices);
        String report = Fixtures.batteryReport(ven, "UTIL-403");
        String utility = Fixtures.newId("org_");

        // POST /v2/reports: a utility (BL) token with write_reports, with and without a ven_id claim naming the VEN.
        for (String token : List.of(TestCredentials.bearer(utility, "write_reports"),
                TestToken.forOrganization(utility).ven(ven.venId()).scopes("write_reports").mint(),
                TestToken.forOrganization(ven.organizationId()).ven(ven.venId()).scopes("write_reports").mint())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(report).post("/v2/reports").then()
                    .statusCode(403).contentType("application/problem+json").body("status", is(403));
        }
        // POST /v1/devices/{id}/telemetry: a utility's SERVER key, and a MANUFACTURER key of a utility organization.
        String state = "{\"state\":{\"chargePercentage\":85,\"chargingState\":\"charging\"}}";
        for (String key : List.of(TestCredentials.serverApiKey(utility),
                TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.UTILITY),
                utilityManufacturerKey(utility), utilityManufacturerKey(ven.organizationId()))) {
            given().header("Texture-Api-Key", key).contentType(ContentType.JSON).body(state)
                    .post("/v1/devices/" + deviceId + "/telemetry").then().statusCode(403)
                    .contentType("application/problem+json").body("status", is(403));
        }

        given().header("Texture-Api-Key", TestCredentials.manufacturerApiKey(ven.organizationId()))
                .contentType(ContentType.JSON).body(state.replace("85", "86"))
                .post("/v1/devices/" + deviceId + "/telemetry").then().statusCode(202);
        List<ConsumerRecord<String, String>> first = TopicReader.read("telemetry.raw",
                r -> deviceId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).value()).contains("\"STORAGE_CHARGE_LEVEL\":86").contains("\"reportId\":\"v1_");
    }

    /** A MANUFACTURER key whose organization is a utility: auth-service issues none, so it must not count either. */
    private static String utilityManufacturerKey(String organizationId) {
        return given().contentType(ContentType.JSON).body(Map.of("type", "MANUFACTURER", "organizationId", organizationId,
                        "organizationKind", TestCredentials.UTILITY))
                .post(TestAuthServer.url() + "/test/api-keys").then().statusCode(200).extract().jsonPath().getString("key");
    }
}
