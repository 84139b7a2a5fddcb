package dev.gridservices.device;

import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oemServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** devices.changed: every registry change, as versioned envelopes keyed by the object's id, on a compacted topic. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class EventsTest {

    @Test
    void venSiteAndDeviceChangesAreReadBackFromTheBroker() throws Exception {
        String org = newOrg();
        String[] battery = Api.registerBattery(org);
        JsonNode ven = TelemetryTest.awaitEvent("ven.created", battery[0]);
        assertThat(ven.path("version").asInt()).isEqualTo(1);
        assertThat(ven.path("tenant").asText()).isEqualTo(org);
        assertThat(ven.path("payload").path("organizationId").asText()).isEqualTo(org);

        JsonNode site = TelemetryTest.awaitEvent("site.created", battery[1]);
        assertThat(site.path("payload").path("territoryOutcome").asText()).isEqualTo("partial");
        assertThat(site.path("payload").path("utilityEiaId").asText()).isEqualTo("15466");
        assertThat(site.path("payload").path("timezone").asText()).isEqualTo("America/Denver");

        JsonNode device = TelemetryTest.awaitEvent("device.created", battery[2]);
        JsonNode payload = device.path("payload");
        assertThat(payload.path("venId").asText()).isEqualTo(battery[0]);
        assertThat(payload.path("siteId").asText()).isEqualTo(battery[1]);
        assertThat(payload.path("deviceType").asText()).isEqualTo("BATTERY");
        assertThat(payload.path("type").asText()).isEqualTo("battery");
        assertThat(payload.path("deleted").asBoolean()).isFalse();
        // The rated capability, for enrollment's minimum-capacity rule: Api.battery is 10 kW / 10,000 Wh.
        assertThat(payload.path("capacity").path("maxDischargeKw").asDouble()).isEqualTo(10.0);
        assertThat(payload.path("capacity").path("usableCapacityKwh").asDouble()).isEqualTo(10.0);
        assertThat(payload.path("capacity").path("nameplateKw").isNull()).isTrue();

        oemServer(org).body(Map.of("tags", List.of("a"))).put("/v1/devices/" + battery[2] + "/tags").then().statusCode(200);
        assertThat(TelemetryTest.awaitEvent("device.updated", battery[2]).path("payload").path("tags").get(0).asText())
                .isEqualTo("a");
        oemServer(org).delete("/v2/resources/" + battery[2]).then().statusCode(200);
        assertThat(TelemetryTest.awaitEvent("device.deleted", battery[2]).path("payload").path("deleted").asBoolean())
                .isTrue();
        oemServer(org).delete("/v2/x-texture/sites/" + battery[1]).then().statusCode(200);
        TelemetryTest.awaitEvent("site.deleted", battery[1]);
        oemServer(org).delete("/v2/vens/" + battery[0]).then().statusCode(200);
        TelemetryTest.awaitEvent("ven.deleted", battery[0]);
    }

    @Test
    void theTopicIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "devices.changed");
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
