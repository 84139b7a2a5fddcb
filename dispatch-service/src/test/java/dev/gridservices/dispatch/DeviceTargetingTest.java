package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.device;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.reachedVens;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.site;
import static dev.gridservices.dispatch.Fixtures.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.MqttTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Targeting by what devices.changed says about devices and sites (device.*, site.*): a target naming a
 * resource name, a device tag or a site reaches exactly the VENs of the enrolled devices it names, and a
 * deleted device (or a device of a deleted site) gets nothing, even while its enrollment is still open.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class DeviceTargetingTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void targetsNamingResourceNamesTagsAndSitesReachExactlyTheirEnrolledDevicesVens() throws Exception {
        Scenario s = scenario();
        String venA = id("ven");
        String venB = id("ven");
        String venC = id("ven");
        String deviceA = id("res");
        String deviceB = id("res");
        String deviceC = id("res");
        String siteA = id("site");
        String siteB = id("site");
        // enrollment.changed knows an older resource name; devices.changed the current one and the tags
        s.enrollment(id("enr"), 1, "enrolled", venA, deviceA, "old-name-A");
        s.enrollment(id("enr"), 1, "enrolled", venB, deviceB, "name-B");
        s.enrollment(id("enr"), 1, "enrolled", venC, deviceC, "name-C");
        site("site.created", siteA, venA, s.oem());
        site("site.created", siteB, venB, s.oem());
        device("device.created", deviceA, "meter-A", venA, s.oem(), siteA, "[\"group-5\"]");
        device("device.created", deviceB, "meter-B", venB, s.oem(), siteB, "[\"group-6\"]");
        device("device.created", deviceC, "meter-C", venC, s.oem(), siteB, "[\"group-5\"]");

        String byName = s.createEvent("[\"meter-A\"]", -3.0);
        assertThat(reachedVens(byName, "CREATE")).containsExactly(venA);
        String bySite = s.createEvent("[\"" + siteB + "\"]", -3.0);
        assertThat(reachedVens(bySite, "CREATE")).containsExactlyInAnyOrder(venB, venC);
        String byTag = s.createEvent("[\"group-5\"]", -3.0);
        assertThat(reachedVens(byTag, "CREATE")).containsExactlyInAnyOrder(venA, venC);
        String byDeviceId = s.createEvent("[\"" + deviceB + "\"]", -3.0);
        assertThat(reachedVens(byDeviceId, "CREATE")).containsExactly(venB);

        // a VEN sees of a tag-targeted event only the target that names its device
        ven(s.oem(), venA).get("/v2/events/" + byTag).then().statusCode(200).body("targets", contains("group-5"));
        ven(s.oem(), venB).get("/v2/events/" + byTag).then().statusCode(404);

        // device C is deleted at device-service; its enrollment has not ended (yet)
        device("device.deleted", deviceC, "meter-C", venC, s.oem(), siteB, "[\"group-5\"]");
        String broadcast = s.createEvent("[]", -3.0);
        assertThat(reachedVens(broadcast, "CREATE")).containsExactlyInAnyOrder(venA, venB);
        String byTagAgain = s.createEvent("[\"group-5\"]", -3.0);
        assertThat(reachedVens(byTagAgain, "CREATE")).containsExactly(venA);
        ven(s.oem(), venC).get("/v2/events/" + broadcast).then().statusCode(404);
        ven(s.oem(), venC).get("/v2/events").then().statusCode(200).body("id", org.hamcrest.Matchers.empty());

        // a deleted site's devices get nothing either
        site("site.deleted", siteB, venB, s.oem());
        String afterSiteDeleted = s.createEvent("[]", -3.0);
        assertThat(reachedVens(afterSiteDeleted, "CREATE")).containsExactly(venA);
    }

    @Test
    void aDeviceTargetedEventArrivesOverMqttAtItsVenOnly() throws Exception {
        Scenario s = scenario();
        String venA = id("ven");
        String venB = id("ven");
        s.knownDevice(venA, "meter-A", "[]");
        s.enrolledDevice(venB);
        try (MqttTestClient a = MqttTestClient.connect().subscribe("texture/v2/" + venA + "/events/#");
             MqttTestClient b = MqttTestClient.connect().subscribe("texture/v2/" + venB + "/events/#")) {
            String targeted = s.createEvent("[\"meter-A\"]", -3.0);
            String marker = s.createEvent("[]", -3.0);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> a.received().stream()
                    .anyMatch(r -> r.topic().endsWith("/events/" + targeted)));
            assertThat(mapper.readTree(a.received().stream().filter(r -> r.topic().endsWith("/events/" + targeted))
                    .findFirst().orElseThrow().payload()).at("/object/targets/0").asText())
                    .isEqualTo("meter-A");
            // venB's records share one partition (key = venB): the later broadcast is the positive marker
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.received().stream()
                    .anyMatch(r -> r.topic().endsWith("/events/" + marker)));
            assertThat(b.received()).noneMatch(r -> r.topic().endsWith("/events/" + targeted));
        }
    }
}
