package dev.gridservices.mqtt.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A VEN or service as the broker sees it, through a foreign MQTT 5 client (HiveMQ's Java client from
 * Maven Central): connect, subscribe, publish, and what arrived and how the connection ended.
 */
final class Client implements AutoCloseable {

    /** A received message: topic and payload. */
    record Message(String topic, String payload) {
    }

    private final Mqtt5BlockingClient client;
    final List<Message> received = new CopyOnWriteArrayList<>();
    private volatile Throwable disconnectCause;
    private volatile Instant disconnectedAt;

    private Client(String clientId, int port) {
        this.client = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .addDisconnectedListener(context -> {
                    disconnectCause = context.getCause();
                    disconnectedAt = Instant.now();
                })
                .buildBlocking();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, publish -> received.add(new Message(
                publish.getTopic().toString(), StandardCharsets.UTF_8.decode(publish.getPayload().orElseThrow()).toString())));
    }

    static Client create(String clientId) {
        return new Client(clientId, TestBroker.get().port());
    }

    /** Connects with a clean session; returns the CONNACK reason code (SUCCESS or the refusal). */
    Mqtt5ConnAckReasonCode connect(String username, byte[] password) {
        return connect(username, password, true, 0);
    }

    Mqtt5ConnAckReasonCode connect(String username, byte[] password, boolean cleanStart, long sessionExpiry) {
        return connectAck(username, password, cleanStart, sessionExpiry)
                .map(Mqtt5ConnAck::getReasonCode).orElseGet(() -> lastConnAckFailure);
    }

    private Mqtt5ConnAckReasonCode lastConnAckFailure;

    /** The CONNACK if accepted, empty (and {@link #lastConnAckFailure} set) if refused. */
    Optional<Mqtt5ConnAck> connectAck(String username, byte[] password, boolean cleanStart, long sessionExpiry) {
        var connect = client.connectWith().cleanStart(cleanStart).sessionExpiryInterval(sessionExpiry);
        if (username != null) {
            connect = connect.simpleAuth().username(username).password(password == null ? new byte[0] : password)
                    .applySimpleAuth();
        }
        try {
            return Optional.of(connect.send());
        } catch (Mqtt5ConnAckException e) {
            lastConnAckFailure = e.getMqttMessage().getReasonCode();
            return Optional.empty();
        }
    }

    /** Connects with a will message on {@code willTopic}; returns the CONNACK reason code. */
    Mqtt5ConnAckReasonCode connectWithWill(String username, byte[] password, String willTopic) {
        try {
            return client.connectWith().cleanStart(true)
                    .simpleAuth().username(username).password(password).applySimpleAuth()
                    .willPublish().topic(willTopic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                    .send().getReasonCode();
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    /** Subscribes at QoS 1; returns the SUBACK reason code. */
    Mqtt5SubAckReasonCode subscribe(String filter) {
        try {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send()
                    .getReasonCodes().get(0);
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().get(0);
        }
    }

    /**
     * Publishes at QoS 1; returns the PUBACK reason code, or empty if the broker closed the connection
     * before acknowledging.
     */
    Optional<Mqtt5PubAckReasonCode> publish(String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1) {
                return Optional.of(qos1.getPubAck().getReasonCode());
            }
            return Optional.empty();
        } catch (Mqtt5PubAckException e) {
            return Optional.of(e.getMqttMessage().getReasonCode());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    /** The reason the broker gave when it closed the connection, if it did. */
    Optional<Mqtt5DisconnectReasonCode> serverDisconnectReason() {
        return disconnectCause instanceof Mqtt5DisconnectException e
                ? Optional.of(e.getMqttMessage().getReasonCode())
                : Optional.empty();
    }

    Optional<Instant> disconnectedAt() {
        return Optional.ofNullable(disconnectedAt);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            try {
                client.toAsync().disconnect().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the broker may have closed it meanwhile: nothing left to close
            }
        }
    }
}
