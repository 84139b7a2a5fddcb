package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.messaging.CatchUpHook;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The catch-up gate: while the read models have not applied what the topics held, a report naming a
 * device that exists is a 503 with Retry-After (never a 400 unknown-resource), so are the device's history
 * and metrics (never a 404 or a silently empty answer), and readiness is DOWN; once the awaited record is
 * applied the same report is accepted, the reads answer 200 and readiness is UP.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ReadModelCatchUpTest {

    private static final String DEVICES = "devices.changed";

    @Inject
    DeviceDirectory devices;

    @Inject
    ReadModelCatchUp gate;

    @Test
    void aKnownDeviceIs503UntilTheReadModelsCaughtUpThenAccepted() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(gate::isCaughtUp);
        Fixtures.Ven ven = Fixtures.Ven.create();
        String id = ven.resource("GATE-1", DeviceType.BATTERY, devices);
        String apiKey = TestCredentials.manufacturerApiKey(ven.organizationId());

        // As at a start: the gate waits for the next record of devices.changed-0, not yet on the topic.
        CatchUpHook.expect(gate, DEVICES, 0, endOffset(DEVICES, 0));
        assertThat(gate.isCaughtUp()).isFalse();

        ven.caller().body(Fixtures.batteryReport(ven, "GATE-1")).post("/v2/reports").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", is("2"))
                .body("type", is("https://direct.texturehq.com/errors/service-unavailable"));
        given().header("Texture-Api-Key", apiKey).contentType(ContentType.JSON)
                .body("{\"state\":{\"chargePercentage\":85,\"chargingState\":\"charging\"}}")
                .post("/v1/devices/" + id + "/telemetry").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", is("2"));
        // Reads that ask the read model whose device it is are gated alike: the caller's own device is no 404.
        given().header("Texture-Api-Key", apiKey).queryParam("from", "2026-01-01T00:00:00Z")
                .get("/v1/devices/" + id + "/history").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", is("2"));
        given().header("Texture-Api-Key", apiKey).queryParam("filterDeviceId", id)
                .get("/v1/metrics/storage").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", is("2"));
        given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"))
                .body("checks.find { it.name == 'telemetry-read-models' }.status", is("DOWN"));

        // The awaited record arrives (a second device of the VEN, on the awaited partition).
        String second = Fixtures.newId("res_");
        sendToPartition(DEVICES, 0, second, Fixtures.envelope("device.created", ven.organizationId(), """
                {"deviceId":"%s","resourceName":"GATE-2","venId":"%s","organizationId":"%s","siteId":"site_1",\
                "deviceType":"BATTERY","deleted":false}""".formatted(second, ven.venId(), ven.organizationId())));
        await().atMost(Duration.ofSeconds(20)).until(gate::isCaughtUp);
        assertThat(devices.byId(second)).isPresent();

        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItem("telemetry-read-models"));
        ven.caller().body(Fixtures.batteryReport(ven, "GATE-1")).post("/v2/reports").then().statusCode(201);
        given().header("Texture-Api-Key", apiKey).contentType(ContentType.JSON)
                .body("{\"state\":{\"chargePercentage\":85,\"chargingState\":\"charging\"}}")
                .post("/v1/devices/" + second + "/telemetry").then().statusCode(202);
        given().header("Texture-Api-Key", apiKey).queryParam("from", "2026-01-01T00:00:00Z")
                .get("/v1/devices/" + id + "/history").then().statusCode(200);
        given().header("Texture-Api-Key", apiKey).queryParam("filterDeviceId", id)
                .get("/v1/metrics/storage").then().statusCode(200);
    }

    private static long endOffset(String topic, int partition) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            return consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
        }
    }

    private static void sendToPartition(String topic, int partition, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        }
    }
}
