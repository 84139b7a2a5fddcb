package dev.gridservices.testkit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real MQTT client for tests: connects to the embedded broker, records what arrives on its subscriptions. */
public final class MqttTestClient implements AutoCloseable {

    /** A message as received: its topic and its payload as text. */
    public record Received(String topic, String payload) {
    }

    private final Vertx vertx;
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttTestClient(Vertx vertx, MqttClient client) {
        this.vertx = vertx;
        this.client = client;
    }

    public static MqttTestClient connect() {
        return connect(null);
    }

    /** Connects with {@code username} (the Direct API puts the access token there), or anonymously. */
    public static MqttTestClient connect(String username) {
        Vertx vertx = Vertx.vertx();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId("test-" + UUID.randomUUID())
                .setCleanSession(true)
                .setAutoKeepAlive(true);
        if (username != null) {
            options.setUsername(username).setPassword("");
        }
        MqttClient client = MqttClient.create(vertx, options);
        MqttTestClient testClient = new MqttTestClient(vertx, client);
        client.publishHandler(m -> testClient.received.add(new Received(m.topicName(), m.payload().toString())));
        await(client.connect(Infrastructure.mqtt().port(), Infrastructure.mqtt().host()).toCompletionStage());
        return testClient;
    }

    public MqttTestClient subscribe(String topicFilter) {
        await(client.subscribe(topicFilter, MqttQoS.AT_LEAST_ONCE.value()).toCompletionStage());
        return this;
    }

    public void publish(String topic, String payload) {
        await(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false).toCompletionStage());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("MQTT operation failed", e);
        }
    }

    @Override
    public void close() {
        try {
            await(client.disconnect().toCompletionStage());
        } finally {
            vertx.close();
        }
    }
}
