package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.messaging.MqttIngest;
import dev.gridservices.telemetry.messaging.MqttReplica;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.ReportService;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, one shared subscription: on the platform's HiveMQ broker, the application's MQTT ingest
 * and a second replica (same class and settings, own connection) subscribe with
 * {@code $share/telemetry-ingest/texture/v2/+/reports/#}; every report published once is ingested once,
 * a ~12 KB one included (Vert.x's MQTT client took 8 KB at most before {@code telemetry.mqtt.max-message-size}).
 * Proof of absence: after the marker (the last message) is on {@code telemetry.raw} and both replicas have
 * finished every message they took, the topic is read to its end offsets; each reading is there exactly
 * once, and the replicas together took exactly as many messages as were published (with plain
 * subscriptions each would take every message and produce every reading twice). Both replicas count as
 * subscribed only once the broker granted the subscription (SUBACK without the failure code).
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@TestProfile(SharedSubscriptionTest.OnPlatformBroker.class)
class SharedSubscriptionTest {

    private static final int DEVICES = 30;
    private static final int READINGS_PER_DEVICE = 2;

    public static class OnPlatformBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PlatformBrokerResource.class));
        }
    }

    @Inject
    DeviceDirectory devices;

    @Inject
    MqttIngest ingest;

    @Inject
    Vertx vertx;

    @Inject
    ReportService reports;

    @Inject
    ObjectMapper mapper;

    @Inject
    TelemetryConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    ReadModelCatchUp catchUp;

    @Test
    void twoReplicasIngestEachMessageExactlyOnce() throws Exception {
        MqttIngest second = MqttReplica.start(vertx, reports, devices, mapper, config, registry, catchUp);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.isSubscribed() && second.isSubscribed());
            Fixtures.Ven ven = Fixtures.Ven.create();
            List<String> names = new ArrayList<>();
            Map<String, String> ids = new HashMap<>();
            for (int d = 0; d < DEVICES; d++) {
                String name = "SHARED-" + d;
                names.add(name);
                ids.put(ven.resource(name, DeviceType.BATTERY, devices), name);
            }
            ids.put(ven.resource("SHARED-MARKER", DeviceType.BATTERY, devices), "SHARED-MARKER");
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
            int published = 0;
            try (Publisher publisher = new Publisher()) {
                for (int r = 0; r < READINGS_PER_DEVICE; r++) {
                    for (String name : names) {
                        publisher.publish("texture/v2/" + ven.venId() + "/reports", Fixtures.report(ven.venId(), null,
                                name, base.plusSeconds(r).toString(), Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY)));
                        published++;
                    }
                }
                // One report of every device (~12 KB): past the 8 KB that Vert.x's MQTT client takes by default.
                publisher.publish("texture/v2/" + ven.venId() + "/reports", batch(ven, names,
                        base.plusSeconds(READINGS_PER_DEVICE)));
                published += DEVICES;
                publisher.publish("texture/v2/" + ven.venId() + "/reports/SHARED-MARKER", Fixtures.report(ven.venId(),
                        null, "SHARED-MARKER", base.toString(), Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY)));
                published++;
            }
            String markerId = ids.entrySet().stream().filter(e -> e.getValue().equals("SHARED-MARKER")).findFirst()
                    .orElseThrow().getKey();
            assertThat(TopicReader.read("telemetry.raw", r -> markerId.equals(r.key()), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            int messages = DEVICES * READINGS_PER_DEVICE + 2;
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.reportsReceived() + second.reportsReceived() >= messages
                    && ingest.reportsCompleted() == ingest.reportsReceived()
                    && second.reportsCompleted() == second.reportsReceived());

            Map<String, Integer> perReading = new HashMap<>();
            for (ConsumerRecord<String, String> record : readToEnd(ids.keySet())) {
                JsonNode payload = mapper.readTree(record.value()).get("payload");
                perReading.merge(payload.get("deviceId").asText() + "@" + payload.get("start").asText(), 1, Integer::sum);
            }
            assertThat(perReading).hasSize(published);
            assertThat(perReading.values()).containsOnly(1);
            assertThat(ingest.reportsReceived() + second.reportsReceived()).isEqualTo(messages);
            // How HiveMQ split the stream is its choice (it may hand a fast subscriber every message); that
            // each message went to one replica only is what the assertions above prove.
            System.out.printf("[measure] shared subscription: %d messages, replica 1 took %d, replica 2 took %d%n",
                    messages, ingest.reportsReceived(), second.reportsReceived());
        } finally {
            MqttReplica.stop(second);
        }
    }

    /** One report with a point-in-time reading of each named resource. */
    private static String batch(Fixtures.Ven ven, List<String> names, Instant at) {
        String resources = names.stream().map(name -> """
                {"resourceName":"%s","intervalPeriod":{"start":"%s","duration":"PT0S"},"intervals":[{"id":0,"payloads":[%s]}]}"""
                .formatted(name, at, Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY))).collect(java.util.stream.Collectors.joining(","));
        return "{\"eventID\":null,\"clientName\":\"" + ven.venId() + "\",\"resources\":[" + resources + "]}";
    }

    /** Every record of {@code keys} on telemetry.raw, from the beginning to the end offsets as of now. */
    private static List<ConsumerRecord<String, String>> readToEnd(Set<String> keys) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("telemetry.raw").stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(Instant.now()).as("telemetry.raw read to its end offsets in time").isBefore(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        matches.add(r);
                    }
                });
            }
        }
        return matches;
    }

    /** A platform service's MQTT client (service credential), publishing at QoS 1 and awaiting each PUBACK. */
    private static final class Publisher implements AutoCloseable {

        private final Vertx vertx = Vertx.vertx();
        private final MqttClient client;
        private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();

        Publisher() throws Exception {
            client = MqttClient.create(vertx, new MqttClientOptions().setClientId("test-fleet-" + UUID.randomUUID())
                    .setUsername("service:test-fleet").setPassword(PlatformBrokerResource.serviceCredential())
                    .setCleanSession(true).setMaxInflightQueue(1000));
            client.publishCompletionHandler(id -> acknowledged.incrementAndGet());
            client.connect(PlatformBrokerResource.port(), "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        }

        void publish(String topic, String payload) throws Exception {
            client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false).toCompletionStage()
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
            sent.incrementAndGet();
        }

        /** Waits for the broker's PUBACK of every message, then disconnects. */
        @Override
        public void close() throws Exception {
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.get() >= sent.get());
            client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close();
        }
    }
}
