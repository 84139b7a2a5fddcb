package dev.gridservices.testkit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real MQTT client for tests: connects to the embedded broker, records what arrives on its subscriptions.
 * <p>
 * A device's connection is not what the tests examine, so the client behaves like a well-made device: its
 * session is persistent (the broker keeps its subscriptions and queued QoS 1 messages), it reconnects when
 * the broker drops the connection (Moquette does so under load), {@link #subscribe} returns only once the broker
 * granted the subscription (SUBACK), and {@link #publish} only once it acknowledged the message (PUBACK),
 * publishing again on the new connection if the old one was lost before the acknowledgement.
 */
public final class MqttTestClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttTestClient.class);
    private static final int ATTEMPTS = 3;

    /** A message as received: its topic and its payload as text. */
    public record Received(String topic, String payload) {
    }

    private final Vertx vertx;
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    // PUBACKs and SUBACKs by packet id; one may arrive before the caller learnt its id, hence the early set (under
    // this lock).
    private final Map<Integer, CompletableFuture<Void>> unacknowledged = new HashMap<>();
    private final Set<Integer> acknowledgedEarly = new HashSet<>();
    private volatile CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile boolean closing;

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
                .setCleanSession(false)
                .setAutoKeepAlive(true);
        if (username != null) {
            options.setUsername(username).setPassword("");
        }
        MqttClient client = MqttClient.create(vertx, options);
        MqttTestClient testClient = new MqttTestClient(vertx, client);
        client.publishHandler(m -> testClient.received.add(new Received(m.topicName(), m.payload().toString())));
        client.publishCompletionHandler(testClient::acknowledged);
        client.subscribeCompletionHandler(suback -> testClient.acknowledged(suback.messageId()));
        client.closeHandler(v -> testClient.onClosed());
        testClient.open();
        await(testClient.connected);
        return testClient;
    }

    private void open() {
        client.connect(Infrastructure.mqtt().port(), Infrastructure.mqtt().host()).onSuccess(ack -> {
            if (!ack.isSessionPresent()) {
                // The broker lost the session: subscribe again (its SUBACKs are taken off the books unawaited).
                subscriptions.forEach(filter -> client.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value())
                        .onSuccess(packetId -> awaitAcknowledgement(packetId, new CompletableFuture<>())));
            }
            connected.complete(null);
        }).onFailure(connected::completeExceptionally);
    }

    private synchronized void acknowledged(int packetId) {
        CompletableFuture<Void> ack = unacknowledged.remove(packetId);
        if (ack != null) {
            ack.complete(null);
        } else {
            acknowledgedEarly.add(packetId);
        }
    }

    private synchronized void awaitAcknowledgement(int packetId, CompletableFuture<Void> ack) {
        if (acknowledgedEarly.remove(packetId)) {
            ack.complete(null);
        } else if (!client.isConnected()) {
            ack.completeExceptionally(new IllegalStateException("connection lost"));
        } else {
            unacknowledged.put(packetId, ack);
        }
    }

    private synchronized void failUnacknowledged() {
        unacknowledged.values().forEach(ack -> ack.completeExceptionally(new IllegalStateException("connection lost")));
        unacknowledged.clear();
        acknowledgedEarly.clear();
    }

    private void onClosed() {
        if (closing) {
            return;
        }
        LOG.warnf("MQTT test client %s: the broker closed the connection; reconnecting", client.clientId());
        connected = new CompletableFuture<>();
        failUnacknowledged();
        vertx.runOnContext(v -> open());
    }

    /** Subscribes with QoS 1 and waits for the broker's SUBACK: what is published afterwards reaches this client. */
    public MqttTestClient subscribe(String topicFilter) {
        subscriptions.add(topicFilter);
        await(connected);
        CompletableFuture<Void> ack = new CompletableFuture<>();
        int packetId = await(client.subscribe(topicFilter, MqttQoS.AT_LEAST_ONCE.value()).toCompletionStage());
        awaitAcknowledgement(packetId, ack);
        await(ack);
        return this;
    }

    /** Publishes with QoS 1 and waits for the broker's PUBACK (at least once: again after a lost connection). */
    public void publish(String topic, String payload) {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                await(connected);
                CompletableFuture<Void> ack = new CompletableFuture<>();
                int packetId = await(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                        .toCompletionStage());
                awaitAcknowledgement(packetId, ack);
                await(ack);
                return;
            } catch (IllegalStateException | NullPointerException e) {
                // Vert.x's client throws a NullPointerException when the connection went away under it.
                failure = e instanceof IllegalStateException ise ? ise : new IllegalStateException("connection lost", e);
            }
        }
        throw failure;
    }

    public String clientId() {
        return client.clientId();
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
        closing = true;
        try {
            if (client.isConnected()) {
                await(client.disconnect().toCompletionStage());
            }
        } finally {
            vertx.close();
        }
    }
}
