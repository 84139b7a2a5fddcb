package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.gridservices.mqtt.Cases;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** mqtt-cases.yaml "offlineQueue": what a VEN that was offline gets when it reconnects. */
class OfflineQueueCasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestFactory
    Stream<DynamicTest> everyOfflineCase() {
        return Cases.load().offlineQueue().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String venId = "ven-" + UUID.randomUUID().toString().substring(0, 8);
            String events = "texture/v2/" + venId + "/events/";
            String token = Credentials.token(venId);
            Client ven = Client.create(venId);
            assertThat(ven.connect(token, new byte[0], true, c.sessionExpiry())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(ven.subscribe(events + "#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            ven.close();

            String queued = "while-offline-" + venId;
            try (Client dispatch = Client.create("dispatch-" + venId)) {
                Credentials.Login service = Credentials.service("dispatch-service");
                dispatch.connect(service.username(), service.password());
                assertThat(c.publishQos()).isEqualTo(1);
                dispatch.publish(events + "evt-offline", queued);
            }

            Client back = Client.create(venId);
            Mqtt5ConnAck ack = back.connectAck(token, new byte[0], c.reconnectCleanStart(), c.sessionExpiry()).orElseThrow();
            assertThat(ack.isSessionPresent()).isEqualTo(c.sessionPresent());
            if (c.delivered()) {
                await().atMost(WAIT).until(() -> back.received.stream().anyMatch(m -> m.payload().equals(queued)));
                assertThat(back.received).extracting(Client.Message::topic).contains(events + "evt-offline");
            } else {
                // nothing queued: prove it after a later message on the same subscription arrived
                assertThat(back.subscribe(events + "#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                String marker = "marker-" + venId;
                try (Client dispatch = Client.create("dispatch-marker-" + venId)) {
                    Credentials.Login service = Credentials.service("dispatch-service");
                    dispatch.connect(service.username(), service.password());
                    dispatch.publish(events + "evt-marker", marker);
                }
                await().atMost(WAIT).until(() -> back.received.stream().anyMatch(m -> m.payload().equals(marker)));
                assertThat(back.received).extracting(Client.Message::payload).doesNotContain(queued);
            }
            back.close();
        }));
    }
}
