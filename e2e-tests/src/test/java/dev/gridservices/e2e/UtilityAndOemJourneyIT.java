package dev.gridservices.e2e;

import static dev.gridservices.e2e.Edge.withKey;
import static dev.gridservices.e2e.Edge.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.seed.DemoTenant;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The issue "Utility and OEM end to end", through the gateway only and with the seeded organizations: the
 * OEM's VEN client registers a site and a battery, reports on it and enrolls it into the program the
 * utility offered; the utility sees the enrollment, another organization sees nothing of the OEM's.
 */
@Order(3)
class UtilityAndOemJourneyIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static DemoTenant demo;

    @BeforeAll
    static void startSuite() {
        stack = SuiteStack.get();
        demo = stack.demoTenant().orElseThrow(() -> new AssertionError("the launcher did not seed the demo data"));
    }

    @Test
    void anOemsVenClientRegistersASiteAndABatteryThatNoOtherOrganizationSees() {
        DemoTenant.Oem oem = demo.oem();
        String venToken = Edge.token(stack, oem.clientId(), oem.clientSecret());

        // 1. the VEN client registers a site and a battery at it
        Map<String, Object> address = Map.of("street", "1600 Glenarm Pl", "city", "Denver", "state", "CO", "zip", "80202");
        String siteId = withToken(stack, venToken)
                .body(Map.of("name", "E2E Denver home", "address", address))
                .post("/v2/x-texture/sites")
                .then().statusCode(201).body("address.zip", equalTo("80202")).extract().path("id");
        String resourceName = Edge.unique("BAT");
        String resourceId = withToken(stack, venToken)
                .body(Edge.battery(oem.venId(), resourceName, siteId))
                .post("/v2/resources")
                .then().statusCode(201)
                .body("objectType", equalTo("VEN_RESOURCE"))
                .body("venID", equalTo(oem.venId()))
                .extract().path("id");

        // 2. read back in both shapes: Direct API (the VEN's token) and core API (the OEM's SERVER key)
        withToken(stack, venToken).get("/v2/resources/" + resourceId)
                .then().statusCode(200)
                .body("resourceName", equalTo(resourceName))
                .body("venID", equalTo(oem.venId()));
        withToken(stack, venToken).get("/v2/resources")
                .then().statusCode(200).body("id", hasItem(resourceId));
        withToken(stack, venToken).get("/v2/x-texture/sites/" + siteId)
                .then().statusCode(200).body("address.city", equalTo("Denver"));
        withKey(stack, oem.serverKey()).get("/v1/devices/" + resourceId)
                .then().statusCode(200)
                .body("id", equalTo(resourceId))
                .body("venId", equalTo(oem.venId()))
                .body("resourceName", equalTo(resourceName))
                .body("manufacturerDeviceId", equalTo(resourceName));
        withKey(stack, oem.serverKey()).get("/v1/sites/" + siteId)
                .then().statusCode(200).body("location.postalCode", equalTo("80202"));

        // 3. another OEM organization — its SERVER key and its own VEN's token — sees none of it, though it
        //    sees its own resource (the positive marker that its reads work at all)
        Edge.Organization other = Edge.organization(stack, "oem");
        Edge.Ven otherVen = Edge.ven(stack, other.id(), other.serverKey(), Edge.OEM_SCOPES);
        String otherToken = Edge.token(stack, otherVen);
        String otherSite = withKey(stack, other.serverKey())
                .body(Map.of("name", "Other home", "address", address))
                .post("/v2/x-texture/sites").then().statusCode(201).extract().path("id");
        String otherResource = withKey(stack, other.serverKey())
                .body(Edge.battery(otherVen.id(), Edge.unique("BAT"), otherSite))
                .post("/v2/resources").then().statusCode(201).extract().path("id");
        withToken(stack, otherToken).get("/v2/resources")
                .then().statusCode(200).body("id", hasItem(otherResource)).body("id", not(hasItem(resourceId)));
        withKey(stack, other.serverKey()).get("/v1/devices")
                .then().statusCode(200).body("data.id", hasItem(otherResource)).body("data.id", not(hasItem(resourceId)));
        withToken(stack, otherToken).get("/v2/resources/" + resourceId).then().statusCode(404);
        withToken(stack, otherToken).get("/v2/x-texture/sites/" + siteId).then().statusCode(404);
        withKey(stack, other.serverKey()).get("/v2/resources/" + resourceId).then().statusCode(404);
        withKey(stack, other.serverKey()).get("/v1/devices/" + resourceId).then().statusCode(404);
        withKey(stack, other.serverKey()).get("/v1/sites/" + siteId).then().statusCode(404);
        // nor does the utility: an OEM's devices are not a utility's to read in the core API
        withKey(stack, demo.utility().serverKey()).get("/v1/devices/" + resourceId).then().statusCode(404);
    }

    /** The OEM reports on a battery and enrolls it; the utility sees the enrollment, another OEM does not. */
    @Test
    void anOemReportsOnAndEnrollsABatteryAndTheUtilitySeesTheEnrollment() {
        DemoTenant.Oem oem = demo.oem();
        String venToken = Edge.token(stack, oem.clientId(), oem.clientSecret());
        Map<String, Object> address = Map.of("street", "1600 Glenarm Pl", "city", "Denver", "state", "CO", "zip", "80202");
        String siteId = withToken(stack, venToken)
                .body(Map.of("name", "E2E Denver home 2", "address", address))
                .post("/v2/x-texture/sites").then().statusCode(201).extract().path("id");
        String resourceName = Edge.unique("BAT");
        String resourceId = withToken(stack, venToken)
                .body(Edge.battery(oem.venId(), resourceName, siteId))
                .post("/v2/resources").then().statusCode(201).extract().path("id");
        Edge.Organization other = Edge.organization(stack, "oem");
        String otherToken = Edge.token(stack, Edge.ven(stack, other.id(), other.serverKey(), Edge.OEM_SCOPES));

        // the OEM reports on the battery; the device's /v1 state shows it. telemetry-ingest learns of the
        //    resource from devices.changed, so until then the report is refused as an unknown resource (400)
        String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response report = withToken(stack, venToken).body(report(oem.venId(), resourceName, start, 64))
                    .post("/v2/reports");
            assertThat(report.statusCode()).as(report.asString()).isEqualTo(201);
        });
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                withKey(stack, oem.serverKey()).get("/v1/devices/" + resourceId)
                        .then().statusCode(200)
                        .body("state.chargePercentage", equalTo(64))
                        .body("state.chargingState", equalTo("charging")));

        // 5. the OEM enrolls the battery, with the customer's consent, into the program offered to it.
        //    enrollment-service knows devices, sites and offers from events: until they arrive it answers 404
        Map<String, Object> enrollment = Map.of("resourceID", resourceId, "siteID", siteId,
                "programID", demo.program().id(),
                "consent", Map.of("optIn", true, "timestamp", Instant.now().minusSeconds(60).toString(),
                        "source", "device_app", "termsVersion", "v1", "scope", List.of("demand_response")));
        Response created = await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).until(
                () -> withToken(stack, venToken).body(enrollment).post("/v2/x-texture/enrollments"),
                response -> response.statusCode() != 404);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String enrollmentId = created.path("id");
        assertThat(enrollmentId).isNotBlank();
        withToken(stack, venToken).get("/v2/x-texture/enrollments/" + enrollmentId)
                .then().statusCode(200).body("id", equalTo(enrollmentId));
        // the same enrollment again is the same one
        withToken(stack, venToken).body(enrollment).post("/v2/x-texture/enrollments")
                .then().statusCode(200).body("id", equalTo(enrollmentId));

        // 6. the utility sees it in its instance, with the device's id and type; the other OEM does not
        withKey(stack, demo.utility().serverKey())
                .get("/v1/programInstances/" + demo.program().instanceId() + "/enrollments")
                .then().statusCode(200).body("data.id", hasItem(enrollmentId));
        withKey(stack, demo.utility().serverKey()).get("/v1/enrollments/" + enrollmentId)
                .then().statusCode(200)
                .body("devices[0].id", equalTo(resourceId))
                .body("devices[0].type", equalTo("battery"));
        withToken(stack, otherToken).get("/v2/x-texture/enrollments/" + enrollmentId).then().statusCode(404);
    }

    private static String report(String venId, String resourceName, String start, int chargePercent) {
        return """
                {"eventID":null,"clientName":"%s","reportName":"e2e","payloadDescriptors":[\
                {"objectType":"REPORT_PAYLOAD_DESCRIPTOR","payloadType":"STORAGE_CHARGE_LEVEL","units":"PERCENT",\
                "readingType":"DIRECT_READ"}],\
                "resources":[{"resourceName":"%s","intervalPeriod":{"start":"%s","duration":"PT0S"},\
                "intervals":[{"id":0,"payloads":[{"type":"STORAGE_CHARGE_LEVEL","values":[%d]},\
                {"type":"x-telemetry:CHARGING_STATE","values":["CHARGING"]}]}]}]}"""
                .formatted(venId, resourceName, start, chargePercent);
    }
}
