package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.gridservices.mqtt.Cases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * mqtt-cases.yaml "topics" against the real broker: each case on a fresh connection (a refused publish
 * closes it). A watching service subscribed to texture/v2/# proves, after a final marker arrived, that
 * exactly the allowed publishes reached a subscriber.
 */
class TopicCasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestFactory
    Stream<DynamicTest> everyTopicCase() {
        String self = "ven-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "ven-" + UUID.randomUUID().toString().substring(0, 8);
        Client watcher = Client.create("watcher-" + self);
        Credentials.Login service = Credentials.service("test-watcher");
        assertThat(watcher.connect(service.username(), service.password())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(watcher.subscribe("texture/v2/#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        String token = Credentials.token(self);
        List<String> allowedPayloads = new ArrayList<>();
        List<Cases.TopicCase> cases = Cases.load().topics();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Cases.TopicCase c = cases.get(i);
            String payload = "case-" + i + "-" + self;
            if (!c.isSubscribe() && c.allowed()) {
                allowedPayloads.add(payload);
            }
            int index = i;
            tests.add(DynamicTest.dynamicTest(c.describe(), () -> {
                String topic = Cases.resolve(c.topic(), self, other);
                Credentials.Login login = c.isService() ? Credentials.service("test-suite") : new Credentials.Login(token, new byte[0]);
                String clientId = c.isService() ? "svc-" + self + "-" + index : self + ":case-" + index;
                try (Client client = Client.create(clientId)) {
                    assertThat(client.connect(login.username(), login.password())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
                    if (c.isSubscribe()) {
                        assertThat(client.subscribe(topic)).isEqualTo(c.allowed()
                                ? Mqtt5SubAckReasonCode.GRANTED_QOS_1 : Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
                        // a refused subscription leaves the connection open
                        assertThat(client.isConnected()).isTrue();
                    } else if (c.allowed()) {
                        assertThat(client.publish(topic, payload)).contains(Mqtt5PubAckReasonCode.SUCCESS);
                    } else {
                        Optional<Mqtt5PubAckReasonCode> ack = client.publish(topic, payload);
                        ack.ifPresent(code -> assertThat(code).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
                        // and then the broker closes the connection
                        await().atMost(WAIT).until(() -> !client.isConnected());
                        assertThat(client.serverDisconnectReason()).contains(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
                    }
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("exactly the allowed publishes reached a subscriber", () -> {
            String marker = "marker-" + self;
            try (Client publisher = Client.create("svc-marker-" + self)) {
                Credentials.Login login = Credentials.service("test-suite");
                publisher.connect(login.username(), login.password());
                publisher.publish("texture/v2/marker/done", marker);
            }
            await().atMost(WAIT).until(() -> watcher.received.stream().anyMatch(m -> m.payload().equals(marker)));
            assertThat(watcher.received).extracting(Client.Message::payload)
                    .filteredOn(p -> p.endsWith(self) && !p.equals(marker))
                    .containsExactlyInAnyOrderElementsOf(allowedPayloads);
            watcher.close();
        }));
        return tests.stream();
    }
}
