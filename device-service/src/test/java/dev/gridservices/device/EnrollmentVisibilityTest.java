package dev.gridservices.device;

import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oemServer;
import static dev.gridservices.device.Api.utilityServer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.device.Enrollments.Enrollment;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * enrollment.changed on the real broker → enrollment_view → a utility sees exactly the devices live in an
 * enrollment in its programs (enrolled or active, not ended), never the rest of the OEM's fleet, and
 * changes none of them.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class EnrollmentVisibilityTest {

    private static void awaitStatus(String utility, String deviceId, int status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                utilityServer(utility).get("/v1/devices/" + deviceId).then().statusCode(status));
    }

    @Test
    void aUtilitySeesExactlyTheDevicesLiveInItsEnrollmentsAndChangesNoneOfThem() {
        String oem = newOrg();
        String utility = newOrg();
        String other = newOrg();
        String[] enrolled = Api.registerBattery(oem);
        String venId = enrolled[0];
        String siteId = enrolled[1];
        String fleet = oemServer(oem).body(Api.battery(venId, Api.unique("BAT"), siteId)).post("/v2/resources")
                .then().statusCode(201).extract().path("id");
        String pending = oemServer(oem).body(Api.battery(venId, Api.unique("BAT"), siteId)).post("/v2/resources")
                .then().statusCode(201).extract().path("id");

        Enrollment e = Enrollment.of(enrolled[2], venId, oem, utility, "prog-" + UUID.randomUUID(), "prg_1");
        Enrollment waiting = Enrollment.of(pending, venId, oem, utility, e.programId(), "prg_1");
        waiting.send(1, "opted_in", false);
        e.send(1, "enrolled", false);
        awaitStatus(utility, enrolled[2], 200);

        utilityServer(utility).get("/v1/devices/" + enrolled[2]).then()
                .body("id", equalTo(enrolled[2])).body("type", equalTo("battery"));
        utilityServer(utility).get("/v1/devices").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("data.id", contains(enrolled[2]));
        // The rest of the OEM's fleet, a device still opting in, and the OEM's sites stay invisible.
        utilityServer(utility).get("/v1/devices/" + fleet).then().statusCode(404);
        utilityServer(utility).get("/v1/devices/" + pending).then().statusCode(404);
        utilityServer(utility).get("/v1/sites/" + siteId).then().statusCode(404);
        utilityServer(other).get("/v1/devices/" + enrolled[2]).then().statusCode(404);
        utilityServer(other).get("/v1/devices").then().body("totalItems", equalTo(0));

        // Reading is all: a utility's changes to an enrolled OEM device answer 404 and change nothing.
        utilityServer(utility).delete("/v1/devices/" + enrolled[2]).then().statusCode(404)
                .contentType("application/problem+json");
        utilityServer(utility).body(Map.of("tags", List.of("utility"))).put("/v1/devices/" + enrolled[2] + "/tags")
                .then().statusCode(404);
        utilityServer(utility).body(Map.of("siteProfileId", siteId)).put("/v1/devices/" + enrolled[2] + "/site")
                .then().statusCode(404);
        oemServer(oem).get("/v1/devices/" + enrolled[2]).then().statusCode(200).body("tags", equalTo(List.of()));

        // Active is live too; then the end (revocation) hides it again.
        e.send(2, "active", false);
        e.send(3, "revoked", true);
        awaitStatus(utility, enrolled[2], 404);
        utilityServer(utility).get("/v1/devices").then().body("totalItems", equalTo(0));
        oemServer(oem).get("/v1/devices/" + enrolled[2]).then().statusCode(200);
    }

    @Test
    void olderRedeliveredAndMalformedRecordsChangeNothing() {
        String oem = newOrg();
        String utility = newOrg();
        String marker = newOrg();
        String[] battery = Api.registerBattery(oem);
        String device = battery[2];
        Enrollment e = Enrollment.of(device, battery[0], oem, utility, "prog-" + UUID.randomUUID(), "prg_2");
        String firstEnvelope = UUID.randomUUID().toString();
        Enrollments.send(device,
                "not json at all",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"enrollment.created\",\"version\":1,\"payload\":{}}",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"enrollment.created\",\"version\":1,"
                        + "\"payload\":{\"enrollmentId\":\"enr_x\",\"sequence\":\"soon\",\"deviceId\":\"" + device + "\"}}",
                e.record(firstEnvelope, 1, "enrolled", false),
                // Ended at sequence 3, then sequence 2 (live) arrives late: the later state stands.
                e.record(3, "revoked", true),
                e.record(2, "active", false),
                // The first envelope again, with other content: a redelivery changes nothing either.
                e.record(firstEnvelope, 4, "active", false));
        // A later record on the same key (so the same partition, in order) is the marker that all were handled.
        Enrollment.of(device, battery[0], oem, marker, "prog-" + UUID.randomUUID(), "prg_3").send(1, "enrolled", false);
        awaitStatus(marker, device, 200);
        utilityServer(utility).get("/v1/devices/" + device).then().statusCode(404);
    }
}
