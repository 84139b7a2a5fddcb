package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.messaging.MqttIngest;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.MqttTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQTT ingest on the real broker: same JSON, same validation, refusals counted and answered on …/errors. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class MqttIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeviceDirectory devices;

    @Inject
    MqttIngest ingest;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void subscribed() {
        await().atMost(Duration.ofSeconds(20)).until(ingest::isSubscribed);
    }

    private double rejected(String reason) {
        var counter = registry.find("telemetry.readings.rejected").tag("transport", "mqtt").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aReportOnAResourceTopicLandsOnTelemetryRaw() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String id = ven.resource("MQ-BAT-1", DeviceType.BATTERY, devices);
        try (MqttTestClient vendor = MqttTestClient.connect()) {
            vendor.publish("texture/v2/" + ven.venId() + "/reports/MQ-BAT-1", Fixtures.batteryReport(ven, "MQ-BAT-1"));
        }
        List<ConsumerRecord<String, String>> records = TopicReader.read("telemetry.raw", r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).contains("\"venId\":\"" + ven.venId() + "\"");
        // The report is stored after the acks; then it is visible over REST like any other.
        await().atMost(Duration.ofSeconds(10)).until(() -> ven.caller().get("/v2/reports").then().extract()
                .jsonPath().getList("$").size() == 1);
        ven.caller().get("/v2/reports").then().statusCode(200)
                .body("[0].resources[0].resourceName", org.hamcrest.Matchers.is("MQ-BAT-1"))
                .body("[0].clientID", org.hamcrest.Matchers.is("mqtt:" + ven.venId()));
    }

    @Test
    void aBadReportIsRefusedCountedAndAnsweredOnTheErrorsTopic() throws Exception {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("MQ-BAT-2", DeviceType.BATTERY, devices);
        Fixtures.Ven other = Fixtures.Ven.create();
        other.resource("MQ-OTHER", DeviceType.BATTERY, devices);
        double before = rejected("maximum");
        try (MqttTestClient vendor = MqttTestClient.connect()) {
            vendor.subscribe("texture/v2/" + ven.venId() + "/reports/errors");
            vendor.publish("texture/v2/" + ven.venId() + "/reports",
                    Fixtures.batteryReport(ven, "MQ-BAT-2").replace("[85]", "[150]"));
            // Another VEN's resource under this VEN's topic, and a resource topic naming another resource.
            vendor.publish("texture/v2/" + ven.venId() + "/reports", Fixtures.batteryReport(ven, "MQ-OTHER"));
            vendor.publish("texture/v2/" + ven.venId() + "/reports/MQ-BAT-9", Fixtures.batteryReport(ven, "MQ-BAT-2"));
            // A NUL escape, even in a field the parser skips: MQTT bodies do not pass service-kit's guard.
            vendor.publish("texture/v2/" + ven.venId() + "/reports",
                    Fixtures.batteryReport(ven, "MQ-BAT-2").replace("{\"eventID\"", "{\"note\":\"a\\u0000b\",\"eventID\""));
            await().atMost(Duration.ofSeconds(20)).until(() -> vendor.received().size() >= 4);
            List<JsonNode> answers = vendor.received().stream().map(m -> read(m.payload())).toList();
            assertThat(answers).filteredOn(e -> e.path("errors").isEmpty()).singleElement().satisfies(e -> {
                assertThat(e.get("status").asInt()).isEqualTo(400);
                assertThat(e.get("detail").asText()).contains("NUL character");
            });
            List<JsonNode> errors = answers.stream().filter(e -> !e.path("errors").isEmpty()).toList();
            assertThat(errors).extracting(e -> e.at("/errors/0/message").asText()).containsExactlyInAnyOrder(
                    "STORAGE_CHARGE_LEVEL 150 is above 100",
                    "resource MQ-OTHER is not registered for VEN " + ven.venId(),
                    "resource MQ-BAT-2 does not match the topic's resource MQ-BAT-9");
            assertThat(errors).extracting(e -> e.at("/errors/0/rule").asText())
                    .containsExactlyInAnyOrder("maximum", "unknown-resource", "topic-resource");
            assertThat(errors).allSatisfy(e -> assertThat(e.get("status").asInt()).isEqualTo(400));
        }
        assertThat(rejected("maximum")).isEqualTo(before + 1);
        ven.caller().get("/v2/reports").then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
