package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.device;
import static dev.gridservices.dispatch.Fixtures.enrollment;
import static dev.gridservices.dispatch.Fixtures.event;
import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.program;
import static dev.gridservices.dispatch.Fixtures.reachedVens;
import static dev.gridservices.dispatch.Fixtures.site;
import static dev.gridservices.dispatch.Fixtures.utility;
import static dev.gridservices.dispatch.Fixtures.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        String utility = id("utl");
        String oem = id("oem");
        String programId = id("prg");
        program(programId, utility);
        String venA = id("ven");
        String venB = id("ven");
        String venC = id("ven");
        String deviceA = id("res");
        String deviceB = id("res");
        String deviceC = id("res");
        String siteA = id("site");
        String siteB = id("site");
        // enrollment.changed knows an older resource name; devices.changed the current one and the tags
        enrollment(id("enr"), 1, "enrolled", programId, utility, oem, venA, deviceA, "old-name-A");
        enrollment(id("enr"), 1, "enrolled", programId, utility, oem, venB, deviceB, "name-B");
        enrollment(id("enr"), 1, "enrolled", programId, utility, oem, venC, deviceC, "name-C");
        site("site.created", siteA, venA, oem);
        site("site.created", siteB, venB, oem);
        device("device.created", deviceA, "meter-A", venA, oem, siteA, "[\"group-5\"]");
        device("device.created", deviceB, "meter-B", venB, oem, siteB, "[\"group-6\"]");
        device("device.created", deviceC, "meter-C", venC, oem, siteB, "[\"group-5\"]");

        String byName = create(programId, utility, "[\"meter-A\"]");
        assertThat(reachedVens(byName, "CREATE")).containsExactly(venA);
        String bySite = create(programId, utility, "[\"" + siteB + "\"]");
        assertThat(reachedVens(bySite, "CREATE")).containsExactlyInAnyOrder(venB, venC);
        String byTag = create(programId, utility, "[\"group-5\"]");
        assertThat(reachedVens(byTag, "CREATE")).containsExactlyInAnyOrder(venA, venC);
        String byDeviceId = create(programId, utility, "[\"" + deviceB + "\"]");
        assertThat(reachedVens(byDeviceId, "CREATE")).containsExactly(venB);

        // a VEN sees of a tag-targeted event only the target that names its device
        ven(oem, venA).get("/v2/events/" + byTag).then().statusCode(200).body("targets", contains("group-5"));
        ven(oem, venB).get("/v2/events/" + byTag).then().statusCode(404);

        // device C is deleted at device-service; its enrollment has not ended (yet)
        device("device.deleted", deviceC, "meter-C", venC, oem, siteB, "[\"group-5\"]");
        String broadcast = create(programId, utility, "[]");
        assertThat(reachedVens(broadcast, "CREATE")).containsExactlyInAnyOrder(venA, venB);
        String byTagAgain = create(programId, utility, "[\"group-5\"]");
        assertThat(reachedVens(byTagAgain, "CREATE")).containsExactly(venA);
        ven(oem, venC).get("/v2/events/" + broadcast).then().statusCode(404);
        ven(oem, venC).get("/v2/events").then().statusCode(200).body("id", org.hamcrest.Matchers.empty());

        // a deleted site's devices get nothing either
        site("site.deleted", siteB, venB, oem);
        String afterSiteDeleted = create(programId, utility, "[]");
        assertThat(reachedVens(afterSiteDeleted, "CREATE")).containsExactly(venA);
    }

    @Test
    void aDeviceTargetedEventArrivesOverMqttAtItsVenOnly() throws Exception {
        String utility = id("utl");
        String oem = id("oem");
        String programId = id("prg");
        program(programId, utility);
        String venA = id("ven");
        String venB = id("ven");
        String deviceA = id("res");
        String deviceB = id("res");
        enrollment(id("enr"), 1, "enrolled", programId, utility, oem, venA, deviceA, "a");
        enrollment(id("enr"), 1, "enrolled", programId, utility, oem, venB, deviceB, "b");
        device("device.created", deviceA, "meter-" + deviceA, venA, oem, id("site"), "[]");
        try (MqttTestClient a = MqttTestClient.connect().subscribe("texture/v2/" + venA + "/events/#");
             MqttTestClient b = MqttTestClient.connect().subscribe("texture/v2/" + venB + "/events/#")) {
            String targeted = create(programId, utility, "[\"meter-" + deviceA + "\"]");
            String marker = create(programId, utility, "[]");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> a.received().stream()
                    .anyMatch(r -> r.topic().endsWith("/events/" + targeted)));
            assertThat(mapper.readTree(a.received().stream().filter(r -> r.topic().endsWith("/events/" + targeted))
                    .findFirst().orElseThrow().payload()).at("/object/targets/0").asText())
                    .isEqualTo("meter-" + deviceA);
            // venB's records share one partition (key = venB): the later broadcast is the positive marker
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.received().stream()
                    .anyMatch(r -> r.topic().endsWith("/events/" + marker)));
            assertThat(b.received()).noneMatch(r -> r.topic().endsWith("/events/" + targeted));
        }
    }

    private static String create(String programId, String utility, String targets) {
        return utility(utility).body(event(programId, targets, -3.0)).post("/v2/events").then().statusCode(201)
                .extract().jsonPath().get("id");
    }
}
