package dev.gridservices.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.seed.DemoTenant;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The services are wired to the launcher's brokers: an {@code events.dispatched} record on its Kafka
 * reaches a VEN subscribed at the printed MQTT URL, through dispatch-service (which connects with the
 * launcher's service credential). VENs connect with an access token from /v2/auth/token and see only
 * their own topics. (No public endpoint creates events yet; when dispatch-service has one, this
 * becomes a gateway scenario.)
 */
@Order(2)
class InfrastructureWiringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUBACK_FAILURE = 0x80;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aVenWithItsTokenReceivesItsOwnDispatchedEventsAndNoOtherVens() throws Exception {
        LocalStack stack = SuiteStack.get();
        Edge.Ven registeredA = newVen(stack);
        Edge.Ven registeredB = newVen(stack);
        String venA = registeredA.id();
        String venB = registeredB.id();
        String tokenB = Edge.token(stack, registeredB);
        Ven a = Ven.connect(vertx, stack, venA, Edge.token(stack, registeredA));
        Ven b = Ven.connect(vertx, stack, venB, tokenB);

        assertThat(a.subscribe("texture/v2/" + venA + "/events/#")).isEqualTo(1);
        // B's attempts to read A's events, or everyone's, are refused in the SUBACK
        assertThat(b.subscribe("texture/v2/" + venA + "/events/#")).isEqualTo(SUBACK_FAILURE);
        assertThat(b.subscribe("texture/v2/#")).isEqualTo(SUBACK_FAILURE);
        assertThat(b.subscribe("texture/v2/+/events/#")).isEqualTo(SUBACK_FAILURE);

        // what B publishes on A's topic (from a second connection, client id "venB:…") is dropped, and the
        // broker closes that connection: MQTT 3.1.1 has no negative PUBACK
        Ven forger = Ven.connect(vertx, stack, venB + ":forger", tokenB);
        AtomicBoolean forgerClosed = new AtomicBoolean();
        forger.client.closeHandler(closed -> forgerClosed.set(true));
        forger.client.publish("texture/v2/" + venA + "/events/forged", Buffer.buffer("{}"),
                MqttQoS.AT_MOST_ONCE, false, false).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).untilTrue(forgerClosed);
        String eventA = dispatch(stack, venA);
        await().atMost(Duration.ofSeconds(30)).until(() -> !a.received.isEmpty());
        MqttPublishMessage message = a.received.get(0);
        assertThat(message.topicName()).isEqualTo("texture/v2/" + venA + "/events/" + eventA);
        JsonNode notification = JSON.readTree(message.payload().toString());
        assertThat(notification.get("objectType").asText()).isEqualTo("EVENT");
        assertThat(notification.get("object").get("id").asText()).isEqualTo(eventA);

        // B is still connected and served on its own topic — and got nothing of A's; A got nothing of B's
        assertThat(b.subscribe("texture/v2/" + venB + "/events/#")).isEqualTo(1);
        String eventB = dispatch(stack, venB);
        await().atMost(Duration.ofSeconds(30)).until(() -> !b.received.isEmpty());
        assertThat(b.received).extracting(MqttPublishMessage::topicName)
                .containsExactly("texture/v2/" + venB + "/events/" + eventB);
        assertThat(a.received).extracting(MqttPublishMessage::topicName)
                .containsExactly("texture/v2/" + venA + "/events/" + eventA);
        a.client.disconnect();
        b.client.disconnect();
    }

    @Test
    void connectionsWithoutAValidVenTokenAreRefused() throws Exception {
        LocalStack stack = SuiteStack.get();
        Edge.Ven ven = newVen(stack);
        String venId = ven.id();
        String token = Edge.token(stack, ven);
        String[] parts = token.split("\\.");
        String otherVenClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(venId, "ven-someone-else");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherVenClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        // the utility's BL client is bound to no VEN: a valid token, but not a VEN's
        DemoTenant.Utility utility = stack.demoTenant().orElseThrow().utility();
        String unbound = Edge.token(stack, utility.clientId(), utility.clientSecret());

        assertRefused(new MqttClientOptions().setClientId("anonymous-" + venId));
        assertRefused(new MqttClientOptions().setClientId("garbage-" + venId).setUsername("not-a-token").setPassword(""));
        assertRefused(new MqttClientOptions().setClientId("forged-" + venId).setUsername(forged).setPassword(""));
        assertRefused(new MqttClientOptions().setClientId("unbound-" + venId).setUsername(unbound).setPassword(""));
        assertRefused(new MqttClientOptions().setClientId("service-" + venId).setUsername("service:dispatch-service")
                .setPassword("guessed"));
        // a genuine token, but another VEN's client id: no session takeover
        assertRefused(new MqttClientOptions().setClientId("ven-someone-else").setUsername(token).setPassword(""));
        // the genuine token still connects
        Ven.connect(vertx, stack, venId, token).client.disconnect();
    }

    private void assertRefused(MqttClientOptions options) {
        URI mqtt = URI.create(SuiteStack.get().mqttUrl());
        MqttClient client = MqttClient.create(vertx, options);
        assertThatThrownBy(() -> client.connect(mqtt.getPort(), mqtt.getHost())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .as(options.getClientId())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(MqttConnectionException.class);
    }

    /**
     * A new VEN of the demo OEM organization (auth-service binds clients only to VENs device-service knows
     * as the organization's) and its VEN-bound OAuth client.
     */
    private static Edge.Ven newVen(LocalStack stack) {
        DemoTenant.Oem oem = stack.demoTenant().orElseThrow().oem();
        return Edge.ven(stack, oem.organizationId(), oem.serverKey(), List.of("read_events", "write_reports"));
    }

    /** Puts an events.dispatched record for {@code venId} on Kafka; returns the event id. */
    private static String dispatch(LocalStack stack, String venId) throws Exception {
        String eventId = "evt-" + UUID.randomUUID().toString().substring(0, 8);
        String envelope = JSON.writeValueAsString(Map.of(
                "id", UUID.randomUUID().toString(),
                "type", "event.dispatched",
                "version", 1,
                "occurredAt", Instant.now().toString(),
                "tenant", stack.demoTenant().orElseThrow().oem().organizationId(),
                "payload", Map.of("venID", venId, "operation", "POST",
                        "event", Map.of("id", eventId, "programID", "prg-e2e", "eventName", "e2e"))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("events.dispatched", eventId, envelope)).get(30, TimeUnit.SECONDS);
        }
        return eventId;
    }

    /** A VEN's MQTT connection: its token as username, an empty password. */
    private record Ven(MqttClient client, List<MqttPublishMessage> received, List<List<Integer>> subAcks) {

        /** Connects with client id {@code clientId}: the venID, or "venID:" and a suffix. */
        static Ven connect(Vertx vertx, LocalStack stack, String clientId, String token) throws Exception {
            URI mqtt = URI.create(stack.mqttUrl());
            MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                    .setClientId(clientId).setUsername(token).setPassword(""));
            Ven ven = new Ven(client, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            client.publishHandler(ven.received::add);
            client.subscribeCompletionHandler(ack -> ven.subAcks.add(ack.grantedQoSLevels()));
            client.connect(mqtt.getPort(), mqtt.getHost()).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return ven;
        }

        /** Subscribes at QoS 1; returns the QoS the broker granted (0x80: refused). */
        int subscribe(String filter) throws Exception {
            int before = subAcks.size();
            client.subscribe(filter, 1).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> subAcks.size() > before);
            return subAcks.get(before).get(0);
        }
    }
}
