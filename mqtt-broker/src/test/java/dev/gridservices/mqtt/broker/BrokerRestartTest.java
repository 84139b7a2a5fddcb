package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** File persistence: a session and the QoS 1 message queued for it survive a broker restart. */
class BrokerRestartTest {

    @Test
    void aQos1MessageQueuedForAnOfflineVenIsDeliveredAfterABrokerRestart() {
        String venId = "ven-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Credentials.token(venId);
        String topic = "texture/v2/" + venId + "/events/evt-restart";
        try (Client ven = Client.create(venId)) {
            assertThat(ven.connect(token, new byte[0], true, 300)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(ven.subscribe("texture/v2/" + venId + "/events/#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        }
        try (Client dispatch = Client.create("dispatch-restart-" + venId)) {
            Credentials.Login service = Credentials.service("dispatch-service");
            dispatch.connect(service.username(), service.password());
            dispatch.publish(topic, "queued-" + venId);
        }

        long restartMillis = TestBroker.get().restart();
        System.out.printf("MQTT broker restart on a kept data folder: %d ms%n", restartMillis);

        Client back = Client.create(venId);
        Mqtt5ConnAck ack = back.connectAck(token, new byte[0], false, 300).orElseThrow();
        assertThat(ack.isSessionPresent()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> back.received.stream()
                .anyMatch(m -> m.topic().equals(topic) && m.payload().equals("queued-" + venId)));
        back.close();
    }
}
