package dev.gridservices.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.localstack.LocalStack;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The services are wired to the launcher's brokers: an {@code events.dispatched} record on its Kafka
 * reaches a VEN subscribed at the printed MQTT URL, through dispatch-service. (No public endpoint
 * creates events yet; when dispatch-service has one, this becomes a gateway scenario.)
 */
@Order(2)
class InfrastructureWiringIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aDispatchedEventReachesTheVenOverTheLaunchersMqttBroker() throws Exception {
        LocalStack stack = SuiteStack.get();
        URI mqtt = URI.create(stack.mqttUrl());
        String venId = "ven-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = "evt-" + UUID.randomUUID().toString().substring(0, 8);
        List<MqttPublishMessage> received = new CopyOnWriteArrayList<>();
        MqttClient ven = MqttClient.create(vertx, new MqttClientOptions().setClientId(venId));
        ven.publishHandler(received::add);
        ven.connect(mqtt.getPort(), mqtt.getHost()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ven.subscribe("texture/v2/" + venId + "/events/#", 1)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        String envelope = JSON.writeValueAsString(Map.of(
                "id", UUID.randomUUID().toString(),
                "type", "event.dispatched",
                "version", 1,
                "occurredAt", Instant.now().toString(),
                "tenant", stack.demoTenant().orElseThrow().organizationId(),
                "payload", Map.of("venID", venId, "operation", "POST",
                        "event", Map.of("id", eventId, "programID", "prg-e2e", "eventName", "e2e"))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("events.dispatched", eventId, envelope)).get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        MqttPublishMessage message = received.get(0);
        assertThat(message.topicName()).isEqualTo("texture/v2/" + venId + "/events/" + eventId);
        JsonNode notification = JSON.readTree(message.payload().toString());
        assertThat(notification.get("objectType").asText()).isEqualTo("EVENT");
        assertThat(notification.get("object").get("id").asText()).isEqualTo(eventId);
        ven.disconnect();
    }
}
